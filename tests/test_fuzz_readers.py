"""Fuzz the readers: truncated, bit-flipped, spliced and random inputs end in a Document or a BriefingError.

Each reader starts from a valid file of its kind and gets it damaged the
ways files are damaged in the wild (a download cut short, a flipped bit, a
block copied to the wrong place) or replaced by noise. Any exception but a
BriefingError is a failure, and so is an input that takes longer than the
deadline: a hostile file must not hang a batch.
"""

from __future__ import annotations

import os
import zlib
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.errors import BriefingError
from briefing.ingest import parse_bytes, read_stdin

from .ingest_fixtures import ARTICLE_PARAGRAPHS, article_page, docx_bytes
from .test_hostile_ingest import _FONT, _stream, make_pdf

# BRIEFING_FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz_readers.py: a long hunt, off CI.
# A damaged input may hold control characters: ingest removes them and says so in an InputWarning.
pytestmark = pytest.mark.filterwarnings("ignore::briefing.errors.InputWarning")

FUZZ = settings(
    max_examples=int(os.environ.get("BRIEFING_FUZZ_EXAMPLES", "40")),
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _text_pdf() -> bytes:
    """A small PDF with a Flate content stream, an info dictionary and an outline of lines."""
    lines = b"".join(b"(%s) Tj T*\n" % p[:90].encode("latin-1", "replace") for p in ARTICLE_PARAGRAPHS)
    content = zlib.compress(b"BT /F1 10 Tf 14 TL 60 740 Td\n" + lines + b"ET\n")
    return make_pdf([
        b"<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        _FONT,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 3 0 R >> >> >>",
        _stream(content, b"/Filter /FlateDecode"),
    ])  # fmt: skip


def _markdown() -> bytes:
    body = "\n\n".join(f"* [{p[:20]}](https://example.org/{n}) **{p}** _aside_ `code`"
                       for n, p in enumerate(ARTICLE_PARAGRAPHS))  # fmt: skip
    return f"---\ntitle: Radar pact\ndate: 2024-03-12\ntags: [a, b]\n---\n# Radar pact\n\n{body}\n".encode()


SEEDS = {
    ".pdf": _text_pdf(),
    ".docx": docx_bytes(),
    ".html": article_page().encode(),
    ".md": _markdown(),
}


@st.composite
def damaged(draw, seed: bytes) -> bytes:
    """Return ``seed`` cut short, with bits flipped, with a block copied over another, or noise instead."""
    kind = draw(st.sampled_from(["truncate", "flip", "splice", "noise"]))
    if kind == "truncate":
        return seed[: draw(st.integers(0, len(seed) - 1))]
    if kind == "noise":
        return draw(st.binary(max_size=4096))
    data = bytearray(seed)
    if kind == "flip":
        for _ in range(draw(st.integers(1, 16))):
            position = draw(st.integers(0, len(data) - 1))
            data[position] ^= 1 << draw(st.integers(0, 7))
        return bytes(data)
    start, length, to = (draw(st.integers(0, len(data) - 1)) for _ in range(3))
    data[to:to] = data[start : start + min(length, 512)]
    return bytes(data)


@pytest.fixture(scope="module", autouse=True)
def _readers_loaded() -> None:
    """Import every reader's libraries (and charset detection's) before the deadlines count."""
    for suffix, seed in SEEDS.items():
        parse_bytes(seed, "warm" + suffix)
    parse_bytes(article_page(charset="windows-1252").encode("cp1252"), "warm.html")
    parse_bytes("Caf\xe9 cr\xe8me, na\xefve fa\xe7ade.".encode("cp1252"), "warm.txt")


def _read(data: bytes, suffix: str) -> None:
    try:
        parse_bytes(data, "fuzzed" + suffix)
    except BriefingError:
        pass


def test_the_seeds_are_readable() -> None:
    for suffix, seed in SEEDS.items():
        assert parse_bytes(seed, "seed" + suffix).words > 50


@FUZZ
@given(st.data())
def test_damaged_pdf_is_read_or_refused(data) -> None:
    _read(data.draw(damaged(SEEDS[".pdf"])), ".pdf")


@FUZZ
@given(st.data())
def test_damaged_docx_is_read_or_refused(data) -> None:
    _read(data.draw(damaged(SEEDS[".docx"])), ".docx")


@FUZZ
@given(st.data())
def test_damaged_html_is_read_or_refused(data) -> None:
    _read(data.draw(damaged(SEEDS[".html"])), ".html")


@FUZZ
@given(st.data())
def test_damaged_markdown_is_read_or_refused(data) -> None:
    _read(data.draw(damaged(SEEDS[".md"])), ".md")


@FUZZ
@given(st.data())
def test_damaged_input_on_standard_input_is_read_or_refused(data) -> None:
    import io

    seed = SEEDS[data.draw(st.sampled_from(sorted(SEEDS)))]
    try:
        read_stdin(stream=io.BytesIO(data.draw(damaged(seed))))
    except BriefingError:
        pass


@pytest.mark.parametrize("suffix", sorted(SEEDS))
def test_every_truncation_of_a_small_file_is_read_or_refused(suffix: str) -> None:
    """Cut each seed at many points, systematically: the damage a download cut short does."""
    seed = SEEDS[suffix]
    for end in range(0, len(seed), max(1, len(seed) // 60)):
        _read(seed[:end], suffix)
