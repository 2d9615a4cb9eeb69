"""Nothing lost, nothing written where it should not be: output names, failed renders, interrupted writes.

An input's name comes from a stranger; it must not steer where an output
goes or put control characters into a file name. A renderer that fails
halfway, or a write that is cut short, must leave any earlier good output
as it was and no partial file beside it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.errors import BriefingError, RenderError
from briefing.output import write_atomic


# Output names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["../../x.txt", "../x.txt", "/etc/x.txt", "a/../../x.txt", "..\\..\\x.txt", "evil\x1b[31m\nname.txt",
     "tab\there\x7f.txt", "nul\x00.txt", "bidi\u202etxt.exe.txt", "..txt", "...txt"],
)  # fmt: skip
def test_an_output_stem_is_one_printable_file_name(name: str) -> None:
    from briefing.inputs import known_suffixes
    from briefing.naming import OutputNamer

    relative = OutputNamer(known_suffixes()).relative_stem(name)
    assert len(relative.parts) == 1
    stem = relative.name
    assert stem and "/" not in stem
    assert stem.isprintable(), repr(stem)
    for suffix in (".md", ".pdf", ".docx", ".html", ".json"):
        assert Path(f"/out/{stem}{suffix}").parent == Path("/out")


def test_build_writes_inside_the_output_folder_whatever_the_input_is_called(tmp_path: Path, monkeypatch) -> None:
    from click.testing import CliRunner

    from briefing.cli import cli

    from .conftest import SEED

    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    hostile = ["../../x.txt", "evil\x1b[31m\nname.txt"]
    for name in hostile:
        (work / name).write_bytes(SEED.read_bytes())
    monkeypatch.chdir(work)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", *hostile, "-f", "md", "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.glob("*.md"))
    assert written == sorted(["x.md", "evil-[31m-name.md"])
    assert sorted(p.name for p in tmp_path.rglob("*.md")) == written  # nothing outside out/


# Atomic writes ----------------------------------------------------------------------------------------


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_a_write_that_fails_halfway_keeps_the_good_file_and_leaves_no_part(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"%PDF- the good one")

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(BriefingError, match="cannot write: No space left on device"):
        write_atomic(target, b"%PDF- half of the new one")
    assert target.read_bytes() == b"%PDF- the good one"
    assert _leftovers(tmp_path) == []


def test_an_interrupt_during_a_write_keeps_the_good_file_and_leaves_no_part(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "brief.md"
    target.write_text("the good one")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"the new one")
    assert target.read_text() == "the good one"
    assert _leftovers(tmp_path) == []


class _HalfwayRenderer:
    """A renderer that produces half a file and then fails, as a crash mid-render would."""

    name = "halfway"
    suffix = ".md"
    media_type = "text/markdown"
    description = "fails halfway"

    def render(self, brief, *, options) -> bytes:
        half = b"# half a brief\n"  # noqa: F841 - what a streaming renderer would already have written
        raise RenderError("the renderer failed halfway")


def test_a_renderer_that_fails_halfway_keeps_every_earlier_output(tmp_path: Path, monkeypatch) -> None:
    from click.testing import CliRunner

    from briefing import render as render_package
    from briefing.cli import cli

    from .conftest import SEED

    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(SEED), "-f", "md", "-f", "json", "-o", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    real = render_package.get_renderer
    monkeypatch.setattr(
        render_package, "get_renderer", lambda name: _HalfwayRenderer() if name == "md" else real(name)
    )
    result = runner.invoke(cli, ["build", str(SEED), "-f", "json", "-f", "md", "-o", str(out), "--force"])
    assert result.exit_code == 1
    assert "the renderer failed halfway" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # json rendered first, yet not written


def test_the_temporary_name_is_short_whatever_the_target_is_called(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / ("s" * 250 + ".md")  # fits the 255-byte limit; a part named after it would not
    seen = []
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: (seen.append(Path(src).name), real(src, dst)))
    write_atomic(target, b"brief")
    assert target.read_bytes() == b"brief"
    assert len(seen[0]) < 40 and seen[0].startswith(f".briefing-{os.getpid()}-") and seen[0].endswith(".part")


def test_stale_parts_of_our_naming_are_removed_and_nothing_else(tmp_path: Path) -> None:
    import subprocess
    import sys

    from briefing.output import remove_stale_parts

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(gone.stdout)
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        names = {
            f".briefing-{dead}-abc123.part": False,  # its writer is gone: stale
            f".briefing-{running.pid}-def456.part": True,  # a running build's: kept
            f".briefing-{os.getpid()}-ghi789.part": True,  # this process's own
            ".notes.md.x1y2.part": True,  # not our naming
            "briefing-1-a.part": True,
            "brief.md": True,
        }
        for name in names:
            (tmp_path / name).write_bytes(b"x")
        removed = remove_stale_parts(tmp_path)
        assert [p.name for p in removed] == [f".briefing-{dead}-abc123.part"]
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(n for n, kept in names.items() if kept)
    finally:
        running.kill()
        running.wait()
