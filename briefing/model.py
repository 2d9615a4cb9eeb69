"""The typed values that pass between the stages: Document in, Brief out.

Every value is a frozen dataclass with tuple fields, so a brief can be
hashed, compared and passed between processes without surprises. The brief's
JSON form (``Brief.to_dict``/``Brief.from_dict``) is the public contract
described in DESIGN.md, ``schema_version`` 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Mapping

from briefing.errors import BriefFormatError

SCHEMA_VERSION = 1

ActorType = Literal["person", "country", "organisation", "group"]
ACTOR_TYPES: tuple[str, ...] = ("person", "country", "organisation", "group")
PointOrigin = Literal["extractive", "abstractive"]
POINT_ORIGINS: tuple[str, ...] = ("extractive", "abstractive")

Precision = Literal["day", "month", "year"]
PRECISIONS: tuple[str, ...] = ("day", "month", "year")


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` of a document's text."""

    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """Normalised plain text of one source, with its metadata.

    Every offset in a brief points into :attr:`text`.
    """

    text: str
    name: str
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None
    credit: str | None = None
    paragraphs: tuple[Span, ...] = ()
    headings: tuple[Span, ...] = ()
    heading_levels: tuple[int, ...] = ()  # each heading's level (1 highest, 0 unknown), or empty if none is known
    metadata: tuple[tuple[str, str], ...] = ()
    pages: tuple[Span, ...] = ()

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def sha256(self) -> str:
        import hashlib

        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def paragraph_at(self, offset: int) -> int | None:
        """Return the 1-based number of the body paragraph holding ``offset`` (headings not counted), or None."""
        return _span_number(self.paragraphs, offset)

    def page_at(self, offset: int) -> int | None:
        """Return the 1-based page holding ``offset`` for a paged source (a PDF), or None."""
        return _span_number(self.pages, offset)


@dataclass(frozen=True)
class Evidence:
    """The exact span of the document's text that supports an item.

    ``paragraph`` (1-based) and ``page`` (1-based, PDF sources only) say
    where a reader finds the span; None when not known.
    """

    start: int
    end: int
    quote: str
    paragraph: int | None = None
    page: int | None = None

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Evidence:
        """Cut the evidence for ``text[start:end]`` so the quote always matches."""
        return cls(start, end, text[start:end])

    @classmethod
    def located(cls, document: Document, start: int, end: int) -> Evidence:
        """Cut the evidence for ``document.text[start:end]`` with the paragraph and page it is in."""
        return cls(start, end, document.text[start:end], document.paragraph_at(start), document.page_at(start))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"start": self.start, "end": self.end, "quote": self.quote}
        if self.paragraph is not None:
            data["paragraph"] = self.paragraph
        if self.page is not None:
            data["page"] = self.page
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Evidence:
        paragraph, page = data.get("paragraph"), data.get("page")
        return cls(
            int(data["start"]),
            int(data["end"]),
            str(data["quote"]),
            None if paragraph is None else int(paragraph),
            None if page is None else int(page),
        )


@dataclass(frozen=True)
class Point:
    """One line of a brief and the evidence it rests on."""

    text: str
    evidence: tuple[Evidence, ...] = ()
    origin: PointOrigin | None = None  # a model-backed summariser says which; the extractive one leaves it out

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "evidence": [e.to_dict() for e in self.evidence]}
        if self.origin is not None:
            data["origin"] = self.origin
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Point:
        origin = data.get("origin")
        if origin is not None and origin not in POINT_ORIGINS:
            raise BriefFormatError(f"point origin {origin!r}; expected one of {', '.join(POINT_ORIGINS)}")
        return cls(str(data["text"]), _evidence(data), origin)


@dataclass(frozen=True)
class Actor:
    """A party to the story: a person, country, organisation or group."""

    name: str
    type: ActorType
    role: str | None = None
    aliases: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "role": self.role,
            "aliases": list(self.aliases),
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Actor:
        kind = data.get("type")
        if kind not in ACTOR_TYPES:
            raise BriefFormatError(
                f"actor {data.get('name')!r} has type {kind!r}; expected one of {', '.join(ACTOR_TYPES)}"
            )
        role = data.get("role")
        return cls(
            name=str(data["name"]),
            type=kind,
            role=None if role is None else str(role),
            aliases=tuple(str(a) for a in data.get("aliases", ())),
            evidence=_evidence(data),
        )


