"""The command line: exit codes, messages, outputs."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from briefing.cli import cli

from .conftest import SEED


def briefs_in(folder) -> list[str]:
    """The files a build wrote, without its cache manifest."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith(".briefing-cache"))


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
    assert "unknown format 'rtf' (installed formats: docx, html, json, md, pdf)" in result.stderr
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
    assert briefs_in(out) == ["sahel-security-pact.json", "sahel-security-pact.md"]


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
    assert briefs_in(tmp_path) == [
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


# --- batches: project file, workers, cache, --check, --report, --shard, signals ----------------------------

NOTES = {
    "pact.txt": "Pact signed\n\nMali and Niger signed a defence pact in Niamey on Saturday. "
                "The pact obliges each to help the other within 72 hours.\n",
    "talks.txt": "Talks resume\n\nDiplomats from Ghana and Togo resumed border talks in Accra. "
                 "A deal is expected next month, officials said.\n",
    "aid.md": "# Aid pledged\n\nThe European Union pledged 50 million euros to Chad on Monday. "
              "The money will fund schools and clinics.\n",
}


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder of three short notes, the current folder; the NLP pipeline loaded (workers fork with it)."""
    from briefing.summarise.extractive.nlp import load_pipeline

    load_pipeline()
    (tmp_path / "sources").mkdir()
    for name, text in NOTES.items():
        (tmp_path / "sources" / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return tmp_path


@pytest.mark.parametrize("command", [["init"], ["text"]])
def test_more_commands_have_help(run, command):
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Example:" in result.output


def test_the_project_file_sets_the_build_and_options_override_it(run, project):
    (project / "briefing.toml").write_text(
        'inputs = ["sources/"]\noutput-dir = "out"\nformats = ["md", "json"]\nmarking = "TLP:GREEN"\n'
        "summary-sentences = 1\n", encoding="utf-8")
    result = run("build")
    assert result.exit_code == 0, result.stderr
    assert briefs_in(project / "out") == [f"{stem}.{s}" for stem in ("aid", "pact", "talks") for s in ("json", "md")]
    assert 'marking: "TLP:GREEN"' in (project / "out" / "pact.md").read_text(encoding="utf-8")
    assert len(json.loads((project / "out" / "pact.json").read_text(encoding="utf-8"))["summary"]) == 1
    result = run("build", "sources/talks.txt", "-f", "html", "--marking", "OFFICIAL", "-o", "other")
    assert result.exit_code == 0, result.stderr
    assert briefs_in(project / "other") == ["talks.html"]
    assert "OFFICIAL" in (project / "other" / "talks.html").read_text(encoding="utf-8")


def test_a_bad_project_file_is_a_usage_error_naming_key_and_line(run, project):
    (project / "briefing.toml").write_text('inputs = ["sources/"]\nsumary-sentences = 2\n', encoding="utf-8")
    result = run("build")
    assert result.exit_code == 2
    assert "briefing.toml, line 2: unknown key 'sumary-sentences'; did you mean 'summary-sentences'?" in result.stderr
    assert not (project / "briefs").exists()


def test_no_inputs_anywhere_is_a_usage_error(run, project):
    result = run("build")
    assert result.exit_code == 2
    assert "Error: no inputs: name files, folders or patterns, or set inputs in briefing.toml" in result.stderr


def test_a_config_option_no_renderer_can_use_is_a_usage_error(run, project):
    (project / "briefing.toml").write_text('logo = "missing.png"\n', encoding="utf-8")
    result = run("build", "sources/", "-f", "md")
    assert result.exit_code == 2 and "missing.png" in result.stderr


def test_two_workers_build_the_same_briefs_as_one_then_a_rebuild_skips_them(run, project):
    one = run("build", "sources", "-f", "md", "-f", "json", "-o", "one", "--jobs", "1")
    two = run("build", "sources", "-f", "md", "-f", "json", "-o", "two", "--jobs", "2", "--report", "report.json")
    assert one.exit_code == two.exit_code == 0, two.stderr
    assert briefs_in(project / "one") == briefs_in(project / "two")
    for name in briefs_in(project / "one"):
        assert (project / "one" / name).read_bytes() == (project / "two" / name).read_bytes(), name
    report = json.loads((project / "report.json").read_text(encoding="utf-8"))
    assert report["jobs"] == 2 and report["counts"] == {"built": 3, "cached": 0, "failed": 0, "interrupted": 0}
    assert [d["input"] for d in report["documents"]] == ["sources/aid.md", "sources/pact.txt", "sources/talks.txt"]
    assert two.stderr.splitlines()[0].startswith("sources/aid.md -> two/aid.md, two/aid.json (")
    again = run("build", "sources", "-f", "md", "-f", "json", "-o", "two")
    assert again.exit_code == 0
    assert again.stderr.splitlines() == [
        "sources/aid.md: current", "sources/pact.txt: current", "sources/talks.txt: current",
        again.stderr.splitlines()[-1]]
    assert again.stderr.splitlines()[-1].startswith("0 built, 3 current in ")


def test_check_lists_stale_and_missing_briefs_and_exits_1(run, project):
    assert run("build", "sources", "-f", "md", "-o", "out", "-q").stderr == ""
    assert run("build", "sources", "-f", "md", "-o", "out", "--check").exit_code == 0
    (project / "sources" / "pact.txt").write_text(NOTES["pact.txt"] + "More.\n", encoding="utf-8")
    (project / "out" / "aid.md").unlink()
    result = run("build", "sources", "-f", "md", "-o", "out", "--check", "--report", "check.json")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "missing   sources/aid.md: out/aid.md is missing",
        "stale     sources/pact.txt: the input changed",
    ]
    assert "Error: 2 of 3 inputs have stale or missing briefs; run briefing build" in result.stderr
    assert json.loads((project / "check.json").read_text())["counts"] == {
        "current": 1, "stale": 1, "missing": 1, "unchecked": 0}
    assert not (project / "out" / "aid.md").exists()


def test_verbose_shows_each_stage_and_quiet_only_failures(run, project):
    verbose = run("build", "sources/pact.txt", "-f", "md", "-o", "out", "-v", "--force")
    assert verbose.exit_code == 0 and "[brief " in verbose.stderr and "md " in verbose.stderr
    (project / "bad.txt").write_bytes(b"")
    quiet = run("build", "sources/pact.txt", "bad.txt", "-f", "md", "-o", "out", "-q")
    assert quiet.exit_code == 1
    assert quiet.stderr.splitlines() == ["Error: bad.txt: the document is empty", "Error: 1 of 2 inputs failed (1 built)"]
    assert run("build", "x.txt", "-q", "-v").exit_code == 2


@pytest.mark.parametrize("shard", ["0/2", "3/2", "1", "a/b"])
def test_a_bad_shard_is_a_usage_error(run, shard):
    result = run("build", "x.txt", "--shard", shard)
    assert result.exit_code == 2 and "is not I/N with 1 <= I <= N" in result.stderr


def test_shards_split_the_batch(run, project):
    built = []
    for shard in ("1/2", "2/2"):
        result = run("build", "sources", "-f", "json", "-o", "out", "--shard", shard, "--report", f"{shard[0]}.json")
        assert result.exit_code == 0, result.stderr
        built += [d["input"] for d in json.loads((project / f"{shard[0]}.json").read_text())["documents"]]
    assert sorted(built) == ["sources/aid.md", "sources/pact.txt", "sources/talks.txt"]
    assert run("build", "sources", "-f", "json", "-o", "out", "--check").exit_code == 0


def test_init_writes_a_starter_file_once(run, project):
    result = run("init")
    assert result.exit_code == 0 and result.stdout.splitlines()[0] == "Created briefing.toml"
    assert (project / "briefing.toml").read_text(encoding="utf-8").startswith("# briefing.toml")
    again = run("init")
    assert again.exit_code == 1 and "not overwriting briefing.toml" in again.stderr


def test_a_terminal_gets_a_progress_bar_with_failures(monkeypatch):
    import io

    from briefing.build import Outcome
    from briefing.cli import _Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    progress = _Progress(quiet=False, verbose=False)
    progress.planned(3, 3)
    progress.finished(Outcome("a.txt", status="built"))
    progress.finished(Outcome("b.txt", error="b.txt: the document is empty", status="failed"))
    progress.finished(Outcome("c.txt", status="built"))
    progress.close()
    shown = terminal.getvalue()
    assert "Building" in shown and "3/3" in shown and "1 failed" in shown
    assert "\rError: b.txt: the document is empty\n" in shown.replace("\033[K", "")


def test_sigint_stops_a_batch_cleanly_and_a_rerun_builds_the_rest(run, project):
    """The command line run as CI runs it, then signalled as Ctrl-C or a cancelled job does."""
    import signal
    import subprocess
    import sys
    import time

    from .conftest import SEED

    for i in range(8):
        (project / "sources" / f"seed{i}.txt").write_text(f"Copy {i}\n\n" + SEED.read_text(encoding="utf-8"))
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "build", "sources", "-f", "md", "-f", "json", "-o", "out", "-j", "2"],
        cwd=project, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 60
    while not list((project / "out").glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Interrupted by SIGINT: " in stderr and "run the same command again to build the rest." in stderr
    assert "Traceback" not in stderr
    assert not [p for p in (project / "out").iterdir() if p.suffix == ".part"]
    check = run("build", "sources", "-f", "md", "-f", "json", "-o", "out", "--check")
    assert check.exit_code == 1
    missing = len(check.stdout.splitlines())
    assert 0 < missing < 11
    rerun = run("build", "sources", "-f", "md", "-f", "json", "-o", "out", "-j", "2")
    assert rerun.exit_code == 0, rerun.stderr
    assert rerun.stderr.splitlines()[-1].startswith(f"{missing} built, {11 - missing} current")


def test_an_unknown_summariser_is_a_usage_error_before_any_work(run, tmp_path):
    result = run("build", str(tmp_path / "missing.txt"), "--summariser", "nope", "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "Error: unknown summariser 'nope'; installed: extractive" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_summariser_plugin_that_fails_to_load_is_reported(run, tmp_path, monkeypatch):
    import importlib

    site = tmp_path / "site"
    info = site / "broken_summariser-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-summariser\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[briefing.summarisers]\nbroken = no_such_module:Summariser\n",
                                           encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    result = run("build", str(tmp_path / "missing.txt"), "--summariser", "broken", "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "Error: the 'broken' summariser (no_such_module:Summariser) failed to load: No module named" in result.stderr
