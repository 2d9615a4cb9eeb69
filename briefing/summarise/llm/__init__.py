"""Bring your own model: a chat-completions summariser whose every item is checked against the source.

Needs the ``openai`` package (``pip install 'briefing[llm]'``) to reach a
model; a build from its response cache needs no model at all.
"""

from briefing.summarise.llm.options import LlmOptions
from briefing.summarise.llm.summariser import LlmSummariser

__all__ = ["LlmOptions", "LlmSummariser"]
