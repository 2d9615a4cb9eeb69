"""A hand-made brief of a small fake article, built to trip up renderers.

The article has Unicode, an Arabic quote, HTML and Markdown injection and
table-breaking pipes; every evidence span is cut from ``ARTICLE`` so its
offsets and quotes agree, as a summariser's would.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from briefing.model import Actor, Brief, Document, Evidence, Generator, Point, Quote, Relation, Source, TimelineEvent

PARAGRAPHS = (
    "Ministers of Mali, Niger and Burkina Faso signed the Liptako–Gourma Charter in Niamey "
    "on Saturday, creating the Alliance of Sahel States (AES) as a mutual-defence pact.",
    "Under the charter, an attack on one signatory is an attack on all, and members pledge "
    "to assist one another, including militarily, within 72 hours of a request.",
    "The pact follows the three juntas' decision to leave ECOWAS, the regional bloc that "
    "suspended them after coups in 2020–2023 and threatened force in Niger.",
    "“This alliance will be a combination of military and economic efforts,” said Abdoulaye "
    "Diop, Mali's foreign minister, at the signing ceremony.",
    "A spokesman for the Arab League said: «إن أمن منطقة الساحل مسؤولية مشتركة» before the talks closed.",
    "Critics warned the text was vague: <script>alert('x')</script> | # * _under_ "
    "[click](javascript:alert(1)) and `code` were pasted in a leaked draft.",
    "Analysts expect the alliance to deepen the rift with ECOWAS and to strengthen ties with "
    "Russia, whose instructors already train the three armies.",
    "1986. A year the charter's drafters cited as precedent, alongside the Ségou accords "
    "of 1987, which the Sahel's negotiators called a model for regional security cooperation "
    "between neighbouring states facing shared insurgencies and porous borders.",
)

ARTICLE = "\n\n".join(PARAGRAPHS)


def span(fragment: str) -> Evidence:
    """Cut the evidence for the first occurrence of ``fragment`` in the article."""
    start = ARTICLE.index(fragment)
    return Evidence.of(ARTICLE, start, start + len(fragment))


SIGNED = span(PARAGRAPHS[0])
MUTUAL = span(PARAGRAPHS[1])
LEFT_ECOWAS = span(PARAGRAPHS[2])
DIOP = span("This alliance will be a combination of military and economic efforts,")
ARABIC = span("إن أمن منطقة الساحل مسؤولية مشتركة")
INJECTION = span(PARAGRAPHS[5])
RIFT = span(PARAGRAPHS[6])
PRECEDENT = span(PARAGRAPHS[7])

DOCUMENT = Document(text=ARTICLE, name="sahel-security-pact.txt", title="Sahel juntas sign security pact")


def make_brief() -> Brief:
    """Return the fixture brief."""
    return Brief(
        title="Juntas of Mali, Niger and Burkina Faso Sign Security Pact",
        source=Source(
            name="sahel-security-pact.txt",
            title="Sahel juntas sign security pact",
            published="2023-09-16",
            publisher="Agence Ouest-Africaine",
            url="https://example.org/sahel",
            sha256=DOCUMENT.sha256,
            words=DOCUMENT.words,
        ),
        generator=Generator(name="briefing", version="0.1.0", summariser="extractive"),
        summary=(
            Point("Mali, Niger and Burkina Faso signed the Liptako–Gourma Charter, creating the "
                  "Alliance of Sahel States (AES).", (SIGNED,)),
            Point("An attack on one signatory is an attack on all; members must help within 72 hours.",
                  (MUTUAL,)),
            Point("Critics say the text is vague: <script>alert('x')</script> | # * _under_ "
                  "[click](javascript:alert(1)) and `code`.", (INJECTION,)),
        ),
        background=(
            Point("The three juntas are leaving ECOWAS, which suspended them after coups in 2020–2023.",
                  (LEFT_ECOWAS,)),
            Point("1986. Drafters cited earlier regional accords as precedent.", (PRECEDENT,)),
        ),
        actors=(
            Actor("Abdoulaye Diop", "person", "Mali's foreign minister", (), (DIOP,)),
            Actor("Mali", "country", "Signatory", ("Republic of Mali",), (SIGNED,)),
            Actor("Niger", "country", "Signatory; host of the signing in Niamey", (), (SIGNED,)),
            Actor("Burkina Faso", "country", "Signatory", (), (SIGNED,)),
            Actor("ECOWAS", "organisation", "Regional bloc | the juntas are leaving", (), (LEFT_ECOWAS,)),
            Actor("Arab League", "organisation", None, (), (ARABIC,)),
        ),
        terms=(
            Point("Mutual defence: an attack on one signatory is an attack on all.", (MUTUAL,)),
            Point("Assistance, including military, is due within 72 hours of a request.", (MUTUAL,)),
        ),
        implications=(
            Point("The rift with ECOWAS is likely to deepen and ties with Russia to strengthen.",
                  (RIFT, LEFT_ECOWAS)),
        ),
        quotes=(
            Quote("This alliance will be a combination of military and economic efforts,",
                  "Abdoulaye Diop", (DIOP,)),
            Quote("إن أمن منطقة الساحل مسؤولية مشتركة", None, (ARABIC,)),
        ),
        timeline=(
            TimelineEvent("2020/2023", "year", "in 2020–2023", "suspended them after coups", ("ECOWAS",),
                          (LEFT_ECOWAS,)),
            TimelineEvent("2023-09-16", "day", "on Saturday", "signed the Liptako–Gourma Charter",
                          ("Mali", "Niger", "Burkina Faso"), (SIGNED,)),
            TimelineEvent(None, "day", "within 72 hours", "assist: <script>alert('x')</script> | # `code` [x]",
                          (), (MUTUAL,), future=True),
        ),
        relations=(
            Relation("Abdoulaye Diop", "Mali", "foreign minister of", (DIOP,)),
            Relation("ECOWAS", "Niger", "threatened force in", (LEFT_ECOWAS,)),
            Relation("Mali", "Burkina Faso", "signed <pact> | with [x]; \"now\"", (SIGNED,)),
            Relation("Mali", "Russia", "not an actor of the brief", (RIFT,)),
        ),
    )


def make_empty_brief() -> Brief:
    """Return a brief with a title and nothing else, to check empty sections."""
    return Brief(title="Nothing to report", source=Source(name="empty.txt"))


# Briefs and files for particular renderer features ---------------------------

SCRIPTS = {
    "ru": "Министры трёх стран подписали хартию о взаимной обороне",
    "el": "Οι υπουργοί των τριών χωρών υπέγραψαν τον χάρτη αμοιβαίας άμυνας",
    "he": "שרי שלוש המדינות חתמו על אמנת הגנה הדדית",
    "ar": "وقع وزراء الدول الثلاث على ميثاق للدفاع المشترك",
}


def make_scripts_brief() -> Brief:
    """Return a brief with one point in each of Cyrillic, Greek, Hebrew and Arabic."""
    article = "\n\n".join(f"{text}." for text in SCRIPTS.values())
    points = []
    for text in SCRIPTS.values():
        start = article.index(text)
        points.append(Point(f"{text}.", (Evidence.of(article, start, start + len(text) + 1),)))
    return Brief(title="Четыре письменности", source=Source(name="scripts.txt"), summary=tuple(points))


def make_long_brief(actors: int = 70, points: int = 0) -> Brief:
    """Return the fixture brief with many actors (a table over several pages) and extra summary points."""
    brief = make_brief()
    many = tuple(
        Actor(f"Actor number {n}", "organisation", f"Role of actor {n} in the story", (), (SIGNED,))
        for n in range(1, actors + 1)
    )
    extra = tuple(
        Point(f"Padding point {n} that pushes the later sections further down the page.", (SIGNED,))
        for n in range(1, points + 1)
    )
    return Brief(
        title=brief.title, source=brief.source, generator=brief.generator, summary=brief.summary + extra,
        background=brief.background, actors=brief.actors + many, terms=brief.terms,
        implications=brief.implications, quotes=brief.quotes,
    )


SVG_LOGO = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40" width="120" height="40">'
    '<rect width="40" height="40" rx="6" fill="#1f4e79"/><path d="M8 30 L20 10 L32 30 Z" fill="#fff"/>'
    '<text x="48" y="27" font-family="DejaVu Sans" font-size="16" font-weight="bold" fill="#1f4e79">ACME</text>'
    "</svg>\n"
)


def make_png(width: int = 6, height: int = 2, rgb: tuple[int, int, int] = (31, 78, 121)) -> bytes:
    """Return a small solid-colour PNG."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes(rgb) * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def write_briefs(folder: Path, count: int) -> list[str]:
    """Write ``count`` briefs as JSON files in ``folder`` (made if missing), for builds that load briefs."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"brief-{n:02d}.json"
        path.write_text(json.dumps(dataclasses.replace(make_brief(), title=f"Brief {n}").to_dict()), encoding="utf-8")
        paths.append(str(path))
    return paths
