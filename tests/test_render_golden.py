"""Golden files: the Markdown, the HTML (the PDF's input) and the DOCX's XML, compared as text.

They are made from the hand-made fixture brief (tests/render_fixtures.py), so
a change to the summariser never touches them; a change to a template or a
renderer shows here as a readable diff. Regenerate them on purpose with

    python -m pytest tests/test_render_golden.py --update-golden

and review the diff before committing.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from briefing.render import RenderOptions, render
from .render_fixtures import make_brief

GOLDEN = Path(__file__).resolve().parent / "golden"
EPOCH = "1700000000"
OPTIONS = RenderOptions(marking="TLP:AMBER", organisation="Sahel Analysis Unit")


def pretty_xml(data: bytes) -> str:
    """Indent a DOCX part so a change shows as a few lines of diff."""
    root = etree.fromstring(data)
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="unicode") + "\n"


def docx_part(name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(render(make_brief(), "docx", options=OPTIONS))) as archive:
        return pretty_xml(archive.read(name))


PRODUCERS = {
    "brief.md": lambda: render(make_brief(), "md", options=OPTIONS).decode("utf-8"),
    "brief.html": lambda: render(make_brief(), "html", options=OPTIONS).decode("utf-8"),
    "document.xml": lambda: docx_part("word/document.xml"),
    "footnotes.xml": lambda: docx_part("word/footnotes.xml"),
}


@pytest.mark.parametrize("name", sorted(PRODUCERS))
def test_output_matches_its_golden_file(name: str, request: pytest.FixtureRequest,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    actual = PRODUCERS[name]()
    path = GOLDEN / name
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    if not path.is_file():
        pytest.fail(f"tests/golden/{name} is missing: run pytest {__file__} --update-golden")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (
        f"tests/golden/{name} differs from what the renderer makes; if the change is meant, "
        "run `python -m pytest tests/test_render_golden.py --update-golden` and review the diff"
    )
