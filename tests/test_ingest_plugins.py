"""A third-party reader: a package that declares a ``briefing.readers`` entry point makes a new kind of input work."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.ingest import read_stdin
from briefing.ingest.readers import readers
from briefing.inputs import known_suffixes

PLUGIN = r'''
"""A third-party briefing reader, as the README shows how to write one: RTF, very roughly."""

import re

from briefing.errors import InputError
from briefing.ingest import txt


class RtfReader:
    name = "rtf"
    suffixes = (".rtf",)
    media_types = ("application/rtf", "text/rtf")
    takes_charset = False
    sniff_order = 15

    def sniff(self, data: bytes) -> bool:
        return data.startswith(b"{\\rtf")

    def parse(self, data: bytes, name: str):
        text = data.decode("latin-1")
        if not text.startswith("{\\rtf"):
            raise InputError("is not an RTF document")
        text = re.sub(r"\\par\b ?", "\n\n", text)
        text = re.sub(r"\\[a-z]+-?\d* ?|[{}]", "", text)
        return txt.parse(text.encode("utf-8"), name)  # a reader may hand plain text to the built-in one
'''

RTF = (b"{\\rtf1\\ansi Sahel Pact\\par "
       b"Mali, Niger and Burkina Faso signed a mutual defence pact in Bamako on Saturday.\\par "
       b"The Liptako-Gourma Charter binds the three states to help one another.}")


@pytest.fixture
def installed_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Install a reader plugin the way pip would leave it: a module and its .dist-info with entry_points.txt."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "briefing_rtf_reader.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "briefing_rtf_reader-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: briefing-rtf-reader\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[briefing.readers]\nrtf = briefing_rtf_reader:RtfReader\n",
                                           encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    yield site
    sys.modules.pop("briefing_rtf_reader", None)


def test_without_the_plugin_rtf_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "x.rtf").write_bytes(RTF)
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "x.rtf"), "-f", "md", "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "unsupported input type .rtf" in result.stderr


def test_a_reader_plugin_makes_briefing_build_read_its_kind(installed_reader: Path, tmp_path: Path) -> None:
    (tmp_path / "x.rtf").write_bytes(RTF)
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "x.rtf"), "-f", "md", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    brief = (tmp_path / "out" / "x.md").read_text(encoding="utf-8")
    assert "Liptako-Gourma Charter" in brief and "\\rtf" not in brief


def test_a_reader_plugin_is_searched_for_in_folders_and_sniffed_on_standard_input(installed_reader: Path,
                                                                                  tmp_path: Path) -> None:
    import io

    assert ".rtf" in known_suffixes()
    assert readers().sniff(RTF).name == "rtf"
    assert "Bamako" in read_stdin(stream=io.BytesIO(RTF)).text


def test_a_broken_reader_plugin_is_reported_and_the_others_still_read(
        installed_reader: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    info = installed_reader / "briefing_rtf_reader-1.0.dist-info" / "entry_points.txt"
    info.write_text("[briefing.readers]\nrtf = briefing_rtf_reader:Missing\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "another"))  # a new sys.path: the registry is read again
    importlib.invalidate_caches()
    found = readers()
    assert ".rtf" not in found.suffixes() and ".txt" in found.suffixes()
    assert "the 'rtf' reader (briefing_rtf_reader:Missing) failed to load" in caplog.text
