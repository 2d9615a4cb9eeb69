"""Shared fixtures: the repository's paths and the seed's brief, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "sahel-security-pact.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/ and samples/ checks' expected files"
    )


@pytest.fixture(scope="session")
def seed_document():
    from briefing.ingest import read_document

    return read_document(SEED)


@pytest.fixture(scope="session")
def seed_brief(seed_document):
    """Every item the extractive summariser finds in the seed, before dedup and budget: what extraction tests check."""
    from briefing.summarise.extractive import ExtractiveSummariser

    return ExtractiveSummariser().extract(seed_document)
