"""Errors that say what to do (issue 11): before any work, once, with the file and line, and what was meant."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli

NOTE = ("Pact signed\n\nMali and Niger signed a defence pact in Niamey on Saturday. "
        "The pact obliges each to help the other within 72 hours.\n")


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(NOTE, encoding="utf-8")
    return tmp_path


@pytest.fixture
def no_summarising(monkeypatch):
    """Fail the test if any document is read and summarised."""
    def summarise(*args, **kwargs):
        raise AssertionError("a document was summarised before the mistake was reported")

    monkeypatch.setattr("briefing.build.Summarise.__call__", summarise)


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def one_error(result, code: int) -> str:
    assert result.exit_code == code, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr  # no "Usage: … Try --help"
    return lines[0]


# Templates ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, text, line, says", [
    ("brief.md", "---\ntitle: {{ brief.title }}\n{% for x in brief.summary %}\n", 3, "Unexpected end of template"),
    ("brief.md", "# {{ brief.title }}\n\n{{ brief.summmary }}\n", 3, "has no attribute 'summmary'"),
    ("brief.html", "<html>\n<body>\n{{ brief.title | nosuchfilter }}\n", 3, "No filter named 'nosuchfilter'"),
])
def test_a_broken_template_is_one_error_naming_file_and_line_before_any_work(here, no_summarising, name, text, line,
                                                                            says):
    (here / "mine").mkdir()
    (here / "mine" / name).write_text(text, encoding="utf-8")
    formats = ["-f", "md"] if name.endswith(".md") else ["-f", "pdf", "-f", "html"]
    result = run("build", "a.txt", "b.txt", "c.txt", *formats, "--template-dir", "mine", "-o", "out", "-j", "1")
    error = one_error(result, 2)
    assert f"{here / 'mine' / name}, line {line}" in error and says in error
    assert not (here / "out").exists()


# Did you mean -----------------------------------------------------------------------------------------------


def test_a_misspelt_format_gets_did_you_mean(here, no_summarising):
    result = run("build", "a.txt", "-f", "pfd")
    assert result.exit_code == 2
    assert "unknown format 'pfd'; did you mean 'pdf'?" in result.stderr


@pytest.mark.parametrize("text, says", [
    ('inputs = ["a.txt"]\nformats = ["md", "pdff"]\n',
     "line 2: 'formats' names an unknown format 'pdff'; did you mean 'pdf'?"),
    ('inputs = ["a.txt"]\npaper = "leter"\n',
     "line 2: 'paper' must be one of a4, letter, not 'leter'; did you mean 'letter'?"),
    ('inputs = ["a.txt"]\nouput-dir = "x"\n', "line 2: unknown key 'ouput-dir'; did you mean 'output-dir'?"),
    ('inputs = ["a.txt"]\npages = "20-1"\n', "line 2: 'pages' '20-1': pages count from 1"),
])
def test_a_config_mistake_names_file_and_line_without_usage(here, no_summarising, text, says):
    (here / "briefing.toml").write_text(text, encoding="utf-8")
    error = one_error(run("build"), 2)
    assert f"briefing.toml, {says}" in error


def test_a_config_option_no_renderer_can_use_is_exit_2_without_usage(here, no_summarising):
    (here / "briefing.toml").write_text('inputs = ["a.txt"]\nreference-docx = "house.docx"\n', encoding="utf-8")
    error = one_error(run("build", "-f", "docx"), 2)
    assert "house.docx: no such file" in error


# --reference-docx -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("make, says", [
    (lambda p: None, "no such file"),
    (lambda p: p.write_text("not a Word file"), "not a valid Word (.docx) file"),
    (lambda p: p.mkdir(), "is a directory"),
])
def test_a_bad_reference_docx_is_exit_2_whatever_the_reason(here, no_summarising, make, says):
    make(here / "house.docx")
    result = run("build", "a.txt", "-f", "docx", "--reference-docx", "house.docx")
    assert result.exit_code == 2
    assert "--reference-docx" in result.stderr and says in result.stderr


# OS errors on output --------------------------------------------------------------------------------------


def test_an_unwritable_output_folder_is_one_line_naming_path_and_reason_before_any_work(here, no_summarising):
    result = run("build", "a.txt", "-f", "md", "-o", "/proc/briefing-test")
    error = one_error(result, 2)  # no document could be written: said once, before any is read
    assert error == "Error: /proc/briefing-test: the output folder cannot be written in: No such file or directory"
    assert "unexpected error" not in result.stderr and "Traceback" not in result.output


def test_one_documents_output_failing_does_not_stop_the_others(here):
    (here / "src" / "blocked").mkdir(parents=True)
    (here / "src" / "blocked" / "x.txt").write_text(NOTE, encoding="utf-8")
    (here / "src" / "y.txt").write_text(NOTE, encoding="utf-8")
    (here / "out").mkdir()
    (here / "out" / "blocked").write_text("a file where the brief's folder would be")
    result = run("build", "src", "-f", "md", "-o", "out", "-j", "1")
    assert result.exit_code == 1
    assert f"Error: {Path('src/blocked/x.txt')}: {Path('out/blocked/x.md')}: cannot write: " in result.stderr
    assert (here / "out" / "y.md").is_file()


def test_a_full_disk_is_one_line_and_leaves_no_partial_file(here, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("briefing.output.os.fsync", full)
    result = run("build", "a.txt", "-f", "md", "-o", "out", "-j", "1")
    assert result.exit_code == 1
    assert f"Error: a.txt: {Path('out/a.md')}: cannot write: No space left on device" in result.stderr
    assert [p.name for p in (here / "out").iterdir() if not p.name.startswith(".briefing-cache")] == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_one_line(here):
    (here / "out").mkdir()
    (here / "out").chmod(0o555)
    try:
        result = run("build", "a.txt", "-f", "md", "-o", "out", "-j", "1")
    finally:
        (here / "out").chmod(0o755)
    assert result.exit_code == 1
    assert f"Error: a.txt: {Path('out/a.md')}: cannot write: Permission denied" in result.stderr
