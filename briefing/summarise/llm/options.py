"""The LLM summariser's options: where the model is, how to ask it, what to do when it fails."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_BASE_URL = "http://127.0.0.1:8080/v1"  # llama.cpp's llama-server
DEFAULT_API_KEY_ENV = "OPENAI_API_KEY"
DEFAULT_TIMEOUT = 120.0
DEFAULT_CONTEXT_TOKENS = 8192
DEFAULT_ANSWER_TOKENS = 2048
DEFAULT_MAX_CONCURRENCY = 2
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 1.0
MAX_RETRY_WAIT = 60.0  # the longest Retry-After honoured; a longer one fails the request


@dataclass(frozen=True, kw_only=True)
class LlmOptions:
    """How to reach the model and what to do with its answers.

    The API key is never an option: it is read from the environment
    variable ``api_key_env`` names, when a request is made.
    """

    base_url: str = DEFAULT_BASE_URL
    model: str = ""
    api_key_env: str = DEFAULT_API_KEY_ENV
    temperature: float = 0.0
    seed: int | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_concurrency: int = DEFAULT_MAX_CONCURRENCY
    context_tokens: int = DEFAULT_CONTEXT_TOKENS
    answer_tokens: int = DEFAULT_ANSWER_TOKENS
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF  # seconds before the first retry; doubled each time
    hybrid: bool = True  # send the extractive pass's candidates, not every sentence
    cache_dir: Path | None = None  # None: $XDG_CACHE_HOME/briefing/llm
    cache: bool = True
    cache_only: bool = False
    fallback: bool = True  # build with the extractive summariser when the model fails

    def fingerprint(self) -> dict[str, Any]:
        """Return what about these options shapes a brief (for the build cache's key)."""
        return {
            "base_url": self.base_url, "model": self.model, "temperature": self.temperature, "seed": self.seed,
            "context_tokens": self.context_tokens, "answer_tokens": self.answer_tokens, "hybrid": self.hybrid,
        }

    def resolved_cache_dir(self) -> Path:
        """Return the folder the response cache lives in."""
        if self.cache_dir is not None:
            return Path(self.cache_dir)
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return Path(base) / "briefing" / "llm"
