"""Files that are not files: named pipes, devices, links to them, sparse giants, folders that cannot be listed.

The build runs in a real process with a timeout: a regression here is a
hang (a hash reading /dev/zero for ever), which an in-process test could
not survive.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.errors import InputError
from briefing.ingest import read_document
from briefing.inputs import expand_inputs

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and /dev/zero are POSIX")

REFUSED = "not a regular file; refused (it could block or never end when read)"


def _special_folder(folder: Path) -> Path:
    inputs = folder / "in"
    inputs.mkdir()
    os.mkfifo(inputs / "pipe.txt")
    (inputs / "zero.txt").symlink_to("/dev/zero")
    with open(inputs / "sparse.txt", "wb") as handle:  # 16 GB that take no room
        handle.truncate(16 * 2**30)
    return inputs


def test_a_build_over_special_files_refuses_each_by_its_kind_without_reading_it(tmp_path: Path) -> None:
    inputs = _special_folder(tmp_path)
    command = [sys.executable, "-m", "briefing", "build", str(inputs), "-f", "json", "-o", str(tmp_path / "out")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    errors = [line for line in done.stderr.splitlines() if line.startswith("Error: ")]
    assert done.returncode == 1, done.stderr
    assert errors == [
        f"Error: {inputs / 'pipe.txt'}: is a named pipe (FIFO), {REFUSED}",
        f"Error: {inputs / 'sparse.txt'}: file is 17,179,869,184 bytes, over the limit of 20,971,520 bytes "
        "(see --max-bytes)",
        f"Error: {inputs / 'zero.txt'}: is a character device, {REFUSED}",
        "Error: 3 of 3 inputs failed (0 built)",
    ]
    check = [sys.executable, "-m", "briefing", "build", str(inputs), "-f", "json", "-o", str(tmp_path / "out"),
             "--check"]  # fmt: skip
    done = subprocess.run(check, capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 1 and f"is a named pipe (FIFO), {REFUSED}" in done.stdout


def test_reading_a_special_file_by_name_is_refused_at_once(tmp_path: Path) -> None:
    inputs = _special_folder(tmp_path)
    for name, kind in (("pipe.txt", "a named pipe (FIFO)"), ("zero.txt", "a character device")):
        with pytest.raises(InputError, match=re.escape(f"{name}: is {kind}, {REFUSED}")):
            read_document(str(inputs / name))
    with pytest.raises(InputError, match=r"sparse\.txt: file is 17,179,869,184 bytes, over the limit"):
        read_document(str(inputs / "sparse.txt"))


def test_hashing_refuses_special_and_oversized_files_before_reading(tmp_path: Path) -> None:
    from briefing.build.cache import sha256_file

    inputs = _special_folder(tmp_path)
    with pytest.raises(InputError, match="named pipe"):
        sha256_file(inputs / "pipe.txt")
    with pytest.raises(InputError, match="over the limit of 1,000 bytes"):
        sha256_file(inputs / "sparse.txt", max_bytes=1000)


def _locked(folder: Path):
    """Make ``os.scandir`` refuse ``folder`` as an unreadable folder does (chmod does not stop root)."""
    real = os.scandir

    def scandir(path="."):
        if os.path.realpath(path) == os.path.realpath(folder):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    return scandir


def test_a_subfolder_that_cannot_be_listed_is_a_failed_input(tmp_path: Path, monkeypatch) -> None:
    sources = tmp_path / "sources"
    (sources / "locked").mkdir(parents=True)
    (sources / "a.txt").write_text("Title\n\nThe pact was signed on Monday by both ministers.\n")
    monkeypatch.setattr(os, "scandir", _locked(sources / "locked"))
    found = expand_inputs([str(sources)])
    assert [(s.name, s.problem) for s in found] == [
        (str(sources / "locked"), "this folder cannot be read: permission denied"),
        (str(sources / "a.txt"), None),
    ]
    result = CliRunner().invoke(cli, ["build", str(sources), "-f", "json", "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"Error: {sources / 'locked'}: this folder cannot be read: permission denied" in result.stderr
    assert "Error: 1 of 2 inputs failed (1 built)" in result.stderr


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any folder")
def test_a_subfolder_without_read_permission_is_a_failed_input(tmp_path: Path) -> None:
    locked = tmp_path / "sources" / "locked"
    locked.mkdir(parents=True)
    (locked / "a.txt").write_text("x")
    locked.chmod(0)
    try:
        assert [s.problem for s in expand_inputs([str(tmp_path / "sources")])] == [
            "this folder cannot be read: permission denied"]
    finally:
        locked.chmod(0o755)


@pytest.mark.filterwarnings("default::briefing.errors.InputWarning")
def test_the_command_line_prints_what_ingest_removed_as_one_warning_line(tmp_path: Path) -> None:
    source = tmp_path / "nul.txt"
    source.write_bytes(b"Pact Signed\n\nThe two states signed the pact\x00 on Monday in Geneva, officials said. "
                       b"It takes effect next month and runs for ten years.\n")
    result = CliRunner().invoke(cli, ["text", str(source)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [f"warning: {source}: removed 1 control character (NUL)"]
    assert result.stdout.startswith("The two states signed the pact on Monday")
