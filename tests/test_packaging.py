"""Package data: the templates ship inside the wheel and resolve from a source checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from briefing.render.templates import builtin_template_dir

from .conftest import ROOT

TEMPLATES = {"brief.html", "brief.md", "brief.css", "print.css"}


@pytest.mark.slow
def test_wheel_contains_the_templates(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("briefing-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"briefing/templates/{t}" for t in TEMPLATES} <= names
    assert "briefing/data/gazetteer.json" in names
    entry_points = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "[briefing.renderers]" in entry_points and "pdf = briefing.render.pdf:PdfRenderer" in entry_points


def test_templates_resolve_in_this_install():
    folder = builtin_template_dir()
    assert TEMPLATES <= {p.name for p in folder.iterdir()}
