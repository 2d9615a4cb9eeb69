"""Ask a chat-completions endpoint, with retries: timeouts, 429 (honouring Retry-After), 5xx, cut-off answers.

Talks through the ``openai`` package (``pip install 'briefing[llm]'``),
whose own retries are switched off so this module counts every request and
keeps to one budget. Structured output (a JSON schema) is asked for first;
a server that refuses it is asked for plain JSON from then on. The API key
is read from the environment when the client is made and appears in no
message this module raises.
"""

from __future__ import annotations

import email.utils
import os
import time
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from briefing.errors import LlmError
from briefing.summarise.llm.options import MAX_RETRY_WAIT, LlmOptions
from briefing.summarise.llm.prompts import ANSWER_SCHEMA
from briefing.summarise.llm.usage import Usage

_NO_KEY = "no-key"  # local servers need none; the client insists on a value


@dataclass(frozen=True)
class Completion:
    """One answer: its text, why it stopped, and the tokens it cost."""

    content: str
    finish_reason: str | None
    prompt_tokens: int = 0
    completion_tokens: int = 0


class _Retry(Exception):
    """A failure worth another try, after ``wait`` seconds (None: the backoff's)."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.wait = wait


class ChatClient:
    """Send chat-completions requests to one endpoint and model."""

    def __init__(self, options: LlmOptions, *, sleep: Callable[[float], None] = time.sleep) -> None:
        try:
            import openai
        except ImportError as exc:
            raise LlmError("the llm summariser needs the openai package: pip install 'briefing[llm]'") from exc
        self._openai = openai
        self.options = options
        self._key = os.environ.get(options.api_key_env) or ""
        self._client = openai.OpenAI(base_url=options.base_url, api_key=self._key or _NO_KEY,
                                     timeout=options.timeout, max_retries=0)
        self._schema = True  # until the server says it cannot do structured output
        self._limit = "max_tokens"  # OpenAI's newer models want max_completion_tokens, and say so
        self._sleep = sleep

    def complete(self, messages: Sequence[dict[str, str]], usage: Usage) -> Completion:
        """Return the model's answer to ``messages``; LlmError once the retries are spent."""
        max_tokens = self.options.answer_tokens
        wait = self.options.backoff
        for attempt in range(self.options.retries + 1):
            if attempt:
                usage.add(retries=1)
            try:
                completion = self._ask(messages, max_tokens, usage)
            except _Retry as retry:
                last = str(retry)
                pause = wait if retry.wait is None else retry.wait
                if pause > MAX_RETRY_WAIT:
                    raise LlmError(f"{self._where()}: {last}; asked to wait {pause:.0f} s, more than "
                                   f"{MAX_RETRY_WAIT:.0f} s") from None
                if attempt < self.options.retries:
                    self._sleep(pause)
                wait *= 2
                continue
            if completion.finish_reason == "length":
                last = f"the answer was cut off at {max_tokens} tokens"
                max_tokens = min(max_tokens * 2, self.options.context_tokens)  # a longer answer may fit next time
                if attempt < self.options.retries:
                    self._sleep(wait)
                wait *= 2
                continue
            return completion
        raise LlmError(f"{self._where()}: {last}, after {self.options.retries + 1} attempts")

    def _ask(self, messages: Sequence[dict[str, str]], max_tokens: int, usage: Usage) -> Completion:
        openai = self._openai
        usage.add(requests=1)
        try:
            response = self._client.chat.completions.create(**self._request(messages, max_tokens))
        except openai.APITimeoutError:
            raise _Retry(f"no answer within {self.options.timeout:g} s") from None
        except openai.RateLimitError as exc:
            raise _Retry("rate limited (429)", _retry_after(exc.response)) from None
        except openai.InternalServerError as exc:
            raise _Retry(f"server error ({exc.status_code})") from None
        except openai.APIConnectionError as exc:
            raise _Retry(f"cannot connect ({self._clean(str(exc.__cause__ or exc))})") from None
        except openai.BadRequestError as exc:
            if self._limit == "max_tokens" and "max_completion_tokens" in _said(exc):
                self._limit = "max_completion_tokens"
                return self._ask(messages, max_tokens, usage)
            if self._schema and _refuses_schema(exc):
                self._schema = False
                return self._ask(messages, max_tokens, usage)
            raise LlmError(f"{self._where()}: the request was refused (400): {self._detail(exc)}") from None
        except openai.APIStatusError as exc:
            raise LlmError(f"{self._where()}: {self._status_advice(exc)}") from None
        except (openai.APIError, ValueError) as exc:  # a 200 whose body is not a chat completion (a proxy's page)
            raise _Retry(f"the answer was not a chat completion ({self._clean(str(exc))[:200]})") from None
        return self._completion(response)

    def _request(self, messages: Sequence[dict[str, str]], max_tokens: int) -> dict[str, Any]:
        request: dict[str, Any] = {"model": self.options.model, "messages": list(messages),
                                   "temperature": self.options.temperature, self._limit: max_tokens}
        if self.options.seed is not None:
            request["seed"] = self.options.seed
        if self._schema:
            request["response_format"] = {"type": "json_schema",
                                          "json_schema": {"name": "brief", "schema": ANSWER_SCHEMA, "strict": True}}
        return request

    def _completion(self, response: Any) -> Completion:
        choices = getattr(response, "choices", None) or []
        if not choices or choices[0].message is None:
            raise _Retry("the answer held no message")
        usage = getattr(response, "usage", None)
        prompt, completion = (int(getattr(usage, name, 0) or 0) for name in ("prompt_tokens", "completion_tokens"))
        return Completion(choices[0].message.content or "", choices[0].finish_reason, prompt, completion)

    def _status_advice(self, exc: Any) -> str:
        status = exc.status_code
        if status in (401, 403):
            return (f"the endpoint refused the request ({status}); put the API key in the environment variable "
                    f"{self.options.api_key_env}")
        if status == 404:
            return f"not found (404): check the URL and the model name {self.options.model!r}: {self._detail(exc)}"
        return f"the request failed ({status}): {self._detail(exc)}"

    def _detail(self, exc: Any) -> str:
        body = getattr(exc, "body", None)
        message = body.get("message") if isinstance(body, dict) else None
        return self._clean(str(message or exc.message))[:300]

    def _clean(self, message: str) -> str:
        """Return ``message`` with the API key, if any, blotted out."""
        return message.replace(self._key, "***") if self._key else message

    def _where(self) -> str:
        return f"model {self.options.model!r} at {self.options.base_url}"


def _said(exc: Any) -> str:
    """Return what an error response says, body and message, lower-cased."""
    return (str(getattr(exc, "body", "") or "") + str(getattr(exc, "message", ""))).casefold()


def _refuses_schema(exc: Any) -> bool:
    return any(word in _said(exc) for word in ("response_format", "json_schema", "schema"))


def _retry_after(response: Any) -> float | None:
    """Return the seconds a 429 asks to wait (Retry-After as seconds or an HTTP date), or None."""
    headers = getattr(response, "headers", None) or {}
    value = headers.get("retry-after-ms")
    if value is not None:
        try:
            return max(0.0, float(value) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - time.time())
