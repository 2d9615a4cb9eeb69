"""Ingest of HTML pages, PDFs and Word files, each from a fixture the test makes."""

from __future__ import annotations

import io

import pytest

from briefing.errors import InputError
from briefing.ingest import docx as docx_reader
from briefing.ingest import parse_bytes

from .ingest_fixtures import (
    ADVERT,
    ARTICLE_PARAGRAPHS,
    COMMENT,
    COOKIE_BANNER,
    FOOTER,
    NAVIGATION,
    article_page,
    docx_bytes,
    pdf_bytes,
    two_column_report,
    zip_bytes,
)

# --- HTML ---------------------------------------------------------------------


def test_html_keeps_the_article_and_drops_navigation_adverts_comments_and_banners():
    doc = parse_bytes(article_page().encode("utf-8"), "page.html")
    assert doc.text.split("\n\n") == list(ARTICLE_PARAGRAPHS)
    for furniture in (NAVIGATION.split()[1], COOKIE_BANNER, ADVERT, COMMENT, FOOTER, "By Ingrid Kask"):
        assert furniture not in doc.text


def test_html_metadata_becomes_the_documents():
    doc = parse_bytes(article_page().encode("utf-8"), "page.html")
    assert doc.title == "Baltic States Pool Air Defence Radars"
    assert doc.published == "2024-03-12"
    assert doc.author == "Ingrid Kask"
    assert doc.publisher == "Baltic Daily"
    assert doc.url == "https://news.example.org/world/baltic-radar-pact"
    assert doc.language == "en-GB"


def test_html_metadata_reaches_the_briefs_source():
    from briefing.model import Source

    source = Source.of(parse_bytes(article_page().encode("utf-8"), "page.html")).to_dict()
    assert source["title"] == "Baltic States Pool Air Defence Radars"
    assert (source["published"], source["publisher"]) == ("2024-03-12", "Baltic Daily")
    assert source["url"] == "https://news.example.org/world/baltic-radar-pact"


def test_html_in_a_legacy_encoding_is_decoded_by_its_meta_charset():
    page = article_page(charset="windows-1252").replace("Ämari", "Ämari café")
    doc = parse_bytes(page.encode("cp1252"), "page.htm")
    assert "Ämari café" in doc.text and "“This is" in doc.text


def test_html_built_by_javascript_falls_back_to_the_schema_org_article_body():
    import json

    body = "\n".join(ARTICLE_PARAGRAPHS)
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Radar pact",
                     "articleBody": body})  # fmt: skip
    page = (
        f'<html><head><title>Radar pact</title><script type="application/ld+json">{ld}</script></head>'
        '<body><div id="app">Loading…</div><script src="/bundle.js"></script></body></html>'
    )
    doc = parse_bytes(page.encode(), "app.html")
    assert all(paragraph in doc.text for paragraph in ARTICLE_PARAGRAPHS)
    assert "Loading" not in doc.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Index</title></head>"
        "<body><nav><a href='/a'>World</a> <a href='/b'>Sport</a></nav></body></html>",
        "<html><body></body></html>",
    ],
)
def test_html_without_an_article_is_a_clear_error(page):
    with pytest.raises(InputError, match=r"^index\.html: no article text found in this HTML page"):
        parse_bytes(page.encode(), "index.html")


# --- PDF ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def report():
    return two_column_report()


def test_pdf_two_columns_read_column_by_column_across_pages(report):
    data, sentences = report
    doc = parse_bytes(data, "report.pdf")
    positions = [doc.text.find(s) for s in sentences]
    assert -1 not in positions, [s for s, p in zip(sentences, positions) if p < 0][:3]
    assert positions == sorted(positions)


def test_pdf_running_header_and_page_numbers_are_removed_and_hyphens_repaired(report):
    doc = parse_bytes(report[0], "report.pdf")
    assert "Restricted Summary" not in doc.text
    assert "Page 1" not in doc.text and "of 3" not in doc.text
    assert "agree-" not in doc.text and "oblig-" not in doc.text
    assert doc.text.count("under the agreement.") == 48


def test_pdf_metadata_title_author_and_date(report):
    doc = parse_bytes(report[0], "report.pdf")
    assert (doc.title, doc.author, doc.published) == ("Baltic Defence Review", "Ingrid Kask", "2024-03-12")


