"""Readers against hostile input: inputs shaped to take quadratic time, blow up memory or crash a parser.

Each input here once hung, exhausted memory or raised something other than
an InputError. The time bounds are generous (a slow CI machine passes them
easily) but far below what the old code took: minutes to hours.
"""

from __future__ import annotations

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
