"""Answers already given, on disk: an unchanged question costs no request and gets the same answer.

The key is a hash of the endpoint, the model, the prompt version, the
options that shape an answer and the request's messages (which hold the
document's sentences). Only answers that parsed as a brief are stored. The
API key is never part of an entry.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from briefing.errors import BriefingError
from briefing.output import write_atomic
from briefing.summarise.llm.options import LlmOptions
from briefing.summarise.llm.prompts import PROMPT_VERSION

_FORMAT = 1


@dataclass(frozen=True)
class CachedAnswer:
    content: str
    prompt_tokens: int = 0
    completion_tokens: int = 0


class ResponseCache:
    """A folder of answers, one JSON file per question."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @staticmethod
    def key(options: LlmOptions, messages: Sequence[dict[str, str]]) -> str:
        """Return the key of a question: what was asked, of which model, at which endpoint, how."""
        question = json.dumps({
            "format": _FORMAT,
            "prompt_version": PROMPT_VERSION,
            "base_url": options.base_url.rstrip("/"),
            "model": options.model,
            "temperature": options.temperature,
            "seed": options.seed,
            "answer_tokens": options.answer_tokens,
            "messages": list(messages),
        }, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(question.encode("utf-8")).hexdigest()

    def get(self, key: str) -> CachedAnswer | None:
        """Return the answer stored under ``key``; None if there is none or it is damaged."""
        try:
            data = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            if data.get("format") != _FORMAT or not isinstance(data.get("content"), str):
                return None
            return CachedAnswer(data["content"], int(data.get("prompt_tokens", 0)),
                                int(data.get("completion_tokens", 0)))
        except (OSError, ValueError, TypeError, AttributeError):
            return None

    def put(self, key: str, answer: CachedAnswer) -> None:
        """Store ``answer`` under ``key``, atomically; a cache that cannot be written is skipped."""
        entry: dict[str, Any] = {"format": _FORMAT, "content": answer.content,
                                 "prompt_tokens": answer.prompt_tokens, "completion_tokens": answer.completion_tokens}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.folder / f"{key}.json", json.dumps(entry, ensure_ascii=False).encode("utf-8"))
        except (OSError, BriefingError):
            pass  # a read-only cache costs requests, not the brief
