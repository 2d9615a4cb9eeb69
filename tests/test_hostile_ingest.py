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
    """Fail when the block uses more than ``seconds`` of this process's CPU time.

    CPU time, not wall time: a machine busy with other work must not fail the
    bound, and the inputs it guards against take minutes to hours of CPU.
    """
    started = time.process_time()
    yield
    took = time.process_time() - started
    assert took < seconds, f"took {took:.1f}s of CPU, over the bound of {seconds}s"


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


def patch_central_directory(data: bytes, name: str, *, offset: int, value: int, size: int) -> bytes:
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


def docx_with_body(body_xml: str) -> bytes:
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

    data = patch_central_directory(docx_bytes(), "word/document.xml", offset=6, value=84, size=2)  # "zip 8.4"
    with pytest.raises(InputError, match=r"^odd\.docx: is not a readable Word \(\.docx\) file: .*zip file version"):
        parse_bytes(data, "odd.docx")
    with pytest.raises(InputError):  # standard input is sniffed first: that must not crash either
        read_stdin(stream=io.BytesIO(data))


def test_docx_whose_xml_part_claims_to_unpack_past_the_limit_is_refused_unopened() -> None:
    from .ingest_fixtures import docx_bytes

    data = patch_central_directory(docx_bytes(), "word/document.xml", offset=24, value=40 * 2**20, size=4)
    with pytest.raises(InputError, match=r"word/document\.xml unpacks to 41,943,040 bytes, over the limit of 33,554,432"):
        parse_bytes(data, "big.docx")


def test_docx_cell_spanning_two_billion_columns_is_read_at_once() -> None:
    row = _cell("Estonia", '<w:gridSpan w:val="2000000000"/>') + _cell("Two radars")
    data = docx_with_body(_SENTENCE + f"<w:tbl><w:tr>{row}</w:tr></w:tbl>")
    with within(5):
        document = parse_bytes(data, "span.docx")
    assert "Estonia; Two radars" in document.text


def test_docx_vertical_merge_with_no_cell_above_is_read_not_a_crash() -> None:
    row = _cell("Estonia", '<w:vMerge/>') + _cell("Two radars")
    document = parse_bytes(docx_with_body(_SENTENCE + f"<w:tbl><w:tr>{row}</w:tr></w:tbl>"), "merge.docx")
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
        document = parse_bytes(docx_with_body(body), "long.docx")
    assert len(document.headings) == 600


# PDF ----------------------------------------------------------------------------------------------


def make_pdf(objects: list[bytes]) -> bytes:
    """Write a minimal PDF whose objects are ``objects`` (numbered from 1; object 1 is the catalog)."""
    import io

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = b"BT /F1 11 Tf 72 720 Td (Officials said the talks on the border would resume next week.) Tj ET\n"


def pdf_of_pages(contents: list[bytes], *, count: int | None = None, xobjects: bytes = b"") -> bytes:
    """Return a PDF with one page per content stream; ``count`` overrides what the page tree claims."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", _FONT]
    kids = []
    for content in contents:
        objects.append(_stream(content))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> %s >> >>" % (len(objects), xobjects)
        )
        kids.append(len(objects))
    claimed = len(kids) if count is None else count
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), claimed)
    return make_pdf(objects)


def many_pages_pdf(pages: int) -> bytes:
    """Return a PDF of ``pages`` pages that all share one small content stream: a few bytes a page."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", _FONT, _stream(_TEXT)]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
    objects.append(page)
    kids = b" ".join([b"5 0 R"] * pages)  # one page object, listed many times
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages)
    return make_pdf(objects)


