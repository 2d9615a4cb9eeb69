"""Reproducible output: with SOURCE_DATE_EPOCH set, the same brief gives the same bytes in every format."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.model import Brief
from briefing.render import RenderOptions, render
from briefing.render.common import as_of
from .conftest import ROOT
from .render_fixtures import SVG_LOGO, make_brief

EPOCH = "1700000000"
FORMATS = ("md", "html", "json", "pdf", "docx")
CLI_FORMATS = ("md", "html", "json", "docx")


@pytest.fixture
def options(tmp_path: Path) -> RenderOptions:
    logo = tmp_path / "logo.svg"
    logo.write_text(SVG_LOGO, encoding="utf-8")
    return RenderOptions(marking="TLP:AMBER", organisation="Sahel Analysis Unit", logo=logo)


@pytest.mark.parametrize("name", FORMATS)
def test_rendering_twice_gives_identical_bytes(name: str, options: RenderOptions,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    brief = make_brief()
    first = render(brief, name, options=options)
    assert render(brief, name, options=options) == first


def test_dates_inside_the_files_come_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    pypdf = pytest.importorskip("pypdf")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    brief = make_brief()
    pdf = pypdf.PdfReader(io.BytesIO(render(brief, "pdf")))
    assert pdf.metadata["/CreationDate"] == pdf.metadata["/ModDate"] == "D:20231114221320Z"
    with zipfile.ZipFile(io.BytesIO(render(brief, "docx"))) as archive:
        assert archive.namelist()[0] == "[Content_Types].xml"
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2023-11-14T22:13:20Z" in core
    assert "14 November 2023" in render(brief, "html").decode()


def test_as_of_is_today_in_utc_without_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.now(timezone.utc).date()
    day = as_of()
    assert before <= day <= datetime.now(timezone.utc).date()


def test_building_twice_from_the_command_line_gives_identical_files(tmp_path: Path) -> None:
    """Every format but the PDF (slow; proved above and across processes below), through the CLI."""
    brief_json = tmp_path / "brief.json"
    brief_json.write_text(json.dumps(make_brief().to_dict(), ensure_ascii=False), encoding="utf-8")
    outputs = []
    for run in ("one", "two"):
        result = CliRunner().invoke(
            cli,
            ["render", str(brief_json), *[a for f in CLI_FORMATS for a in ("-f", f)], "-o", str(tmp_path / run),
             "--marking", "TLP:GREEN", "--organisation", "Unit", "--paper", "letter"],
            env={"SOURCE_DATE_EPOCH": EPOCH},
        )
        assert result.exit_code == 0, result.output
        outputs.append({p.name: p.read_bytes() for p in sorted((tmp_path / run).iterdir())})
    assert sorted(outputs[0]) == [f"brief.{f}" for f in sorted(CLI_FORMATS)]
    assert outputs[0] == outputs[1]


_RENDER_ALL = """
import sys
from pathlib import Path
from briefing.render import RenderOptions, render
from tests.render_fixtures import make_brief
out = Path(sys.argv[1])
options = RenderOptions(marking="TLP:AMBER", organisation="Sahel Analysis Unit")
for name in {formats!r}:
    (out / ("brief." + name)).write_bytes(render(make_brief(), name, options=options))
"""


@pytest.mark.slow
def test_separate_processes_with_different_hash_seeds_agree(tmp_path: Path) -> None:
    """Two runs of the program, not two calls in one: set and dict order must not leak into the bytes."""
    results = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        out.mkdir()
        env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", _RENDER_ALL.format(formats=FORMATS), str(out)],
                       cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
        results.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert len(results[0]) == len(FORMATS)
    for name in results[0]:
        assert results[0][name] == results[1][name], name


def test_brief_json_round_trips_through_render(tmp_path: Path) -> None:
    brief = make_brief()
    assert Brief.from_dict(json.loads(render(brief, "json"))) == brief
