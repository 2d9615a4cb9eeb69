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


def figure_svg(which: str) -> str:
    from briefing.render.common import Notes, figure_items
    from briefing.render.figures import brief_figures

    brief = figure_items(make_brief(), True)
    return getattr(brief_figures(brief, Notes(brief).numbers), which).svg + "\n"


def mermaid(which: str) -> str:
    from briefing.render.common import Notes, figure_items
    from briefing.render.figures import brief_figures

    brief = figure_items(make_brief(), True)
    return getattr(brief_figures(brief, Notes(brief).numbers), which).mermaid + "\n"


def docx_figures() -> str:
    """Describe the DOCX's figure parts: each picture's name, alt text, size in the page and in pixels."""
    from PIL import Image

    data = render(make_brief(), "docx", options=OPTIONS)
    lines = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
        rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        ns = {"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
              "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
              "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
        for inline in root.iterfind(".//wp:inline", ns):
            doc_pr = inline.find("wp:docPr", ns)
            extent = inline.find("wp:extent", ns)
            blip = inline.find(".//a:blip", ns)
            target = targets[blip.get(f"{{{ns['r']}}}embed")]
            image = Image.open(io.BytesIO(archive.read(f"word/{target}")))
            lines += [f"part: word/{target} ({image.format}, {image.mode}, {image.size[0]}×{image.size[1]} px)",
                      f"extent: {extent.get('cx')}×{extent.get('cy')} EMU",
                      f"name: {doc_pr.get('name')}", f"title: {doc_pr.get('title')}", f"descr: {doc_pr.get('descr')}", ""]
    return "\n".join(lines)


PRODUCERS = {
    "timeline.svg": lambda: figure_svg("timeline"),
    "actor-map.svg": lambda: figure_svg("actor_map"),
    "timeline.mmd": lambda: mermaid("timeline"),
    "actor-map.mmd": lambda: mermaid("actor_map"),
    "docx-figures.txt": docx_figures,
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
