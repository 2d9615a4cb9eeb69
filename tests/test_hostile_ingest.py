"""Readers against hostile input: inputs shaped to take quadratic time, blow up memory or crash a parser.

Each input here once hung, exhausted memory or raised something other than
an InputError. The time bounds are generous (a slow CI machine passes them
easily) but far below what the old code took: minutes to hours.
"""

from __future__ import annotations

import re
import time
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.errors import InputError
from briefing.ingest import parse_bytes


@contextmanager
def within(seconds: float):
    """Fail when the block takes longer than ``seconds``."""
    started = time.perf_counter()
    yield
    took = time.perf_counter() - started
    assert took < seconds, f"took {took:.1f}s, over the bound of {seconds}s"


# Plain text ---------------------------------------------------------------------------------------


def _join_wrapped_reference(lines: list[str]) -> str:
    """The old, quadratic join_wrapped: the behaviour the linear one keeps."""
    from briefing.ingest.text import clean_line

    text = ""
    for raw in lines:
        line = clean_line(raw)
        if not line:
            continue
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha():
            text += line
        else:
            text = f"{text} {line}" if text else line
    return text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab- \t\x00é."), max_size=6), max_size=12))
def test_join_wrapped_joins_as_it_always_did(lines: list[str]) -> None:
    from briefing.ingest.txt import join_wrapped

    assert join_wrapped(lines) == _join_wrapped_reference(lines)


def test_a_paragraph_of_many_hard_wrapped_lines_is_read_in_linear_time() -> None:
    data = ("Officials said the talks would resume next week.\n" * 200_000).encode()  # 10 MB, one paragraph
    with within(10):
        document = parse_bytes(data, "wrapped.txt")
    assert document.words == 8 * 200_000


# Markdown -----------------------------------------------------------------------------------------

_BODY = "\n\nOfficials said the talks would resume next week in Geneva after a long pause.\n"


@pytest.mark.parametrize(
    "unit",
    ["[a ", "![a ", "[^a ", "[a](", "<a ", "_a ", "*a ", "**a ", "__a ", "a  ,", "`a "],
    ids=lambda unit: repr(unit),
)
def test_markdown_inline_markup_that_never_closes_is_read_in_linear_time(unit: str) -> None:
    data = ("Intro.\n\n" + unit * 200_000 + "\n").encode()  # about a megabyte in one paragraph
    with within(10):
        try:
            parse_bytes(data, "unclosed.md")
        except InputError:
            pass


def test_markdown_heading_with_a_long_run_of_spaces_is_read_in_linear_time() -> None:
    data = ("# a" + " " * 1_000_000 + "b\n" + _BODY).encode()
    with within(10):
        document = parse_bytes(data, "heading.md")
    assert document.title == "a b"


_STRONG = r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"
_EMPHASIS = r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "é", "_", "*", " ", ".", "**", "__", "\u00a0"]), max_size=16).map("".join))
def test_markdown_emphasis_is_stripped_exactly_as_the_regular_expressions_did(text: str) -> None:
    import re

    from briefing.ingest import markdown

    strong = markdown._unwrap(text, ("**", "__"), markdown._opens_strong, markdown._closes_strong)
    emphasis = markdown._unwrap(text, ("*", "_"), markdown._opens_emphasis, markdown._closes_emphasis)
    assert strong == re.sub(_STRONG, r"\2", text)
    assert emphasis == re.sub(_EMPHASIS, r"\2", text)


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("date: 2023-02-30", "malformed YAML front matter: day is out of range for month"),
        ("date: 2023-01-01 25:61:00", "malformed YAML front matter: hour must be in 0..23"),
        ("title: " + "[" * 5_000 + "]" * 5_000, "malformed YAML front matter: nested too deeply"),
        ("title: " + "{a: " * 3_000 + "b" + "}" * 3_000, "malformed YAML front matter: nested too deeply"),
        ("title: " + "9" * 5_000, "malformed YAML front matter: Exceeds the limit"),
        ("a: &a " + "x" * 70_000, "front matter is 70,006 characters, over the limit of 65,536"),
    ],
    ids=["invalid-date", "invalid-time", "deep-list", "deep-map", "huge-number", "oversized"],
)
def test_markdown_front_matter_that_yaml_cannot_build_is_an_input_error(front: str, message: str) -> None:
    with within(5), pytest.raises(InputError, match=re.escape(message)):
        parse_bytes(f"---\n{front}\n---{_BODY}".encode(), "front.md")


