"""The figures in a Word file: a PNG of each, with alt text, and the timeline as a table too.

Word and LibreOffice both show a PNG and both read its alt text from the
drawing's ``wp:docPr`` (``descr``; ``title`` is the short name), which is
what python-docx's ``add_picture`` writes without a description.
"""

from __future__ import annotations

import io

from docx.document import Document
from docx.shared import Emu

from briefing.render.common import xml_safe
from briefing.render.figures import Figure
from briefing.render.figures.scene import Scene

#: Points to EMU (English Metric Units): 12,700 per point.
EMU_PER_POINT = 12_700


def add_figure(document: Document, figure: Figure, usable_width: int, *, style: str) -> None:
    """Append ``figure`` as an inline PNG no wider than the page, in its own paragraph, with alt text."""
    width, height = _size(figure.scene, usable_width)
    paragraph = document.add_paragraph()
    paragraph._p.get_or_add_pPr().style = style
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(figure.png()), width=Emu(width), height=Emu(height))
    doc_pr = run._r.find(".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")
    doc_pr.set("name", figure.scene.title)
    doc_pr.set("title", figure.scene.title)
    doc_pr.set("descr", xml_safe(figure.alt))


def _size(scene: Scene, usable_width: int) -> tuple[int, int]:
    width = min(int(scene.width * EMU_PER_POINT), usable_width)
    return width, int(width * scene.height / scene.width)
