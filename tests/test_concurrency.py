"""Builds that share an output folder, and the cache manifest's honesty: real processes at once, damaged files.

Two builds into one folder (two CI jobs, a developer and a watcher) must
lose no manifest entry, and ``--check`` must tell the truth about every
output afterwards, whichever build wrote it last.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.build import BuildSettings, LoadBrief, build, check
from briefing.build.cache import MANIFEST, Manifest
from briefing.cli import cli
from briefing.errors import CacheWarning
from briefing.build.filelock import LockTimeout, locked
from briefing.render import RenderOptions

from .conftest import ROOT
from .render_fixtures import write_briefs


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def _settings(out: Path, marking: str | None = None, formats=("md", "json"), **changes) -> BuildSettings:
    return BuildSettings(formats=formats, output_dir=out, maker=LoadBrief(), jobs=1,
                         render=RenderOptions(marking=marking), **changes)


_BUILDER = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from briefing.build import BuildSettings, LoadBrief, build
    from briefing.render import RenderOptions
    marking, out, inputs = sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3])
    for round in range(3):  # each output written three times, interleaved with the other build
        settings = BuildSettings(formats=("md", "json"), output_dir=out, maker=LoadBrief(), jobs=1, force=True,
                                 render=RenderOptions(marking=marking))
        report = build(inputs, settings)
        assert not report.failed and not report.problems, report.to_dict()
""")


def test_two_builds_at_once_lose_no_entry_and_check_tells_the_truth(tmp_path: Path) -> None:
    inputs = write_briefs(tmp_path / "sources", 20)
    out = tmp_path / "out"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    builds = [subprocess.Popen([sys.executable, "-c", _BUILDER, marking, str(out), json.dumps(inputs)],
                               cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
              for marking in ("TLP:AMBER", "TLP:GREEN")]
    for process in builds:
        assert process.wait(timeout=300) == 0, process.stderr.read()
        process.stderr.close()
    recorded = json.loads((out / MANIFEST).read_text())["documents"]
    assert len(recorded) == 20 and all(set(outputs) == {f"{Path(k).stem}.md", f"{Path(k).stem}.json"}
                                       for k, outputs in recorded.items())
    current = 0
    for marking in ("TLP:AMBER", "TLP:GREEN"):  # the Markdown carries the marking (the JSON brief does not)
        for outcome in check(inputs, _settings(out, marking, formats=("md",))).outcomes:
            if outcome.status == "current":  # never said of a brief the other build wrote last
                assert marking in outcome.outputs[0].read_text(), (marking, outcome)
                current += 1
    assert current >= 1
    for marking in ("TLP:AMBER", "TLP:GREEN"):  # a build then makes every one of them current for its options
        build(inputs, _settings(out, marking))
        assert {o.status for o in check(inputs, _settings(out, marking)).outcomes} == {"current"}


def test_the_manifest_is_merged_not_overwritten(tmp_path: Path) -> None:
    inputs = write_briefs(tmp_path / "sources", 4)
    out = tmp_path / "out"
    first, second = Manifest(out), Manifest(out)  # two builds that read the manifest before either wrote it
    build(inputs[:2], _settings(out))
    build(inputs[2:], _settings(out))
    assert len(json.loads((out / MANIFEST).read_text())["documents"]) == 4
    assert first.path == second.path
    assert all(o.status == "current" for o in check(inputs, _settings(out)).outcomes)


def test_a_lock_held_too_long_ends_in_a_clear_message(tmp_path: Path) -> None:
    lock = tmp_path / "out" / (MANIFEST + ".lock")
    holder = subprocess.Popen(
        [sys.executable, "-c", f"from briefing.build.filelock import locked; import sys, time\n"
                               f"with locked({str(lock)!r}):\n    print('held', flush=True); time.sleep(30)"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        with pytest.raises(LockTimeout) as caught:
            with locked(lock, wait=0.3, what="out"):
                pass
        assert str(caught.value) == (f"{lock}: another build has held this lock for over 0.3 seconds while writing "
                                     "to out; wait for it to finish, or build into another folder")
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    with locked(lock, wait=5):  # a dead holder's lock is free at once
        pass


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("[" * 1000 + "]" * 1000, "nested too deeply"),
        ('{"format": 2, "documents": {"a.txt": {"a.md": {"fingerp', "not valid JSON: Unterminated string starting at: "
                                                                  "line 1 column 48 (char 47)"),
        ('{"format": 2, "documents": ["a.txt"]}', "'documents' is not a table"),
        ('{"format": 2, "documents": {"a.txt": {"a.md": {"fingerprint": 7, "sha256": "x"}}}}',
         "the record of 'a.md' for 'a.txt' is not what briefing writes"),
        ('"just a string"', "no format number"),
        ("\udcff", "cannot be read: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"),
    ],
)
def test_a_damaged_manifest_is_one_warning_then_rebuilt(tmp_path: Path, content: str, why: str) -> None:
    inputs = write_briefs(tmp_path / "sources", 2)
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).write_bytes(content.encode("utf-8", "surrogateescape"))
    with pytest.warns(CacheWarning) as caught:
        report = build(inputs, _settings(out))
    assert [str(w.message) for w in caught] == [
        f"{out / MANIFEST}: the build cache is damaged ({why}); rebuilding what it recorded"]
    assert [o.status for o in report.outcomes] == ["built", "built"]
    assert all(o.status == "current" for o in check(inputs, _settings(out)).outcomes)


