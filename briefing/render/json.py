"""Render a brief as its public JSON contract (DESIGN.md, schema_version 1)."""

from __future__ import annotations

import json
from typing import ClassVar

from briefing.model import Brief
from briefing.render import RenderOptions


class JsonRenderer:
    """Write the brief's JSON: UTF-8, two-space indent, keys in contract order."""

    name: ClassVar[str] = "json"
    suffix: ClassVar[str] = ".json"
    media_type: ClassVar[str] = "application/json"
    description: ClassVar[str] = "The brief as JSON (schema_version 1), for other tools"

    def render(self, brief: Brief, *, options: RenderOptions) -> bytes:
        """Return the brief's JSON as UTF-8 bytes ending in a newline.

        A lone surrogate (a brief read from JSON may hold one, as ``"\\ud800"``)
        has no UTF-8 form; it is written as the same ``\\uXXXX`` escape, which
        only ever occurs inside a JSON string, so the file stays valid and
        reads back the same.
        """
        text = json.dumps(brief.to_dict(), ensure_ascii=False, indent=2) + "\n"
        return text.encode("utf-8", errors="backslashreplace")
