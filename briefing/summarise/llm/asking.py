"""Ask one question of the model: from the cache if it was asked before, else with one repair round."""

from __future__ import annotations

from typing import Callable

from briefing.errors import LlmCacheMissError, LlmError
from briefing.summarise.llm.answer import AnswerError, RawAnswer, parse_answer
from briefing.summarise.llm.cache import CachedAnswer, ResponseCache
from briefing.summarise.llm.client import ChatClient
from briefing.summarise.llm.options import LlmOptions
from briefing.summarise.llm.prompts import REPAIR, SYSTEM
from briefing.summarise.llm.usage import Usage

_ECHO_LIMIT = 8_000  # characters of a bad answer shown back to the model in the repair round


class Asker:
    """Put questions to one model, counting what each costs in ``usage``."""

    def __init__(self, options: LlmOptions, client: Callable[[], ChatClient], usage: Usage) -> None:
        self.options = options
        self._client = client
        self.usage = usage
        self.cache = ResponseCache(options.resolved_cache_dir()) if options.cache or options.cache_only else None

    def ask(self, prompt: str) -> RawAnswer:
        """Return the model's parsed answer to ``prompt``; LlmError if it gives none that parses."""
        messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": prompt}]
        key = ResponseCache.key(self.options, messages)
        cached = self.cache.get(key) if self.cache is not None else None
        if cached is not None:
            try:
                answer = parse_answer(cached.content)
                self.usage.add(cached=1)
                return answer
            except AnswerError:
                pass  # written by a different briefing, perhaps: ask again
        if self.options.cache_only:
            raise LlmCacheMissError("no cached answer for this document and these options (--llm-cache-only)")
        content, answer, tokens = self._ask_with_repair(messages)
        if self.cache is not None:
            self.cache.put(key, CachedAnswer(content, *tokens))
        return answer

    def _ask_with_repair(self, messages: list[dict[str, str]]) -> tuple[str, RawAnswer, tuple[int, int]]:
        client = self._client()
        first = client.complete(messages, self.usage)
        self.usage.add(prompt_tokens=first.prompt_tokens, completion_tokens=first.completion_tokens)
        try:
            return first.content, parse_answer(first.content), (first.prompt_tokens, first.completion_tokens)
        except AnswerError as problem:
            repair = [*messages, {"role": "assistant", "content": first.content[:_ECHO_LIMIT]},
                      {"role": "user", "content": REPAIR.format(problem=problem)}]
        second = client.complete(repair, self.usage)
        self.usage.add(prompt_tokens=second.prompt_tokens, completion_tokens=second.completion_tokens)
        try:
            answer = parse_answer(second.content)
        except AnswerError as problem:
            raise LlmError(f"model {self.options.model!r} gave no usable brief, even when asked again: {problem}") \
                from None
        return second.content, answer, (second.prompt_tokens, second.completion_tokens)
