"""What one document may cost to summarise: words, characters and sentences are capped, with a clear error.

spaCy keeps a parse of every word, and the summary ranker compares every
pair of sentences; without the caps a 20 MB text file took gigabytes and
hours, and a text of a million characters without a space crashed spaCy.
"""

from __future__ import annotations

import time

import pytest

import briefing
from briefing.errors import InputError
from briefing.ingest import parse_bytes
from briefing.model import Document, Span
from briefing.summarise.extractive import summariser as extractive


def _document(text: str, name: str = "long.txt") -> Document:
    return Document(text=text, name=name, paragraphs=(Span(0, len(text)),))


def test_a_20_mb_text_file_is_read_and_refused_for_summarising_at_once() -> None:
    sentence = "Officials said the talks on the border would resume in Geneva next week. "
    data = ((sentence * 10 + "\n\n") * (20_000_000 // (len(sentence) * 10 + 2))).encode()
    assert 19_000_000 < len(data) <= 20_000_000
    started = time.process_time()  # CPU time: a busy machine must not fail the bound
    document = parse_bytes(data, "big.txt")
    with pytest.raises(InputError, match=r"^big\.txt: has [\d,]+ words, more than the 50,000 words briefing summarises"):
        briefing.summarise_document(document)
    assert time.process_time() - started < 30


def test_text_without_spaces_over_spacys_limit_is_refused_not_a_crash() -> None:
    with pytest.raises(InputError, match=r"has 1,200,000 characters, more than the 1,000,000 characters"):
        briefing.summarise_document(_document("中" * 1_200_000))


def test_a_document_of_too_many_sentences_is_refused_before_ranking(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extractive, "MAX_SENTENCES", 20)
    text = " ".join(f"Sentence number {n} is short." for n in range(40))
    with pytest.raises(InputError, match=r"^many\.txt: has 40 sentences, more than the 20 briefing summarises"):
        briefing.summarise_document(_document(text, "many.txt"))


def test_a_document_at_the_limits_is_summarised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extractive, "MAX_WORDS", 63)
    text = " ".join(f"Officials in city {n} said the talks would resume." for n in range(7))  # 63 words
    assert briefing.summarise_document(_document(text)).summary