@dataclass(frozen=True)
class Quote:
    """Words a speaker said or a document stated, verbatim."""

    text: str
    speaker: str | None
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quote:
        speaker = data.get("speaker")
        return cls(str(data["text"]), None if speaker is None else str(speaker), _evidence(data))


@dataclass(frozen=True)
class TimelineEvent:
    """Something the source dates: when (ISO, with its precision), as written, what, who.

    ``date`` is an ISO day (``2023-09-16``), month (``2023-09``), year
    (``2017``) or a ``start/end`` range; None when the source's date is
    relative ("on Saturday") and no publication date resolves it, in which
    case ``date_text`` is all there is. ``future`` marks an event the source
    expects rather than reports.
    """

    date: str | None
    precision: Precision
    date_text: str
    text: str
    actors: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    future: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "precision": self.precision,
            "date_text": self.date_text,
            "text": self.text,
            "actors": list(self.actors),
            "future": self.future,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TimelineEvent:
        precision = data.get("precision")
        if precision not in PRECISIONS:
            raise BriefFormatError(f"timeline event has precision {precision!r}; expected one of {', '.join(PRECISIONS)}")
        when = data.get("date")
        return cls(
            date=None if when is None else str(when),
            precision=precision,
            date_text=str(data["date_text"]),
            text=str(data["text"]),
            actors=tuple(str(a) for a in data.get("actors", ())),
            evidence=_evidence(data),
            future=bool(data.get("future", False)),
        )


@dataclass(frozen=True)
class Relation:
    """Two actors the source relates in one sentence: ``source`` does ``label`` to ``target``."""

    source: str
    target: str
    label: str
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "label": self.label,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Relation:
        return cls(str(data["source"]), str(data["target"]), str(data["label"]), _evidence(data))


@dataclass(frozen=True)
class Source:
    """What the brief was made from."""

    name: str
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    url: str | None = None
    sha256: str | None = None
    words: int = 0
    credit: str | None = None
    language: str | None = None
    author: str | None = None

    @classmethod
    def of(cls, doc: Document) -> Source:
        return cls(
            name=doc.name,
            title=doc.title,
            published=doc.published,
            publisher=doc.publisher,
            url=doc.url,
            sha256=doc.sha256,
            words=doc.words,
            credit=doc.credit,
            language=doc.language,
            author=doc.author,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "published": self.published,
            "publisher": self.publisher,
            "url": self.url,
            "sha256": self.sha256,
            "words": self.words,
            "credit": self.credit,
            "language": self.language,
            **({"author": self.author} if self.author is not None else {}),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Source:
        def opt(key: str) -> str | None:
            value = data.get(key)
            return None if value is None else str(value)

        return cls(
            name=str(data.get("name", "")),
            title=opt("title"),
            published=opt("published"),
            publisher=opt("publisher"),
            url=opt("url"),
            sha256=opt("sha256"),
            words=int(data.get("words") or 0),
            credit=opt("credit"),
            language=opt("language"),
            author=opt("author"),
        )


@dataclass(frozen=True)
class Budget:
    """The length budget a brief was cut to: its name, its words, and how many items each section left out.

    ``merged`` counts, per section, the items a cut brief does not repeat
    because another section (or a fuller point) already says them: they are
    in the brief, not left out.
    """

    length: str
    words: int | None = None
    omitted: tuple[tuple[str, int], ...] = ()
    merged: tuple[tuple[str, int], ...] = ()

    def left_out(self, section: str) -> int:
        """Return how many items of ``section`` the budget left out."""
        return dict(self.omitted).get(section, 0)

    def said_elsewhere(self, section: str) -> int:
        """Return how many items of ``section`` were not repeated because the brief says them elsewhere."""
        return dict(self.merged).get(section, 0)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"length": self.length, "words": self.words, "omitted": dict(self.omitted)}
        if self.merged:
            data["merged"] = dict(self.merged)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Budget:
        words = data.get("words")
        return cls(
            length=str(data.get("length", "")),
            words=None if words is None else int(words),
            omitted=_counts(data.get("omitted")),
            merged=_counts(data.get("merged")),
        )


def _counts(data: Mapping[str, Any] | None) -> tuple[tuple[str, int], ...]:
    return tuple((str(k), int(v)) for k, v in (data or {}).items() if int(v) > 0)


