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
