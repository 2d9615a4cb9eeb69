"""Renderers against hostile briefs: text no format can hold, and text that tries to become markup.

A brief read back from JSON (``briefing render``) can hold anything JSON
can: lone surrogates, control characters, a 300-character "language". Each
renderer must write a valid file or raise a RenderError.
"""

from __future__ import annotations

import io
import json

import pytest

from briefing.model import Brief, Point, Source
from briefing.render import RenderOptions, render


def _brief(**fields) -> Brief:
    values = {"title": "Talks resume", "source": Source(name="talks.txt"), "summary": (Point("Talks resume."),)}
    values.update(fields)
    return Brief(**values)


def test_json_writes_a_lone_surrogate_as_its_escape_and_reads_it_back() -> None:
    brief = _brief(title="Talks \ud800 resume", summary=(Point("A lone \udfff surrogate."),))
    data = render(brief, "json", options=RenderOptions())
    assert b"\\ud800" in data and b"\\udfff" in data
    assert Brief.from_dict(json.loads(data.decode("utf-8"))) == brief


@pytest.mark.parametrize("language", ["x" * 300, "en\x00GB", "en\ud800"])
def test_docx_keeps_a_source_language_no_core_property_could_hold_out_of_the_properties(language: str) -> None:
    import docx

    brief = _brief(source=Source(name="talks.md", language=language))
    document = docx.Document(io.BytesIO(render(brief, "docx", options=RenderOptions())))
    written = document.core_properties.language
    assert len(written) <= 255 and "\x00" not in written


@pytest.mark.parametrize("tag", ['en" onload="alert(1)', "en;background:url(http://attacker.example/x)", "x" * 300])
def test_a_source_language_that_is_no_language_tag_is_written_nowhere(tag: str) -> None:
    import docx

    brief = _brief(source=Source(name="talks.md", language=tag))
    assert '<html lang="en" dir="ltr">' in render(brief, "html", options=RenderOptions()).decode("utf-8")
    assert "lang: \"en\"" in render(brief, "md", options=RenderOptions()).decode("utf-8")
    document = docx.Document(io.BytesIO(render(brief, "docx", options=RenderOptions())))
    assert document.core_properties.language == "en"


def test_a_source_language_tag_is_kept() -> None:
    brief = _brief(source=Source(name="talks.md", language="ar-EG"))
    assert '<html lang="ar-EG" dir="rtl">' in render(brief, "html", options=RenderOptions()).decode("utf-8")


def test_pdf_metadata_drops_lone_surrogates() -> None:
    pypdf = pytest.importorskip("pypdf")
    pytest.importorskip("weasyprint")
    brief = _brief(title="Talks \ud800 resume", source=Source(name="t.txt", title="A \udfff title", language="e\ud800n"))
    reader = pypdf.PdfReader(io.BytesIO(render(brief, "pdf", options=RenderOptions())))
    assert reader.metadata.title == "Talks  resume"