@dataclass(frozen=True)
class Generator:
    """The program and summariser that made the brief, and the length budget it was cut to."""

    name: str = "briefing"
    version: str = ""
    summariser: str = "extractive"
    model: str | None = None  # a model-backed summariser's model
    dropped: tuple[tuple[str, int], ...] | None = None  # its items left out as ungrounded, by reason
    budget: Budget | None = None  # the length budget the brief was cut to

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "version": self.version, "summariser": self.summariser}
        if self.model is not None:
            data["model"] = self.model
        if self.dropped is not None:
            data["dropped"] = dict(self.dropped)
        if self.budget is not None:
            data["budget"] = self.budget.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Generator:
        model, dropped, budget = data.get("model"), data.get("dropped"), data.get("budget")
        return cls(
            name=str(data.get("name", "briefing")),
            version=str(data.get("version", "")),
            summariser=str(data.get("summariser", "extractive")),
            model=None if model is None else str(model),
            dropped=None if dropped is None else tuple((str(k), int(v)) for k, v in dict(dropped).items()),
            budget=Budget.from_dict(budget) if isinstance(budget, Mapping) else None,
        )


@dataclass(frozen=True)
class Brief:
    """A structured brief of one document; the summariser's product."""

    title: str
    source: Source
    generator: Generator = field(default_factory=Generator)
    summary: tuple[Point, ...] = ()
    background: tuple[Point, ...] = ()
    actors: tuple[Actor, ...] = ()
    terms: tuple[Point, ...] = ()
    implications: tuple[Point, ...] = ()
    quotes: tuple[Quote, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    relations: tuple[Relation, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the brief as the JSON contract's plain dict."""
        return {
            "schema_version": SCHEMA_VERSION,
            "title": self.title,
            "source": self.source.to_dict(),
            "generator": self.generator.to_dict(),
            "summary": [p.to_dict() for p in self.summary],
            "background": [p.to_dict() for p in self.background],
            "actors": [a.to_dict() for a in self.actors],
            "terms": [p.to_dict() for p in self.terms],
            "implications": [p.to_dict() for p in self.implications],
            "quotes": [q.to_dict() for q in self.quotes],
            "timeline": [e.to_dict() for e in self.timeline],
            "relations": [r.to_dict() for r in self.relations],
        }

    @classmethod
    def from_dict(cls, data: Any) -> Brief:
        """Read a brief from its JSON contract, raising BriefFormatError if it is not one."""
        if not isinstance(data, Mapping):
            raise BriefFormatError("a brief must be a JSON object")
        version = data.get("schema_version")
        if version != SCHEMA_VERSION:
            raise BriefFormatError(
                f"unsupported schema_version {version!r}; this briefing reads version {SCHEMA_VERSION}"
            )
        try:
            return cls(
                title=str(data["title"]),
                source=Source.from_dict(data.get("source") or {}),
                generator=Generator.from_dict(data.get("generator") or {}),
                summary=tuple(Point.from_dict(p) for p in data.get("summary", ())),
                background=tuple(Point.from_dict(p) for p in data.get("background", ())),
                actors=tuple(Actor.from_dict(a) for a in data.get("actors", ())),
                terms=tuple(Point.from_dict(p) for p in data.get("terms", ())),
                implications=tuple(Point.from_dict(p) for p in data.get("implications", ())),
                quotes=tuple(Quote.from_dict(q) for q in data.get("quotes", ())),
                timeline=tuple(TimelineEvent.from_dict(e) for e in data.get("timeline") or ()),
                relations=tuple(Relation.from_dict(r) for r in data.get("relations") or ()),
            )
        except BriefFormatError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise BriefFormatError(f"not a valid brief: {_describe(exc)}") from exc

    def evidence(self) -> tuple[Evidence, ...]:
        """Every distinct evidence span the brief's points and quotes cite, in order of first use.

        Renderers number their notes from this order, which is the order the
        sections are read in (the timeline and then the actor map follow the
        summary). Actors' evidence (where
        each is first named) stays in the JSON and is not cited as a note.
        """
        seen: dict[Evidence, None] = {}
        groups = (self.summary, self.timeline, self.relations, self.background, self.terms, self.implications,
                  self.quotes)
        for group in groups:
            for item in group:
                seen.update(dict.fromkeys(item.evidence))
        return tuple(seen)


def _span_number(spans: tuple[Span, ...], offset: int) -> int | None:
    import bisect

    index = bisect.bisect_right([span.start for span in spans], offset) - 1
    if index < 0 or offset >= spans[index].end:
        return None
    return index + 1


def _evidence(data: Mapping[str, Any]) -> tuple[Evidence, ...]:
    return tuple(Evidence.from_dict(e) for e in data.get("evidence", ()))


def _describe(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}"
    return str(exc)
