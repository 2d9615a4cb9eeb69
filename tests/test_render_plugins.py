"""A third-party renderer: a package that declares a ``briefing.renderers`` entry point is listed and used."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.render import available_renderers, get_renderer, render
from .render_fixtures import make_brief

PLUGIN = '''
"""A third-party briefing renderer, as the README shows how to write one."""

from briefing.model import Brief
from briefing.render import RenderOptions


class RtfRenderer:
    name = "rtf"
    suffix = ".rtf"
    media_type = "application/rtf"
    description = "Rich Text Format (a plugin)"

    def render(self, brief: Brief, *, options: RenderOptions) -> bytes:
        lines = [brief.title, *(point.text for point in brief.summary)]
        if options.marking:
            lines.insert(0, options.marking)
        return ("{\\\\rtf1 " + "\\\\par ".join(lines) + "}").encode("utf-8")
'''


@pytest.fixture
def installed_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Install a plugin the way pip would leave it: a module and its .dist-info with entry_points.txt."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "briefing_rtf.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "briefing_rtf-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: briefing-rtf\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[briefing.renderers]\nrtf = briefing_rtf:RtfRenderer\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    yield site
    sys.modules.pop("briefing_rtf", None)


def test_plugin_is_found_through_its_entry_point(installed_plugin: Path) -> None:
    assert "rtf" in available_renderers()
    renderer = get_renderer("rtf")
    assert (renderer.name, renderer.suffix) == ("rtf", ".rtf")
    assert render(make_brief(), "rtf").startswith(b"{\\rtf1 Juntas of Mali")


def test_plugin_is_listed_by_formats(installed_plugin: Path) -> None:
    result = CliRunner().invoke(cli, ["formats"])
    assert result.exit_code == 0
    assert "rtf\t.rtf\tRich Text Format (a plugin)" in result.output.splitlines()
    assert result.output.splitlines()[0].startswith("docx\t")  # built-ins are listed the same way


def test_plugin_renders_from_the_command_line_with_the_options(installed_plugin: Path, tmp_path: Path) -> None:
    brief_json = tmp_path / "brief.json"
    brief_json.write_text(json.dumps(make_brief().to_dict()), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["render", str(brief_json), "-f", "rtf", "-o", str(tmp_path / "out"), "--marking", "TLP:RED"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "brief.rtf").read_bytes().startswith(b"{\\rtf1 TLP:RED\\par Juntas")


def test_a_broken_plugin_does_not_take_the_others_down(installed_plugin: Path) -> None:
    info = installed_plugin / "briefing_rtf-1.0.dist-info" / "entry_points.txt"
    info.write_text("[briefing.renderers]\nrtf = briefing_rtf:Missing\n", encoding="utf-8")
    importlib.invalidate_caches()
    result = CliRunner().invoke(cli, ["formats"])
    assert result.exit_code == 0
    assert "warning: the 'rtf' renderer (briefing_rtf:Missing) failed to load" in result.stderr
    assert "md\t.md\t" in result.stdout