def test_markdown_front_matter_aliases_cannot_multiply_into_huge_metadata() -> None:
    long = "x" * 4_000
    front = f'a: &a "{long}"\nlist: [{", ".join(["*a"] * 5_000)}]\n' + "".join(f"k{n}: *a\n" for n in range(2_000))
    with within(5):
        document = parse_bytes(f"---\n{front}---{_BODY}".encode(), "aliases.md")
    assert sum(len(value) for _, value in document.metadata) <= 64 * 4_096
    assert "list" not in dict(document.metadata)


# HTML ---------------------------------------------------------------------------------------------

_PARAGRAPHS = "".join(
    f"<p>Paragraph {n}: officials said the talks on the border would resume next week in Geneva.</p>"
    for n in range(12)
)


def _page(body: str) -> bytes:
    return f"<!DOCTYPE html><html><head><title>Talks</title></head><body>{body}</body></html>".encode()


@pytest.mark.parametrize("depth", [300, 100_000])
def test_html_nested_deeper_than_the_parser_reads_is_refused_not_cut_short(depth: int) -> None:
    data = _page("<div>" * depth + _PARAGRAPHS + "</div>" * depth)
    with within(5), pytest.raises(InputError, match=r"^deep\.html: cannot be read whole: .*nested more than 255"):
        parse_bytes(data, "deep.html")


def test_html_nested_within_the_parser_limit_is_read() -> None:
    assert "Paragraph 11" in parse_bytes(_page("<div>" * 200 + _PARAGRAPHS + "</div>" * 200), "ok.html").text


def test_html_with_a_run_of_text_over_the_parser_limit_is_refused() -> None:
    data = _page(_PARAGRAPHS + "<p>" + "word " * 2_200_000 + "</p>")  # 11 MB of text in one node
    with within(10), pytest.raises(InputError, match=r"cannot be read whole: it is beyond the HTML parser's limits"):
        parse_bytes(data, "huge.html")


@pytest.mark.parametrize(
    "tail",
    ["<script " * 200_000, '<script type="application/ld+json">{' * 100_000],
    ids=["unclosed-script-tags", "unclosed-json-ld"],
)
def test_html_unclosed_script_tags_are_read_in_linear_time(tail: str) -> None:
    with within(15):
        document = parse_bytes(_page(_PARAGRAPHS + tail), "scripts.html")
    assert "Paragraph 11" in document.text


def test_html_json_ld_nested_past_pythons_recursion_limit_is_ignored() -> None:
    script = '<script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 + "</script>"
    assert "Paragraph 0" in parse_bytes(_page(_PARAGRAPHS + script), "ld.html").text


def test_html_json_ld_article_body_is_found_however_deep_it_sits() -> None:
    from briefing.ingest.html import _article_bodies

    nested: object = {"articleBody": "found"}
    for _ in range(5_000):  # deeper than Python's recursion limit
        nested = {"@graph": [nested]}
    assert list(_article_bodies(nested)) == ["found"]


_OLD_JSON_LD = r"""<script[^>]+type\s*=\s*["']?application/ld\+json["']?[^>]*>(.*?)</script>"""


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["<script", "<SCRIPT", " ", ">", "</script>", "</Script>", 'type="application/ld+json"',
                         "type=application/ld+json", "x", "{}", "data-"]),  # fmt: skip
        max_size=12,
    ).map("".join)
)
def test_html_json_ld_scripts_are_found_as_the_regular_expression_found_them(html: str) -> None:
    from briefing.ingest.html import json_ld_scripts

    expected = [m.group(1) for m in re.finditer(_OLD_JSON_LD, html, re.IGNORECASE | re.DOTALL)]
    assert list(json_ld_scripts(html)) == expected


def test_html_a_page_trafilatura_cannot_take_apart_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(trafilatura, "extract", broken)
    with pytest.raises(InputError, match=r"^broken\.html: the article could not be extracted .*recursion"):
        parse_bytes(_page(_PARAGRAPHS), "broken.html")


# DOCX ---------------------------------------------------------------------------------------------