def flate_bomb_pdf(unpacked: int = 2**30) -> bytes:
    """Return a PDF of a few kilobytes whose one content stream, Flate-encoded twice, unpacks to ``unpacked`` bytes."""
    import zlib

    inflater = zlib.compressobj(9)
    block = b" " * 2**20
    once = b"".join(inflater.compress(block) for _ in range(unpacked // len(block))) + inflater.flush()
    twice = zlib.compress(once, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", _FONT,
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
               b"/Resources << /Font << /F1 3 0 R >> >> >>",
               _stream(twice, b"/Filter [/FlateDecode /FlateDecode]")]  # fmt: skip
    return make_pdf(objects)


def scattered_words_pdf(words: int, pages: int = 1) -> bytes:
    """Return a PDF whose pages each hold ``words`` words scattered at random: as many text boxes."""
    import random

    rnd = random.Random(8)
    contents = []
    for _ in range(pages):
        ops = [b"BT /F1 6 Tf"]
        for n in range(words):
            ops.append(b"1 0 0 1 %.1f %.1f Tm (word%d) Tj" % (rnd.uniform(0, 580), rnd.uniform(0, 780), n))
        contents.append(b"\n".join(ops) + b"\nET")
    return pdf_of_pages(contents)


def test_pdf_decompression_bomb_is_refused_before_it_fills_memory() -> None:
    import tracemalloc

    data = flate_bomb_pdf(2**30)  # 1 GiB from about 2 kB
    assert len(data) < 5_000
    tracemalloc.start()
    try:
        with within(10), pytest.raises(InputError, match=r"^bomb\.pdf: its compressed streams unpack to more than"):
            parse_bytes(data, "bomb.pdf")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 400 * 2**20


def _decompress_corrupted_reference(data: bytes) -> bytes:
    """pdfminer's own: inflate one byte at a time, tolerating an error in the last three bytes (quadratic)."""
    import zlib

    inflater, result = zlib.decompressobj(), b""
    for i in range(len(data)):
        try:
            result += inflater.decompress(data[i : i + 1])
        except zlib.error:
            if i < len(data) - 3:
                raise
            break
    return result


def test_pdf_stream_with_a_damaged_checksum_is_inflated_as_before_in_linear_time() -> None:
    import zlib

    from briefing.ingest import pdf_limits

    small = bytearray(zlib.compress(_TEXT * 20, 9))
    small[-1] ^= 0xFF  # the Adler-32 no longer matches
    assert pdf_limits._decompress_corrupted(bytes(small)) == _decompress_corrupted_reference(bytes(small))
    big = bytearray(zlib.compress(b"q Q\n" * 20_000_000, 9))  # 80 MB from 80 kB
    big[-1] ^= 0xFF
    with within(5):  # byte by byte into a growing bytes object, this took hours
        assert len(pdf_limits._decompress_corrupted(bytes(big))) == 80_000_000


def test_pdf_run_length_bomb_stops_at_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.ingest import pdf

    monkeypatch.setattr(pdf, "MAX_DECODED_BYTES", 2**20)
    runs = b"\x81 " * 100_000  # each pair unpacks to 128 spaces: 12.8 MB
    data = pdf_of_pages([b""]).replace(b"<< /Length 0  >>\nstream\n\nendstream",
                                       _stream(runs + b"\x80", b"/Filter /RunLengthDecode"))  # fmt: skip
    with within(10), pytest.raises(InputError, match="compressed streams unpack to more than"):
        parse_bytes(data, "runs.pdf")


def test_pdf_claiming_ten_thousand_pages_is_refused_at_once() -> None:
    data = many_pages_pdf(10_000)
    with within(5), pytest.raises(InputError, match=r"^many\.pdf: has 10,000 pages, more than the 1,000 briefing reads"):
        parse_bytes(data, "many.pdf")


def test_pdf_whose_page_tree_understates_its_pages_is_stopped_at_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.ingest import pdf

    monkeypatch.setattr(pdf, "MAX_PAGES", 50)
    data = pdf_of_pages([_TEXT] * 60, count=1)
    with within(10), pytest.raises(InputError, match=r"has more than 50 pages, more than briefing reads"):
        parse_bytes(data, "liar.pdf")


def test_pdf_page_of_thousands_of_scattered_words_is_laid_out_in_seconds() -> None:
    with within(10):  # pdfminer alone took over two minutes for this page
        document = parse_bytes(scattered_words_pdf(2_000), "scattered.pdf")
    assert document.words > 1_990  # a few words drawn over one another merge


def test_pdf_content_drawn_over_and_over_stops_at_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.ingest import pdf

    monkeypatch.setattr(pdf, "MAX_CONTENT_BYTES", 2**18)
    form = _stream(b"q Q\n" * 12_500 + _TEXT, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792]")  # 50 kB
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", _FONT,
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
               b"/Resources << /Font << /F1 3 0 R >> /XObject << /X 6 0 R >> >> >>",
               _stream(b"/X Do\n" * 1_000), form]  # fmt: skip
    with within(10), pytest.raises(InputError, match="more drawing instructions than briefing reads"):
        parse_bytes(make_pdf(objects), "forms.pdf")


def test_pdf_with_more_text_than_briefing_reads_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.ingest import pdf

    monkeypatch.setattr(pdf, "MAX_CHARACTERS", 1_000)
    with pytest.raises(InputError, match=r"has more than 1,000 characters of text"):
        parse_bytes(pdf_of_pages([_TEXT * 30]), "long.pdf")


def test_pdf_paragraph_running_on_across_thousands_of_boxes_is_joined_in_linear_time() -> None:
    from collections import Counter

    from briefing.ingest.pdf import Line, paragraphs

    lines = [Line(f"and the talks went on {n} times without end", 1 + n // 40, n, 72, 700 - (n % 40) * 15,
                  400, 712 - (n % 40) * 15, 10.0, False) for n in range(40_000)]  # fmt: skip
    with within(10):
        blocks = list(paragraphs(lines, Counter()))
    assert len(blocks) == 1


def _join_lines_reference(lines: list[str], words) -> str:
    """The old, quadratic join_lines: the behaviour the linear one keeps."""
    text = ""
    for line in lines:
        if not text:
            text = line
        elif re.search(r"\w-$", text) and not text.endswith("--"):
            head, tail = re.search(r"(\w+(?:-\w+)*)-$", text), re.match(r"\w+", line)
            if head is None or tail is None or not tail.group(0)[0].islower():
                text += line
            else:
                left, right = head.group(1).casefold(), tail.group(0).casefold()
                keep = words[f"{left}-{right}"] > words[left.replace("-", "") + right]
                text = text + line if keep else text[:-1] + line
        elif re.search(r"(?:\w[–/]|://)$", text) and line[:1].isalnum():
            text += line
        else:
            text = f"{text} {line}"
    return text


_LINE_PIECES = ["infor-", "mation", "semi-", "automatic", "COVID-", "19", "2018–", "23", "http://", "x.org", "a",
                "--", "-", "Word.", "end)", "b-c-"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_LINE_PIECES), min_size=1, max_size=4).map(" ".join), max_size=8))
