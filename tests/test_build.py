"""The batch builder: input expansion, shards, the cache, --check, worker processes, interrupts.

Most tests build from brief JSON files (LoadBrief), which needs no NLP
pipeline, so the batch machinery is tested in milliseconds; test_cli.py
runs the whole pipeline through the command line.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.build import BuildSettings, LoadBrief, build, check
from briefing.build.cache import MANIFEST
from briefing.inputs import expand_inputs, shard_of
from briefing.render import RenderOptions

from .conftest import ROOT
from .render_fixtures import make_brief

EPOCH = "1700000000"


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def write_briefs(folder: Path, names: list[str]) -> list[str]:
    """Write the fixture brief as JSON under each name, each with its own title; return the paths."""
    paths = []
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        brief = dataclasses.replace(make_brief(), title=f"Brief {name}")
        path.write_text(json.dumps(brief.to_dict()), encoding="utf-8")
        paths.append(str(path))
    return paths


def settings(out: Path, **changes) -> BuildSettings:
    return BuildSettings(**{"formats": ("md", "json"), "output_dir": out, "maker": LoadBrief(), **changes})


def statuses(report) -> list[str]:
    return [o.status for o in report.outcomes]


# --- inputs -----------------------------------------------------------------


def test_folders_are_searched_recursively_by_suffix_sorted_and_each_file_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ["docs/b.txt", "docs/a.md", "docs/sub/c.html", "docs/skip.xyz", "docs/.hidden.txt",
                 "docs/.git/d.txt", "docs/briefs/old.md", "e.pdf"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    names = [s.name for s in expand_inputs(["docs", "docs/b.txt", "e.pdf", "-", "https://example.org/a"],
                                           exclude=[Path("docs/briefs")])]
    assert names == ["docs/a.md", "docs/b.txt", "docs/sub/c.html", "e.pdf", "-", "https://example.org/a"]


def test_glob_patterns_expand_and_a_pattern_or_folder_with_no_document_is_a_problem(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ["a/x.txt", "a/deep/y.md", "a/z.png", "empty/notes.xyz"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    sources = expand_inputs(["a/**/*", "*.docx", "empty", "nowhere/", "missing.txt"])
    assert [(s.name, s.problem) for s in sources] == [
        ("a/deep/y.md", None),
        ("a/x.txt", None),
        ("*.docx", "no documents match this pattern"),
        ("empty", "no documents (.docx, .htm, .html, .markdown, .md, .pdf, .text, .txt, .xhtml, .gz) in this folder"),
        ("nowhere/", "no such file or folder"),
        ("missing.txt", None),  # fails when read, as any missing file does
    ]


def test_shards_are_stable_and_split_the_inputs_exactly():
    names = [f"sources/doc{i}.txt" for i in range(40)]
    shards = [[n for n in names if shard_of(n, 3) == i] for i in (1, 2, 3)]
    assert sorted(sum(shards, [])) == sorted(names) and all(shards)
    assert shard_of("sources/doc0.txt", 3) == shard_of("./sources//doc0.txt", 3)  # the same path, spelt otherwise
    assert shard_of("sources/doc0.txt", 3) == 2  # pinned: a shard must not move between versions


# --- the cache ----------------------------------------------------------------


def test_an_unchanged_rebuild_skips_everything(tmp_path):
    inputs = write_briefs(tmp_path / "in", ["a.json", "b.json"])
    out = tmp_path / "out"
    first = build(inputs, settings(out))
    assert statuses(first) == ["built", "built"]
    assert (out / MANIFEST).is_file()
    modified = {p: p.stat().st_mtime_ns for p in out.iterdir()}
    second = build(inputs, settings(out))
    assert statuses(second) == ["cached", "cached"]
    assert [o.outputs for o in second.outcomes] == [o.outputs for o in first.outcomes]
    assert {p: p.stat().st_mtime_ns for p in out.iterdir()} == modified


def test_what_changed_is_rebuilt_and_only_that(tmp_path):
    a, b = write_briefs(tmp_path / "in", ["a.json", "b.json"])
    out = tmp_path / "out"
    build([a, b], settings(out))
    Path(a).write_text(Path(a).read_text(encoding="utf-8").replace("Brief a.json", "Edited"), encoding="utf-8")
    (out / "b.md").unlink()
    assert statuses(build([a, b], settings(out))) == ["built", "built"]
    assert "Edited" in (out / "a.md").read_text(encoding="utf-8")
    assert statuses(build([a, b], settings(out))) == ["cached", "cached"]
    assert statuses(build([a, b], settings(out, force=True))) == ["built", "built"]
    marked = settings(out, render=RenderOptions(marking="TLP:RED"))
    assert statuses(build([a, b], marked)) == ["built", "built"]
    assert statuses(build([a, b], settings(out, formats=("md", "json", "html")))) == ["built", "built"]


def test_templates_and_the_version_are_part_of_the_key(tmp_path, monkeypatch):
    import briefing.package

    (a,) = write_briefs(tmp_path / "in", ["a.json"])
    out = tmp_path / "out"
    mine = tmp_path / "templates"
    mine.mkdir()
    build([a], settings(out, render=RenderOptions(template_dir=mine)))
    (mine / "brief.css").write_text("h1 { color: teal; }", encoding="utf-8")
    assert check([a], settings(out, render=RenderOptions(template_dir=mine))).outcomes[0].reason == (
        "the templates changed")
    build([a], settings(out, render=RenderOptions(template_dir=mine)))
    monkeypatch.setattr(briefing.package, "version", lambda: "99.0")
    (outcome,) = check([a], settings(out, render=RenderOptions(template_dir=mine))).outcomes
    assert outcome.status == "stale"
    assert re.fullmatch(r"built by briefing 0\.1\.0\+code\.[0-9a-f]{12}, this is 99\.0\+code\.[0-9a-f]{12}",
                        outcome.reason)


def test_the_packages_code_and_data_are_part_of_the_key(tmp_path, monkeypatch):
    """A retrained section model or an edited gazetteer makes every brief stale, whatever the version says."""
    import briefing.package

    (a,) = write_briefs(tmp_path / "in", ["a.json"])
    out = tmp_path / "out"
    build([a], settings(out))
    package = tmp_path / "package"
    shutil.copytree(briefing.package.package_dir(), package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(briefing.package, "package_dir", lambda: package)
    assert check([a], settings(out)).outcomes[0].status == "current"
    data = package / "data" / "gazetteer.json"
    data.write_bytes(data.read_bytes() + b"\n")
    (outcome,) = check([a], settings(out)).outcomes
    assert outcome.status == "stale" and outcome.reason.startswith("built by briefing 0.1.0+code.")


def test_a_failed_document_is_not_cached_and_the_others_go_on(tmp_path):
    good, bad = write_briefs(tmp_path, ["good.json", "bad.json"])
    Path(bad).write_text("{not json", encoding="utf-8")
    report = build([bad, good], settings(tmp_path / "out"))
    assert statuses(report) == ["failed", "built"]
    assert report.failed[0].error.startswith(f"{bad}: not a readable JSON brief")
    assert statuses(build([bad, good], settings(tmp_path / "out"))) == ["failed", "cached"]


def test_check_builds_nothing_and_says_what_is_stale_or_missing(tmp_path):
    a, b, c = write_briefs(tmp_path / "in", ["a.json", "b.json", "c.json"])
    out = tmp_path / "out"
    build([a, b], settings(out))
    Path(b).write_text(Path(b).read_text(encoding="utf-8") + " ", encoding="utf-8")
    before = sorted(out.iterdir())
    report = check([a, b, c, str(tmp_path / "in" / "*.docx"), "https://example.org/brief.json"], settings(out))
    assert [(o.status, o.reason) for o in report.outcomes] == [
        ("current", None),
        ("stale", "the input changed"),
        ("missing", "never built here"),
        ("missing", "no documents match this pattern"),
        ("unchecked", "a URL is fetched and built on every run, never checked"),
    ]
    assert len(report.stale) == 3  # the URL is not counted
    assert sorted(out.iterdir()) == before
    (out / "a.json").unlink()
    assert check([a], settings(out)).outcomes[0].reason == f"{out / 'a.json'} is missing"


def test_the_manifest_holds_when_the_tree_moves(tmp_path, monkeypatch):
    """A manifest committed with the briefs stays valid in another checkout (CI) of the same tree."""
    monkeypatch.chdir(tmp_path)
    write_briefs(tmp_path / "repo" / "sources", ["a.json"])
    monkeypatch.chdir(tmp_path / "repo")
    build(["sources"], settings(Path("briefs")))
    shutil.copytree(tmp_path / "repo", tmp_path / "elsewhere")
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert statuses(check(["sources"], settings(Path("briefs")))) == ["current"]


def test_shards_write_their_own_manifests_and_together_are_current(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative paths, so the split is the same on every run
    inputs = write_briefs(Path("in"), [f"d{i}.json" for i in range(6)])
    assert {shard_of(name, 2) for name in inputs} == {1, 2}
    out = Path("out")
    built = []
    for i in (1, 2):
        report = build(inputs, settings(out, shard=(i, 2)))
        built += [o.input for o in report.outcomes]
        assert (out / f".briefing-cache.shard-{i}-of-2.json").is_file()
    assert sorted(built) == sorted(inputs)
    assert statuses(check(inputs, settings(out))) == ["current"] * 6


# --- worker processes ---------------------------------------------------------


def test_two_workers_build_what_one_does_in_input_order(tmp_path):
    inputs = write_briefs(tmp_path / "in", ["c.json", "a.json", "b.json"])
    one = build(inputs, settings(tmp_path / "one", jobs=1, formats=("md", "json", "html")))
    two = build(inputs, settings(tmp_path / "two", jobs=2, formats=("md", "json", "html")))
    assert two.jobs == 2 and [o.input for o in two.outcomes] == inputs
    assert statuses(two) == ["built"] * 3
    assert len({o.worker for o in two.outcomes}) <= 2 and os.getpid() not in {o.worker for o in two.outcomes}
    for a, b in zip(one.outcomes, two.outcomes, strict=True):
        assert [p.name for p in a.outputs] == [p.name for p in b.outputs]
        assert [p.read_bytes() for p in a.outputs] == [p.read_bytes() for p in b.outputs]
    data = two.to_dict()
    assert data["counts"] == {"built": 3, "cached": 0, "failed": 0, "interrupted": 0}
    assert set(data["documents"][0]) >= {"input", "outputs", "seconds", "status", "error", "stages"}
    assert all(w["peak_rss_mb"] > 0 for w in data["workers"])


_INTERRUPTED_BATCH = """
import json, sys, time
from pathlib import Path
from briefing.build import BuildSettings, LoadBrief, build