def test_pdf_hyphen_stays_in_compounds_the_document_writes_with_one():
    from briefing.ingest.pdf import join_lines, vocabulary_of

    words = vocabulary_of(["a cost-sharing formula", "the Franco-German plan"])
    assert join_lines(["the cost-", "sharing formula"], words) == "the cost-sharing formula"
    assert join_lines(["an infor-", "mation request"], words) == "an information request"
    assert join_lines(["the Franco-", "German plan"], words) == "the Franco-German plan"
    assert join_lines(["AD 2018–", "23–51 applies"], words) == "AD 2018–23–51 applies"


def test_scanned_pdf_without_text_layer_is_a_clear_error():
    data = pdf_bytes('<div style="width:50mm;height:50mm;background:#333"></div>')
    with pytest.raises(InputError, match=r"^scan\.pdf: has no text layer.*scanned.*OCR"):
        parse_bytes(data, "scan.pdf")


def test_encrypted_pdf_is_a_clear_error(report):
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(report[0])))
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(InputError, match=r"^locked\.pdf: is encrypted: it needs a password"):
        parse_bytes(out.getvalue(), "locked.pdf")


@pytest.mark.parametrize("data", [b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", b"not a pdf at all", b"%PDF-"])
def test_corrupt_pdf_is_a_clear_error(data):
    with pytest.raises(InputError, match=r"^broken\.pdf: (is not a readable PDF|has no pages|is not a PDF file)"):
        parse_bytes(data, "broken.pdf")


def test_truncated_pdf_is_an_error_or_a_partial_read_never_a_crash(report):
    try:
        doc = parse_bytes(report[0][: len(report[0]) // 2], "half.pdf")
    except InputError as exc:
        assert str(exc).startswith("half.pdf: ")
    else:
        assert doc.text


# --- DOCX ---------------------------------------------------------------------


def test_docx_paragraphs_headings_and_tables_in_document_order():
    doc = parse_bytes(docx_bytes(), "terms.docx")
    assert doc.text.split("\n\n") == [
        "Obligations",
        ARTICLE_PARAGRAPHS[1],
        "Party; Contribution",
        "Estonia; Two radars",
        "Latvia and Lithuania share the remainder",
        "Review",
        ARTICLE_PARAGRAPHS[3],
    ]
    assert [doc.text[s.start : s.end] for s in doc.headings] == ["Obligations", "Review"]


def test_docx_without_text_is_a_clear_error():
    import docx

    document = docx.Document()
    document.add_paragraph("   ")
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(InputError, match=r"^blank\.docx: the document has no text$"):
        parse_bytes(out.getvalue(), "blank.docx")


def test_a_pdf_that_is_really_a_web_page_says_so():
    message = r"^page\.pdf: is not a PDF file .*; it looks like an HTML page \(name it \.html\)"
    with pytest.raises(InputError, match=message):
        parse_bytes(b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "page.pdf")


def test_docx_core_properties_become_metadata():
    doc = parse_bytes(docx_bytes(), "terms.docx")
    assert (doc.title, doc.author, doc.published, doc.language) == (
        "Radar Pact: Terms", "Ministry Press Office", "2024-03-12", "en-GB")  # fmt: skip


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04 this is not really a zip", r"is not a valid Word \(\.docx\) file: it is not a zip archive"),
        (zip_bytes({"readme.txt": b"hello"}), "is a zip archive but not a Word document"),
        (b"%PDF-1.7\n", r"is not a valid Word \(\.docx\) file: it is not a zip archive; it looks like a PDF file"),
        (zip_bytes({"word/document.xml": b"<w:document><unclosed"}), "is not a readable Word document"),
        (
            zip_bytes({"word/document.xml": b" " * (20 * 1024 * 1024)}),
            r"word/document\.xml unpacks to 20,971,520 bytes from [\d,]+ \(over 100:1, a zip bomb\?\)",
        ),
    ],
)
def test_bad_docx_files_get_clear_errors(data, message):
    with pytest.raises(InputError, match=f"^bad\\.docx: {message}"):
        parse_bytes(data, "bad.docx")


def test_docx_over_the_unzipped_limit_is_refused(monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_UNZIPPED_BYTES", 1000)
    with pytest.raises(InputError, match=r"unpacks to [\d,]+ bytes, over the limit of 1,000 \(a zip bomb\?\)"):
        parse_bytes(docx_bytes(), "big.docx")