def test_pdf_lines_are_joined_as_they_always_were(lines: list[str]) -> None:
    from collections import Counter

    from briefing.ingest.pdf import join_lines

    words = Counter({"semi-automatic": 2, "information": 1, "b-c-a": 3})
    assert join_lines(lines, words) == _join_lines_reference(lines, words)


def test_pdf_decoders_behave_as_pdfminers_own_outside_a_budget() -> None:
    import zlib

    from pdfminer import pdftypes

    from briefing.ingest import pdf_limits

    pdf_limits.install()
    packed = zlib.compress(b"x" * 10_000)
    assert pdftypes.zlib.decompress(packed) == b"x" * 10_000
    with pytest.raises(zlib.error):
        pdftypes.zlib.decompress(packed[:-6])
    assert pdftypes.rldecode(b"\x02abc\xfez\x80") == b"abczzz"


def test_random_bytes_named_as_a_pdf_are_not_called_plain_text() -> None:
    import random

    with pytest.raises(InputError) as error:
        parse_bytes(random.Random(3).randbytes(10_000), "noise.pdf")
    assert str(error.value) == "noise.pdf: is not a PDF file (it has no %PDF- header)"
    with pytest.raises(InputError, match=r"it looks like plain text"):
        parse_bytes("Café crème, naïve façade.".encode("cp1252"), "text.pdf")


def test_pdf_layout_grouping_stops_when_the_documents_budget_is_spent() -> None:
    from briefing.ingest.pdf_limits import MAX_GROUPED_BOXES, Budget

    budget = Budget(decoded_bytes=1, content_bytes=1, grouping=50_000)
    assert budget.group(200)  # 40,000 of 50,000
    assert not budget.group(200)  # the rest of the pages are ordered simply
    assert budget.group(50)
    assert not Budget(decoded_bytes=1, content_bytes=1).group(MAX_GROUPED_BOXES + 1)


def test_external_entities_are_never_resolved() -> None:
    import io
    import zipfile

    from .ingest_fixtures import docx_bytes

    entities = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    document = source.read("word/document.xml").decode()
    start = document.index("?>") + 2
    document = document[:start] + entities + document[start:].replace("Obligations</w:t>", "Obligations &xxe;</w:t>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = document.encode() if info.filename == "word/document.xml" else source.read(info.filename)
            target.writestr(info.filename, data)
    page = f'<?xml version="1.0"?>{entities}<html><body><article><p>Officials said &xxe; the talks resume.</p>'
    for data, name in ((out.getvalue(), "xxe.docx"), ((page + _PARAGRAPHS + "</article></body></html>").encode(), "xxe.html")):
        try:
            text = parse_bytes(data, name).text
        except InputError:
            continue
        assert "root:" not in text