def _write_texts(folder: Path, count: int) -> list[str]:
    """Write small articles the command line can build (it summarises; JSON briefs are for the API)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"article-{n:02d}.txt"
        path.write_text(f"Pact {n} Signed\n\nThe two states signed pact number {n} in Geneva on Monday, officials "
                        "said. It takes effect next month and runs for ten years.\n", encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.mark.filterwarnings("always::briefing.errors.CacheWarning")
def test_a_damaged_manifest_through_the_command_line_force_and_check(tmp_path: Path) -> None:
    inputs = _write_texts(tmp_path / "sources", 1)
    out = tmp_path / "out"
    out.mkdir()
    for extra in (["--check"], ["--force"]):
        (out / MANIFEST).write_text("[" * 1000 + "]" * 1000)
        result = CliRunner().invoke(cli, ["build", *inputs, "-f", "md", "-o", str(out), *extra])
        assert "Traceback" not in result.output and "RecursionError" not in result.output
        assert result.exit_code == (1 if extra == ["--check"] else 0), result.output
        warnings_shown = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
        assert warnings_shown == [f"warning: {out / MANIFEST}: the build cache is damaged (nested too deeply); "
                                  "rebuilding what it recorded"]


def test_freshness_is_per_output_so_alternating_format_sets_rebuild_nothing(tmp_path: Path) -> None:
    inputs = write_briefs(tmp_path / "sources", 3)
    out = tmp_path / "out"
    text_formats, other_formats = ("md", "json"), ("html",)
    assert {o.status for o in build(inputs, _settings(out, formats=text_formats)).outcomes} == {"built"}
    assert {o.status for o in build(inputs, _settings(out, formats=other_formats)).outcomes} == {"built"}
    assert {o.status for o in build(inputs, _settings(out, formats=text_formats)).outcomes} == {"cached"}
    assert {o.status for o in build(inputs, _settings(out, formats=other_formats)).outcomes} == {"cached"}
    (out / "brief-01.md").write_text("edited by hand")
    statuses = [(o.status, o.reason) for o in check(inputs, _settings(out, formats=text_formats)).outcomes]
    assert statuses[1] == ("stale", f"{out / 'brief-01.md'} was changed since it was built (by another build, "
                                    "or by hand)")
    assert statuses[0][0] == statuses[2][0] == "current"


def test_check_lists_orphans_and_prune_removes_only_what_the_manifest_recorded(tmp_path: Path) -> None:
    inputs = _write_texts(tmp_path / "sources", 3)
    out = tmp_path / "out"

    def run(*extra: str):
        return CliRunner().invoke(cli, ["build", *now, "-f", "md", "-f", "json", "-o", str(out), *extra])

    now = inputs
    assert run().exit_code == 0
    (out / "notes.md").write_text("mine")  # not briefing's
    renamed = Path(inputs[1]).with_name("renamed.txt")
    Path(inputs[1]).rename(renamed)
    now = [inputs[0], str(renamed), inputs[2]]
    result = run("--check")
    assert result.exit_code == 1
    assert (f"orphaned  {out / 'article-01.json'}, {out / 'article-01.md'}: its input ../sources/article-01.txt "
            "no longer exists") in result.stdout
    assert "run briefing build --prune to remove their briefs" in result.stderr
    result = run("--prune")
    assert result.exit_code == 0, result.stderr
    assert f"pruned {out / 'article-01.json'}" in result.stderr and f"pruned {out / 'article-01.md'}" in result.stderr
    left = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert left == ["article-00.json", "article-00.md", "article-02.json", "article-02.md", "notes.md",
                    "renamed.json", "renamed.md"]
    assert "article-01" not in json.dumps(json.loads((out / MANIFEST).read_text()))
    result = run("--check")
    assert result.exit_code == 0 and "orphaned" not in result.stdout


def test_a_read_only_output_folder_is_refused_before_any_work(tmp_path: Path) -> None:
    inputs = write_briefs(tmp_path / "sources", 2)
    result = CliRunner().invoke(cli, ["build", *inputs, "-f", "md", "-o", "/proc/briefs"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1].startswith(
        "Error: /proc/briefs: the output folder cannot be written in: ")
    assert result.stderr.count("Error:") == 1


def test_when_the_manifest_cannot_be_saved_the_report_and_summary_still_come_last(tmp_path: Path,
                                                                                  monkeypatch) -> None:
    from briefing.errors import BriefingError

    inputs = _write_texts(tmp_path / "sources", 2)
    out = tmp_path / "out"

    def full_disk(self) -> None:
        raise BriefingError(f"{self.path}: cannot write: No space left on device")

    monkeypatch.setattr(Manifest, "save", full_disk)
    report_path = tmp_path / "report.json"
    result = CliRunner().invoke(cli, ["build", *inputs, "-f", "md", "-o", str(out), "--report", str(report_path)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-2] == (f"Error: the build cache could not be saved: {out / MANIFEST}: cannot write: No space left "
                         "on device (the next build rebuilds what it would have held)")
    assert lines[-1] == "Error: 0 of 2 inputs failed (2 built)"
    report = json.loads(report_path.read_text())
    assert report["counts"]["built"] == 2 and len(report["problems"]) == 1


def test_a_full_disk_leaves_no_format_of_a_document_half_updated(tmp_path: Path, monkeypatch) -> None:
    from briefing.errors import BriefingError
    from briefing.output import write_all_atomic

    old_md, old_pdf = tmp_path / "a.md", tmp_path / "a.pdf"
    old_md.write_text("old brief")
    old_pdf.write_bytes(b"%PDF old")
    calls = []
    real = os.fsync

    def fills_up(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", fills_up)
    with pytest.raises(BriefingError, match=r"a\.pdf: cannot write: No space left on device"):
        write_all_atomic([(old_md, b"new brief"), (old_pdf, b"%PDF new")])
    assert old_md.read_text() == "old brief" and old_pdf.read_bytes() == b"%PDF old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "a.pdf"]