class SlowLoad(LoadBrief):
    def __call__(self, source, data=None):
        time.sleep(0.4)
        return super().__call__(source, data)

inputs, out, jobs = json.loads(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
report = build(inputs, BuildSettings(formats=("md", "json"), output_dir=out, maker=SlowLoad(), jobs=jobs))
print(json.dumps(report.to_dict()))
"""


@pytest.mark.parametrize("jobs, signum", [(1, signal.SIGTERM), (2, signal.SIGINT)])
def test_a_signal_stops_the_batch_leaving_whole_files_and_a_rerun_builds_the_rest(tmp_path, jobs, signum):
    inputs = write_briefs(tmp_path / "in", [f"d{i}.json" for i in range(8)])
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-c", _INTERRUPTED_BATCH, json.dumps(inputs), str(out), str(jobs)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 30
    # A document's Markdown is written before its JSON and before its outcome is counted:
    # wait until a document after every worker's first has begun, so one is surely built.
    while len(list(out.glob("*.md"))) <= jobs and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)
    process.send_signal(signum)
    stdout, _ = process.communicate(timeout=30)
    report = json.loads(stdout)
    assert report["interrupted"] is True
    counts = report["counts"]
    assert counts["built"] >= 1 and counts["interrupted"] >= 1 and counts["failed"] == 0
    leftovers = [p.name for p in out.iterdir() if p.name.endswith(".part")]
    assert leftovers == []
    for document in report["documents"]:
        if document["status"] == "built":
            assert json.loads(Path(document["outputs"][1]).read_text(encoding="utf-8"))["schema_version"] == 1
    rerun = build(inputs, settings(out, jobs=1))
    assert [o.status == "cached" for o in rerun.outcomes] == [d["status"] == "built" for d in report["documents"]]
    assert check(inputs, settings(out)).stale == []


def test_the_batch_code_names_no_summariser_or_renderer():
    import subprocess
    import sys

    code = ("import sys, briefing.build, briefing.cli; "
            "print(sorted(m for m in sys.modules if m.startswith(('briefing.summarise.', 'briefing.render.'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "briefing.summarise.extractive" not in loaded
    assert "briefing.render.pdf" not in loaded and "briefing.render.docx" not in loaded


def test_an_unknown_summariser_is_refused_before_any_work(tmp_path):
    from briefing.build import Summarise
    from briefing.errors import ExitCode, UnknownSummariserError
    from briefing.options import BriefOptions

    settings = BuildSettings(formats=("md",), output_dir=tmp_path / "out", maker=Summarise(BriefOptions(summariser="nope")))
    with pytest.raises(UnknownSummariserError, match="unknown summariser 'nope'; installed: extractive") as caught:
        build([str(tmp_path / "missing.txt")], settings)
    assert caught.value.exit_code == ExitCode.USAGE
    assert not (tmp_path / "out").exists()
