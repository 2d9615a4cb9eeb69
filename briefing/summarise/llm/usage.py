"""What briefing one document with a model cost: requests, tokens, seconds, and what was dropped."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Usage:
    """Counts for one document, added to from every request (thread-safe)."""

    requests: int = 0  # HTTP requests sent, retries included
    cached: int = 0  # answers taken from the response cache
    prompt_tokens: int = 0
    completion_tokens: int = 0
    retries: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, **counts: int) -> None:
        with self._lock:
            for name, value in counts.items():
                setattr(self, name, getattr(self, name) + value)


@dataclass(frozen=True)
class LlmReport:
    """The build report's account of one document briefed by the model."""

    model: str
    requests: int = 0
    cached: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    retries: int = 0
    seconds: float = 0.0
    parts: int = 1
    dropped: tuple[tuple[str, int], ...] = ()
    warning: str | None = None  # set when the model failed and the extractive summariser built the brief

    @classmethod
    def of(cls, model: str, usage: Usage, *, seconds: float, parts: int, dropped: dict[str, int],
           warning: str | None = None) -> LlmReport:
        return cls(model, usage.requests, usage.cached, usage.prompt_tokens, usage.completion_tokens, usage.retries,
                   seconds, parts, tuple(sorted(dropped.items())), warning)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "model": self.model, "requests": self.requests, "cached": self.cached,
            "prompt_tokens": self.prompt_tokens, "completion_tokens": self.completion_tokens,
            "retries": self.retries, "seconds": round(self.seconds, 3), "parts": self.parts,
            "dropped": dict(self.dropped),
        }
        if self.warning is not None:
            data["warning"] = self.warning
        return data
