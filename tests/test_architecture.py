"""The package's shape: stages never reach back up into the package facade."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "briefing"
STAGES = sorted(p for folder in ("ingest", "summarise", "render", "build") for p in (PACKAGE / folder).rglob("*.py"))


def _uses_of_the_facade(path: Path) -> list[str]:
    """Return each import of a name from ``briefing`` itself, and each use of ``briefing.__x__``, in a module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "briefing" and node.level == 0:
            found.append(f"line {node.lineno}: from briefing import {', '.join(a.name for a in node.names)}")
        if isinstance(node, ast.Import) and any(alias.name == "briefing" for alias in node.names):
            found.append(f"line {node.lineno}: import briefing")
    return found


@pytest.mark.parametrize("path", STAGES, ids=[str(p.relative_to(PACKAGE)) for p in STAGES])
def test_no_stage_imports_the_package_facade(path: Path) -> None:
    assert _uses_of_the_facade(path) == []
