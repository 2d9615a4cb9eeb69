"""The command line: exit codes, messages, outputs."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from briefing.cli import cli

from .conftest import SEED


@pytest.fixture
def run():
    def invoke(*args: str):
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.mark.parametrize("command", [[], ["build"], ["summarise"], ["render"], ["formats"]])
def test_every_command_has_help(run, command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output or command == []


def test_formats_lists_the_built_in_renderers(run):
    result = run("formats")
    assert result.exit_code == 0
    names = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert set(names) >= {"md", "html", "pdf", "docx", "json"}


def test_missing_file_is_exit_1_with_one_error_line(run, tmp_path):
    result = run("build", tmp_path / "nope.txt", "-o", tmp_path / "out", "-f", "md")
    assert result.exit_code == 1
    assert f"Error: {tmp_path / 'nope.txt'}: no such file" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not (tmp_path / "out" / "nope.md").exists()


def test_empty_file_is_exit_1(run, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("summarise", empty)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {empty}: the document is empty"


def test_unknown_format_is_a_usage_error(run, tmp_path):
    result = run("build", SEED, "-f", "rtf", "-o", tmp_path)
    assert result.exit_code == 2
    assert "unknown format 'rtf'; installed formats:" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_bad_option_value_is_a_usage_error(run):
    result = run("summarise", SEED, "--summary-sentences", "0")
    assert result.exit_code == 2


def test_batch_goes_on_past_a_bad_input(run, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00garbage")
    out = tmp_path / "out"
    result = run("build", bad, SEED, "-f", "md", "-f", "json", "-o", out)
    assert result.exit_code == 1
    assert f"Error: {bad}: " in result.stderr
    assert "1 of 2 inputs failed (1 built)" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["sahel-security-pact.json", "sahel-security-pact.md"]


def test_build_then_render_an_edited_brief(run, tmp_path):
    result = run("build", SEED, "-f", "json", "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    brief_path = tmp_path / "sahel-security-pact.json"
    data = json.loads(brief_path.read_text())
    data["title"] = "Edited by an analyst"
    brief_path.write_text(json.dumps(data))
    result = run("render", brief_path, "-f", "md", "-o", tmp_path / "r")
    assert result.exit_code == 0, result.stderr
    assert "Edited by an analyst" in (tmp_path / "r" / "sahel-security-pact.md").read_text()


def test_render_rejects_a_file_that_is_not_a_brief(run, tmp_path):
    bogus = tmp_path / "x.json"
    bogus.write_text('{"schema_version": 99}')
    result = run("render", bogus, "-f", "md", "-o", tmp_path)
    assert result.exit_code == 1
    assert "unsupported schema_version 99" in result.stderr


def test_summarise_prints_the_json_contract(run):
    result = run("summarise", SEED, "--summary-sentences", "2")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1 and len(data["summary"]) == 2


def test_default_build_writes_md_docx_pdf(run, tmp_path):
    result = run("build", SEED, "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "sahel-security-pact.docx", "sahel-security-pact.md", "sahel-security-pact.pdf"]


def test_debug_shows_the_traceback(tmp_path):
    result = CliRunner().invoke(cli, ["--debug", "summarise", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert result.exc_info is not None and result.exc_info[0].__name__ == "InputError"


def test_python_dash_m_runs_the_cli():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "briefing", "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("briefing, version ")
