"""The model-backed summariser: the extractive pass, then the model, then the grounding checks.

The extractive pass always runs first: its candidates go to the model (the
hybrid prompt), and its brief is the one used, with a warning in the
report, when the model fails and fallback is allowed. The brief then says
``"summariser": "extractive"``: a fallback is never silent.
"""

from __future__ import annotations

import ipaddress
import time
import warnings
from dataclasses import replace
from typing import Any, ClassVar
from urllib.parse import urlsplit

from briefing.errors import BriefingWarning, ConfigError, LlmCacheMissError, LlmError
from briefing.model import Actor, Brief, Document, Generator, Relation
from briefing.options import BriefOptions
from briefing.package import version
from briefing.summarise.budget import fit_to_length
from briefing.summarise.extractive import ExtractiveSummariser
from briefing.summarise.llm.asking import Asker
from briefing.summarise.llm.candidates import SentenceIndex, candidates_of, shown_sentences
from briefing.summarise.llm.client import ChatClient
from briefing.summarise.llm.options import LlmOptions
from briefing.summarise.llm.passes import Job, brief_with_model
from briefing.summarise.llm.sentences import number_sentences
from briefing.summarise.llm.usage import LlmReport, Usage


class LlmSummariser:
    """Brief a document with a chat-completions model, keeping only what the source says."""

    name: ClassVar[str] = "llm"

    def __init__(self, options: BriefOptions | None = None, *, llm: LlmOptions | None = None) -> None:
        self.brief_options = options or BriefOptions()
        self.options = llm or LlmOptions.of(self.brief_options)
        self.extractive = ExtractiveSummariser(self.brief_options)
        self.last_report: LlmReport | None = None  # the account of the last document briefed
        self._client: ChatClient | None = None

    def check_options(self) -> None:
        """Raise ConfigError for options no document could be briefed with; warn of a clear-text endpoint."""
        try:
            cautions = check_endpoint(self.options)
        except LlmError as exc:
            raise ConfigError(exc.message) from None
        for caution in cautions:
            warnings.warn(caution, BriefingWarning, stacklevel=2)

    def prepare(self) -> None:
        """Load the extractive pass's pipeline, once per process."""
        self.extractive.prepare()

    def report(self) -> dict[str, Any] | None:
        """Return what briefing the last document cost (requests, tokens, seconds, dropped items), for the report."""
        return self.last_report.to_dict() if self.last_report is not None else None

    def summarise(self, document: Document) -> Brief:
        """Brief ``document``; on the model's failure, the extractive brief (or LlmError without fallback)."""
        self.last_report = None
        check_endpoint(self.options)  # a usage error, never a reason to fall back
        started = time.perf_counter()
        extractive = self.extractive.extract(document)  # every candidate found, before dedup and budget
        usage = Usage()
        try:
            grounded, parts = brief_with_model(self._job(document, extractive),
                                               Asker(self.options, self._chat_client, usage), self.options)
        except LlmError as exc:  # a cache miss with --llm-cache-only fails: the model was not to be asked
            warning = None if not self.options.fallback or isinstance(exc, LlmCacheMissError) else \
                f"the model failed ({exc.message}); the extractive summariser built this brief"
            self.last_report = LlmReport.of(self.options.model, usage, seconds=time.perf_counter() - started,
                                            parts=0, dropped={}, warning=warning)
            if warning is None:
                raise
            return self.extractive.summarise(document)
        self.last_report = LlmReport.of(self.options.model, usage, seconds=time.perf_counter() - started,
                                        parts=parts, dropped=dict(grounded.dropped))
        return fit_to_length(Brief(
            title=extractive.title,
            source=extractive.source,
            generator=Generator("briefing", version(), self.name, model=self.options.model,
                                dropped=tuple(grounded.dropped.items())),
            summary=grounded.points["summary"],
            background=grounded.points["background"],
            actors=grounded.actors,
            terms=grounded.points["terms"],
            implications=grounded.points["implications"],
            quotes=grounded.quotes,
            timeline=extractive.timeline,  # dated events and relations come from the parse, cited as they are
            relations=_relations_between(extractive.relations, grounded.actors),
        ), self.brief_options.length)

    def _job(self, document: Document, extractive: Brief) -> Job:
        sentences = number_sentences(document)
        candidates = candidates_of(extractive, SentenceIndex(sentences)) if self.options.hybrid else None
        return Job(extractive.title, document.text, sentences, shown_sentences(sentences, candidates), candidates,
                   self.brief_options.summary_sentences, self._common_openers)

    def _common_openers(self, phrase: str) -> frozenset[str]:
        """Return the words opening the phrase's sentences that the pipeline takes for common nouns, not names."""
        from briefing.summarise.extractive.nlp import load_pipeline

        parsed = load_pipeline(self.brief_options.model)(phrase)
        return frozenset(s[0].text for s in parsed.sents if s[0].pos_ != "PROPN" and not s[0].ent_type_)

    def _chat_client(self) -> ChatClient:
        if self._client is None:  # one per process: it remembers whether the server does structured output
            self._client = ChatClient(self.options)
        return self._client


def check_endpoint(options: LlmOptions) -> tuple[str, ...]:
    """Raise LlmError for an unusable endpoint or model; warn of a document that would travel in clear text."""
    if not options.model:
        raise LlmError("the llm summariser needs a model: --llm-model NAME, or model in the [llm] table")
    parts = urlsplit(options.base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LlmError(f"the llm base URL {options.base_url!r} is not an http:// or https:// URL")
    if not options.cache_only:
        try:
            import openai  # noqa: F401
        except ImportError:
            raise LlmError("the llm summariser needs the openai package: pip install 'briefing[llm]'") from None
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        return (f"{options.base_url} is plain http:// to another machine: every document travels in clear text; "
                "use https://",)
    return ()


def is_loopback(host: str) -> bool:
    """Say whether ``host`` names this machine (localhost, 127.0.0.0/8, ::1)."""
    if host.casefold() in ("localhost", "localhost.localdomain") or host.casefold().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _relations_between(relations: tuple[Relation, ...], actors: tuple[Actor, ...]) -> tuple[Relation, ...]:
    """Keep the relations whose two ends are actors of the grounded brief, named as the brief names them."""
    names = {name.casefold(): actor.name for actor in actors for name in (actor.name, *actor.aliases)}
    kept = []
    for relation in relations:
        source, target = names.get(relation.source.casefold()), names.get(relation.target.casefold())
        if source and target and source != target:
            kept.append(replace(relation, source=source, target=target))
    return tuple(kept)
