"""Outputs named as a pandoc or Quarto user expects (issue 11), each through the command line.

-o FILE and -o -, a folder input's tree kept, names that depend on the input's
path alone, standard input and URLs named by title, .gz inputs, the list of
written files on a terminal, and --open.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli

from .conftest import SEED

NOTE = ("Pact signed\n\nMali and Niger signed a defence pact in Niamey on Saturday. "
        "The pact obliges each to help the other within 72 hours.\n")
MARKDOWN = ("# Aid pledged to Chad\n\nThe European Union pledged 50 million euros to Chad on Monday. "
            "The money will fund schools and clinics.\n")


@pytest.fixture
def here(tmp_path, monkeypatch):
    """An empty current folder; the NLP pipeline loaded once (workers fork with it)."""
    from briefing.summarise.extractive.nlp import load_pipeline

    load_pipeline()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return tmp_path


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and not p.name.startswith(".briefing-cache"))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -o FILE, -o - -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, check", [
    ("brief.pdf", lambda data: data.startswith(b"%PDF-")),
    ("brief.md", lambda data: data.startswith(b"---\n")),
    ("out/brief.json", lambda data: json.loads(data)["schema_version"] == 1),
])
def test_o_with_a_known_suffix_writes_that_file_in_that_format(here, name, check):
    write(here / "note.txt", NOTE)
    result = run("build", "note.txt", "-o", name)
    assert result.exit_code == 0, result.output
    assert check((here / name).read_bytes())
    assert files(here) == sorted(["note.txt", name])  # nothing else: no briefs/, no other format, no manifest


def test_o_file_refuses_another_format_and_several_inputs_before_any_work(here):
    write(here / "a.txt", NOTE)
    write(here / "b.txt", NOTE)
    clash = run("build", "a.txt", "-o", "brief.pdf", "-f", "md")
    assert clash.exit_code == 2 and "-o brief.pdf writes pdf" in clash.stderr
    several = run("build", "a.txt", "b.txt", "-o", "brief.pdf")
    assert several.exit_code == 2
    assert "-o brief.pdf writes one brief, but the inputs are 2 documents" in several.stderr
    assert files(here) == ["a.txt", "b.txt"]


def test_o_dash_writes_one_format_to_standard_output(here):
    write(here / "note.txt", NOTE)
    result = run("build", "note.txt", "-o", "-", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["title"]
    markdown = run("build", "note.txt", "-o", "-")  # no -f: Markdown
    assert markdown.stdout.startswith("---\n")
    two = run("build", "note.txt", "-o", "-", "-f", "md", "-f", "pdf")
    assert two.exit_code == 2 and "-o - writes one format to standard output" in two.stderr
    assert files(here) == ["note.txt"]


def test_o_dash_writes_no_pdf_bytes_to_a_terminal(here, monkeypatch):
    monkeypatch.setattr("briefing.cli._stdout_is_terminal", lambda: True)
    write(here / "note.txt", NOTE)
    result = run("build", "note.txt", "-o", "-", "-f", "pdf")
    assert result.exit_code == 2 and "-o - would write pdf bytes to the terminal" in result.stderr
    assert run("build", "note.txt", "-o", "-", "-f", "md").exit_code == 0  # text is fine


def test_summarise_writes_its_json_to_o_file(here):
    write(here / "note.txt", NOTE)
    result = run("summarise", "note.txt", "-o", "brief.json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert json.loads((here / "brief.json").read_text(encoding="utf-8"))["schema_version"] == 1
    assert run("summarise", "note.txt", "-o", "brief.json").exit_code == 0  # its own file: replaced
    wrong = run("summarise", "note.txt", "-o", "brief.pdf")
    assert wrong.exit_code == 2 and "briefing build note.txt -o brief.pdf" in wrong.stderr
    (here / "mine.json").write_text("{}")
    kept = run("summarise", "note.txt", "-o", "mine.json")
    assert kept.exit_code == 2 and "was not made by briefing" in kept.stderr
    assert (here / "mine.json").read_text() == "{}"


def test_render_takes_o_file_too(here):
    write(here / "note.txt", NOTE)
    assert run("summarise", "note.txt", "-o", "brief.json").exit_code == 0
    result = run("render", "brief.json", "-o", "edited.md")
    assert result.exit_code == 0, result.stderr
    assert (here / "edited.md").read_text(encoding="utf-8").startswith("---\n")


# Names from the input's path alone ----------------------------------------------------------------------


def test_a_folder_input_keeps_its_tree(here):
    write(here / "sources" / "eu" / "a.md", MARKDOWN)
    write(here / "sources" / "africa" / "a.md", MARKDOWN)
    write(here / "sources" / "top.txt", NOTE)
    result = run("build", "sources", "-f", "md", "-o", "briefs")
    assert result.exit_code == 0, result.output
    assert files(here / "briefs") == ["africa/a.md", "eu/a.md", "top.md"]
    pattern = run("build", "sources/**/*.md", "-f", "json", "-o", "briefs")  # a pattern: below its folder
    assert pattern.exit_code == 0, pattern.output
    assert "africa/a.json" in files(here / "briefs") and "eu/a.json" in files(here / "briefs")


def test_a_brief_is_named_the_same_whether_built_alone_or_with_its_folder(here):
    write(here / "docs" / "a.txt", NOTE)
    write(here / "docs" / "a.md", MARKDOWN)
    write(here / "docs" / "b.txt", NOTE)
    alone = run("build", "docs/a.md", "-f", "md", "-o", "one")
    assert alone.exit_code == 0, alone.output
    together = run("build", "docs", "-f", "md", "-o", "all")
    assert together.exit_code == 0, together.output
    assert files(here / "one") == ["a.md.md"]  # a.txt is beside it: each keeps its suffix in the name
    assert files(here / "all") == ["a.md.md", "a.txt.md", "b.md"]
    assert (here / "one" / "a.md.md").read_bytes() == (here / "all" / "a.md.md").read_bytes()
    alone_txt = run("build", "docs/a.txt", "-f", "md", "-o", "all")  # never over a.md's brief
    assert alone_txt.exit_code == 0 and files(here / "all") == ["a.md.md", "a.txt.md", "b.md"]


def test_two_inputs_that_would_share_a_brief_are_refused_before_any_work(here):
    write(here / "x" / "a.md", MARKDOWN)
    write(here / "y" / "a.md", MARKDOWN)
    result = run("build", "x/a.md", "y/a.md", "-f", "md", "-o", "briefs")
    assert result.exit_code == 2
    assert "both x/a.md and y/a.md would be briefed as this file" in result.stderr
    assert not (here / "briefs").exists()
    assert run("build", ".", "-f", "md", "-o", "briefs").exit_code == 0  # their folder: each keeps its place
    assert files(here / "briefs") == ["x/a.md", "y/a.md"]


def test_standard_input_is_named_by_its_title_and_a_second_build_never_replaces_the_first(here):
    first = run("build", "-", "-f", "md", "-o", "briefs", input=MARKDOWN)
    assert first.exit_code == 0, first.output
    second = run("build", "-", "-f", "md", "-f", "json", "-o", "briefs", input=MARKDOWN.replace("50", "60"))
    assert second.exit_code == 0, second.output
    assert files(here / "briefs") == ["aid-pledged-to-chad-2.json", "aid-pledged-to-chad-2.md",
                                      "aid-pledged-to-chad.md"]
    assert "50 million" in (here / "briefs" / "aid-pledged-to-chad.md").read_text(encoding="utf-8")
    untitled = run("build", "-", "-f", "md", "-o", "briefs",
                   input="mali and niger signed a pact on saturday. it binds both for ten years.\n")
    assert untitled.exit_code == 0, untitled.output
    assert "stdin.md" in files(here / "briefs") or any(n.startswith("mali") for n in files(here / "briefs"))


def test_slugs_are_file_names():
    from briefing.naming import slugify, title_stem

    assert slugify("Mali: Juntas of Mali, Niger & Burkina Faso Sign Security Pact") == (
        "mali-juntas-of-mali-niger-burkina-faso-sign-security-pact")
    assert slugify("L'Union européenne s'engage") == "lunion-européenne-sengage"
    assert len(slugify("word " * 40)) <= 60 and not slugify("word " * 40).endswith("-")
    assert title_stem("../../etc/passwd", "stdin") == "etc-passwd"
    assert title_stem("\x1b[31m", "stdin") == "31m"
    assert title_stem(None, "stdin") == "stdin" and title_stem("!!!", "page") == "page"


# .gz inputs ----------------------------------------------------------------------------------------------


def test_gzip_inputs_are_read_and_named_without_gz(here):
    (here / "sources").mkdir()
    (here / "sources" / "note.txt.gz").write_bytes(gzip.compress(NOTE.encode("utf-8")))
    page = f"<html><head><title>Aid pledged</title></head><body><article><p>{MARKDOWN.splitlines()[2]}</p>" \
           "</article></body></html>"
    (here / "sources" / "page.html.gz").write_bytes(gzip.compress(page.encode("utf-8")))
    (here / "sources" / "backup.tar.gz").write_bytes(gzip.compress(b"not a document"))
    result = run("build", "sources", "-f", "md", "-o", "briefs")
    assert result.exit_code == 0, result.output
    assert files(here / "briefs") == ["note.md", "page.md"]  # backup.tar.gz is no document
    text = run("text", "sources/note.txt.gz")
    assert "Mali and Niger signed a defence pact" in text.stdout


def test_a_gzip_bomb_is_refused_as_a_zip_bomb_is(here):
    (here / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * (300 * 2**20), compresslevel=9))
    result = run("text", "bomb.txt.gz")
    assert result.exit_code == 1
    assert "bomb.txt.gz: unpacks to more than" in result.stderr and "(a gzip bomb?)" in result.stderr
    (here / "fake.md.gz").write_bytes(b"plain text, not gzip")
    fake = run("text", "fake.md.gz")
    assert fake.exit_code == 1 and "fake.md.gz: is named .gz but is not a gzip file" in fake.stderr


# A terminal, --open --------------------------------------------------------------------------------------


def test_on_a_terminal_the_build_ends_with_the_files_it_wrote(here, monkeypatch):
    monkeypatch.setattr("briefing.cli._interactive", lambda: True)
    write(here / "note.txt", NOTE)
    result = run("build", "note.txt", "-f", "md", "-f", "json", "-o", "briefs")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == f"Wrote {Path('briefs/note.md')}, {Path('briefs/note.json')}"
    for i in range(4):
        write(here / "many" / f"n{i}.txt", NOTE)
    many = run("build", "many", "-f", "md", "-f", "json", "-o", "briefs", "-j", "1")
    assert many.stderr.splitlines()[-1] == "Wrote 8 files in briefs"
    monkeypatch.setattr("briefing.cli._interactive", lambda: False)
    quiet = run("build", "note.txt", "-f", "md", "-o", "other")
    assert "Wrote" not in quiet.stderr  # a log or a pipe gets the per-document lines only


def test_open_opens_the_one_brief_in_the_viewer(here, monkeypatch):
    opened = here / "opened.txt"
    viewer = write(here / "viewer.py", f"import sys\nopen({str(opened)!r}, 'w').write(sys.argv[1])\n")
    monkeypatch.setenv("BRIEFING_OPENER", f"{sys.executable} {viewer}")
    write(here / "note.txt", NOTE)
    result = run("build", "note.txt", "-f", "md", "-f", "html", "-o", "briefs", "--open")
    assert result.exit_code == 0, result.output
    deadline = time.monotonic() + 30
    while not opened.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert opened.read_text() == os.path.join("briefs", "note.html")  # the most readable format
    write(here / "other.txt", NOTE)
    several = run("build", "note.txt", "other.txt", "-f", "md", "-o", "briefs", "--open")
    assert several.exit_code == 2 and "--open opens one brief, but the inputs are 2 documents" in several.stderr
