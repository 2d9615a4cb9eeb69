"""A build never writes over one of its inputs, nor over a file briefing did not make (issue 11's data-loss defect).

Every refusal happens before any document is summarised, so these run the
real command line without loading the NLP pipeline.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.clash import made_by_briefing
from briefing.cli import cli
from briefing.render import RenderOptions, get_renderer

from .render_fixtures import make_brief

ARTICLE = "Kenya and Uganda signed a trade pact on Friday in Nairobi.\n"


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")

    def invoke(*args: str):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_refused(result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: "), result.stderr
    assert result.stderr.count("\n") == 1  # one line, no "Usage: … Try --help"
    for word in words:
        assert word in result.stderr


@pytest.mark.parametrize("name, formats", [
    ("memo.docx", []),  # docx is a default format: the defect as reported
    ("article.md", ["-f", "md"]),
    ("page.html", ["-f", "html"]),
])
def test_an_input_in_the_output_folder_is_never_overwritten(run, tmp_path, name, formats):
    source = tmp_path / name
    source.write_bytes(b"the user's own document, not a brief")
    before = snapshot(tmp_path)
    for output in (["-o", "."], ["-o", str(tmp_path)], ["-o", "./"]):
        for force in ([], ["--force"]):
            result = run("build", name, *formats, *output, *force)
            assert_refused(result, name, "its own input", "-o")
    assert snapshot(tmp_path) == before


def test_a_folder_input_built_into_itself_is_refused(run, tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text(ARTICLE)
    before = snapshot(tmp_path)
    assert_refused(run("build", "notes/", "-o", "notes/", "-f", "pdf"), "input folder", "-o")
    assert_refused(run("build", "notes", "-o", "notes", "-f", "html"), "input folder")
    assert snapshot(tmp_path) == before


def test_a_folder_input_over_its_own_text_files_is_refused(run, tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.md").write_text(ARTICLE)
    before = snapshot(tmp_path)
    assert_refused(run("build", "notes", "-o", "notes", "-f", "md"), "notes/a.md", "its own input")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("pattern, output", [("notes/*.md", "notes"), ("notes/**/*.md", "."),
                                             ("notes/*.md", "notes/..")])
def test_a_pattern_that_searches_the_output_folder_is_refused(run, tmp_path, pattern, output):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.md").write_text(ARTICLE)
    before = snapshot(tmp_path)
    assert_refused(run("build", pattern, "-o", output, "-f", "pdf"), pattern, "output folder")
    assert snapshot(tmp_path) == before


def test_the_project_files_output_dir_is_checked_too(run, tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.md").write_text(ARTICLE)
    (tmp_path / "briefing.toml").write_text('inputs = ["sources"]\noutput-dir = "sources"\nformats = ["md"]\n')
    before = snapshot(tmp_path)
    assert_refused(run("build"), "sources/a.md", "its own input")
    assert snapshot(tmp_path) == before


def test_a_file_briefing_did_not_make_is_never_overwritten_even_with_force(run, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "memo.txt").write_text(ARTICLE)
    (tmp_path / "out").mkdir()
    theirs = tmp_path / "out" / "memo.pdf"
    theirs.write_bytes(b"%PDF-1.7 someone else's report")
    for force in ([], ["--force"]):
        result = run("build", "in/memo.txt", "-o", "out", "-f", "md", "-f", "pdf", *force)
        assert_refused(result, "out/memo.pdf", "not made by briefing", "-o")
    assert theirs.read_bytes() == b"%PDF-1.7 someone else's report"
    assert not (tmp_path / "out" / "memo.md").exists()  # refused before any work


def test_render_over_its_own_brief_json_is_refused(run, tmp_path):
    brief = tmp_path / "a.json"
    brief.write_text(json.dumps(make_brief().to_dict()))
    before = snapshot(tmp_path)
    assert_refused(run("render", "a.json", "-f", "json", "-o", "."), "its own input")
    assert snapshot(tmp_path) == before


def test_briefs_that_briefing_made_are_rebuilt_in_place(run, tmp_path):
    (tmp_path / "b").mkdir()
    brief = tmp_path / "b" / "a.json"
    brief.write_text(json.dumps(make_brief().to_dict()))
    for _ in range(2):  # the second run writes over the briefs the first one made
        result = run("render", "b/a.json", "-f", "md", "-f", "html", "-f", "docx", "-o", "out")
        assert result.exit_code == 0, result.output
    assert sorted(os.listdir(tmp_path / "out")) == ["a.docx", "a.html", "a.md"]


@pytest.mark.parametrize("fmt", ["md", "html", "json", "docx", "pdf"])
def test_every_built_in_format_is_recognised_as_ours(tmp_path, fmt):
    renderer = get_renderer(fmt)
    path = tmp_path / f"brief{renderer.suffix}"
    path.write_bytes(renderer.render(make_brief(), options=RenderOptions()))
    assert made_by_briefing(path)


@pytest.mark.parametrize("suffix, data", [
    (".md", b"# My notes\n\ngenerator: briefing was mentioned here\n"),
    (".json", b'{"generator": "briefing"}'),
    (".json", b"not json"),
    (".docx", b"PK\x03\x04 not a zip"),
    (".pdf", b"%PDF-1.7\n%%EOF"),
    (".html", b"<html><meta name='generator' content='other'></html>"),
    (".odt", b"anything"),
])
def test_other_files_are_not_recognised_as_ours(tmp_path, suffix, data):
    path = tmp_path / f"x{suffix}"
    path.write_bytes(data)
    assert not made_by_briefing(path)
