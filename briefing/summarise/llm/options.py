"""The LLM summariser's options: where the model is, how to ask it, what to do when it fails."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from briefing.options import (
    DEFAULT_LLM_API_KEY_ENV,
    DEFAULT_LLM_BASE_URL,
    DEFAULT_LLM_CONTEXT_TOKENS,
    DEFAULT_LLM_MAX_CONCURRENCY,
    DEFAULT_LLM_TIMEOUT,
    BriefOptions,
)

DEFAULT_ANSWER_TOKENS = 2048
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 1.0
MAX_RETRY_WAIT = 60.0  # the longest Retry-After honoured; a longer one fails the request


@dataclass(frozen=True, kw_only=True)
class LlmOptions:
    """How to reach the model and what to do with its answers.

    The API key is never an option: it is read from the environment
    variable ``api_key_env`` names, when a request is made.
    """

    base_url: str = DEFAULT_LLM_BASE_URL
    model: str = ""
    api_key_env: str = DEFAULT_LLM_API_KEY_ENV
    temperature: float = 0.0
    seed: int | None = None
    timeout: float = DEFAULT_LLM_TIMEOUT
    max_concurrency: int = DEFAULT_LLM_MAX_CONCURRENCY
    context_tokens: int = DEFAULT_LLM_CONTEXT_TOKENS
    answer_tokens: int = DEFAULT_ANSWER_TOKENS
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF  # seconds before the first retry; doubled each time
    hybrid: bool = True  # send the extractive pass's candidates, not every sentence
    cache_dir: Path | None = None  # None: $XDG_CACHE_HOME/briefing/llm
    cache: bool = True
    cache_only: bool = False
    fallback: bool = True  # build with the extractive summariser when the model fails

    @classmethod
    def of(cls, options: BriefOptions) -> LlmOptions:
        """Return the llm options the user's brief options (``--llm-*``, the ``[llm]`` table) set."""
        return cls(base_url=options.llm_base_url, model=options.llm_model or "", api_key_env=options.llm_api_key_env,
                   temperature=options.llm_temperature, seed=options.llm_seed, timeout=options.llm_timeout,
                   max_concurrency=options.llm_max_concurrency, context_tokens=options.llm_context_tokens,
                   hybrid=not options.llm_full_text, cache_dir=options.llm_cache_dir,
                   cache_only=options.llm_cache_only, fallback=not options.llm_no_fallback)

    def resolved_cache_dir(self) -> Path:
        """Return the folder the response cache lives in."""
        if self.cache_dir is not None:
            return Path(self.cache_dir)
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return Path(base) / "briefing" / "llm"