def _patch_central_directory(data: bytes, name: str, *, offset: int, value: int, size: int) -> bytes:
    """Overwrite a field of ``name``'s central-directory entry: what a hand-crafted hostile zip would say."""
    import struct

    out = bytearray(data)
    position = out.find(b"PK\x01\x02")
    while position != -1:
        name_length = struct.unpack_from("<H", out, position + 28)[0]
        if out[position + 46 : position + 46 + name_length] == name.encode():
            out[position + offset : position + offset + size] = value.to_bytes(size, "little")
            return bytes(out)
        position = out.find(b"PK\x01\x02", position + 46)
    raise AssertionError(f"{name} not in the archive")


def _docx_with_body(body_xml: str) -> bytes:
    """Return the fixture Word file with its body replaced by ``body_xml``."""
    import io
    import zipfile

    from .ingest_fixtures import docx_bytes

    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    document = source.read("word/document.xml").decode()
    head = document[: document.index("<w:body>") + len("<w:body>")]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = (head + body_xml + "</w:body></w:document>").encode()
            target.writestr(info.filename, data)
    return out.getvalue()


def _cell(text: str, properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


_SENTENCE = "<w:p><w:r><w:t>Officials said the talks on the border would resume next week.</w:t></w:r></w:p>"


def test_docx_with_an_unsupported_zip_version_is_an_input_error() -> None:
    import io

    from briefing.ingest import read_stdin

    from .ingest_fixtures import docx_bytes

    data = _patch_central_directory(docx_bytes(), "word/document.xml", offset=6, value=84, size=2)  # "zip 8.4"
    with pytest.raises(InputError, match=r"^odd\.docx: is not a readable Word \(\.docx\) file: .*zip file version"):
        parse_bytes(data, "odd.docx")
    with pytest.raises(InputError):  # standard input is sniffed first: that must not crash either
        read_stdin(stream=io.BytesIO(data))


def test_docx_whose_xml_part_claims_to_unpack_past_the_limit_is_refused_unopened() -> None:
    from .ingest_fixtures import docx_bytes

    data = _patch_central_directory(docx_bytes(), "word/document.xml", offset=24, value=40 * 2**20, size=4)
    with pytest.raises(InputError, match=r"word/document\.xml unpacks to 41,943,040 bytes, over the limit of 33,554,432"):
        parse_bytes(data, "big.docx")


def test_docx_cell_spanning_two_billion_columns_is_read_at_once() -> None:
    row = _cell("Estonia", '<w:gridSpan w:val="2000000000"/>') + _cell("Two radars")
    data = _docx_with_body(_SENTENCE + f"<w:tbl><w:tr>{row}</w:tr></w:tbl>")
    with within(5):
        document = parse_bytes(data, "span.docx")
    assert "Estonia; Two radars" in document.text


def test_docx_vertical_merge_with_no_cell_above_is_read_not_a_crash() -> None:
    row = _cell("Estonia", '<w:vMerge/>') + _cell("Two radars")
    document = parse_bytes(_docx_with_body(_SENTENCE + f"<w:tbl><w:tr>{row}</w:tr></w:tbl>"), "merge.docx")
    assert "Estonia; Two radars" in document.text


def test_docx_merged_cells_read_as_python_docx_lays_them_out() -> None:
    import io

    import docx

    word = docx.Document()
    word.add_paragraph("Officials said the talks on the border would resume next week.")
    table = word.add_table(rows=4, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"r{r}c{c}"
    table.cell(0, 0).merge(table.cell(0, 1)).text = "wide"
    table.cell(1, 2).merge(table.cell(3, 2)).text = "tall"
    out = io.BytesIO()
    word.save(out)
    expected = []
    for row in table.rows:  # python-docx's own layout: a merged cell once per row it covers
        seen, cells = set(), []
        for cell in row.cells:
            if cell._tc not in seen:
                seen.add(cell._tc)
                cells.append(" ".join(p.text for p in cell.paragraphs if p.text))
        expected.append("; ".join(c for c in cells if c))
    assert parse_bytes(out.getvalue(), "merged.docx").text.split("\n\n")[1:] == expected


def test_docx_of_many_paragraphs_is_read_in_linear_time() -> None:
    body = "".join(
        ('<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>' if n % 50 == 0 else "<w:p>")  # most: default style
        + f"<w:r><w:t>Paragraph {n} says the talks would resume next week.</w:t></w:r></w:p>"
        for n in range(30_000)
    )
    with within(15):
        document = parse_bytes(_docx_with_body(body), "long.docx")
    assert len(document.headings) == 600
