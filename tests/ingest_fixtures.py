"""Documents made by the tests themselves: web pages, PDFs, Word files, archives."""

from __future__ import annotations

import io
import zipfile

ARTICLE_PARAGRAPHS = (
    "The foreign ministers of Estonia, Latvia and Lithuania signed a joint declaration on Tuesday that commits "
    "the three Baltic states to pooling their air defence radars within two years.",
    "Under the declaration, each country will share live radar data with the others and will fund a common "
    "command post in Riga, which is expected to open in the spring of next year.",
    "“This is the most important step we have taken together since joining the alliance,” the Latvian minister "
    "told reporters after the signing ceremony, which lasted less than an hour.",
    "The agreement also sets out a review clause: if any of the three states leaves the arrangement, the others "
    "may renegotiate the cost-sharing formula within ninety days of its notice.",
    "Officials said the first joint exercise under the new arrangement would take place in the autumn, with "
    "aircraft from all three air forces flying from the airbase at Ämari.",
    "Analysts in Vilnius said the pact was modest in scale but significant as a signal, because it binds the "
    "budgets of three governments to a single procurement plan for the first time.",
)

NAVIGATION = "Home World Politics Business Sport Weather Subscribe"
COOKIE_BANNER = "We use cookies to improve your experience. Accept all cookies or manage your preferences."
ADVERT = "Advertisement: get 50% off premium garden furniture this weekend only"
COMMENT = "Great article, thanks for sharing, I totally agree with the ministers here!!!"
FOOTER = "Copyright 2024 Baltic Daily Ltd. Terms of use. Privacy policy. Contact us."


def article_page(*, charset: str = "utf-8", paragraphs=ARTICLE_PARAGRAPHS) -> str:
    """Return a saved news page: an article with metadata, wrapped in navigation, banners and comments."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="{charset}">
<title>Baltic States Pool Air Defence Radars | Baltic Daily</title>
<meta property="og:title" content="Baltic States Pool Air Defence Radars">
<meta property="og:site_name" content="Baltic Daily">
<meta name="author" content="Ingrid Kask">
<meta property="article:published_time" content="2024-03-12T09:30:00+02:00">
<link rel="canonical" href="https://news.example.org/world/baltic-radar-pact">
</head>
<body>
<header><nav><ul>{"".join(f'<li><a href="/{w.lower()}">{w}</a></li>' for w in NAVIGATION.split())}</ul></nav></header>
<div class="cookie-banner" id="cookie-consent"><p>{COOKIE_BANNER}</p><button>Accept</button></div>
<aside class="advert"><p>{ADVERT}</p></aside>
<main>
<article>
<h1>Baltic States Pool Air Defence Radars</h1>
<p class="byline">By Ingrid Kask</p>
{body}
</article>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p>{COMMENT}</p></div></section>
</main>
<footer><p>{FOOTER}</p></footer>
</body>
</html>
"""


def docx_bytes() -> bytes:
    """Return a Word file: title, headings, paragraphs, a table with a merged cell, core properties."""
    import datetime as dt

    import docx

    document = docx.Document()
    props = document.core_properties
    props.title = "Radar Pact: Terms"
    props.author = "Ministry Press Office"
    props.created = dt.datetime(2024, 3, 12, 9, 30)
    props.language = "en-GB"
    document.add_paragraph("Radar Pact: Terms", style="Title")
    document.add_heading("Obligations", level=1)
    document.add_paragraph(ARTICLE_PARAGRAPHS[1])
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "Party"
    table.cell(0, 1).text = "Contribution"
    table.cell(1, 0).text = "Estonia"
    table.cell(1, 1).text = "Two radars"
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = "Latvia and Lithuania share the remainder"
    document.add_heading("Review", level=2)
    document.add_paragraph(ARTICLE_PARAGRAPHS[3])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def pdf_bytes(html: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=html).write_pdf()


# Two columns of numbered sentences, drawn row by row (left line, right line,
# left line, …) as many typeset reports are, so that reading the drawing
# order interleaves the columns. Lines are broken by hand, some with a
# hyphen, over three pages with a running header and a page number.
_PARTIES = ("Estonia", "Latvia", "Lithuania", "each signatory", "the command post", "the joint staff")
_DUTIES = ("share radar tracks", "fund maintenance", "report incidents", "train operators",
           "renegotiate contributions", "publish assessments", "replace equipment")  # fmt: skip
_OBJECTS = ("within ninety days", "every quarter", "before the winter", "under supervision",
            "through Riga", "without delay", "after notification", "at cost")  # fmt: skip


def column_sentences(page: int, column: int) -> list[str]:
    """Return the sentences of one column: numbered, each worded a little differently."""
    sentences = []
    for i in range(8):
        n = (page * 2 + column) * 8 + i
        party, duty, when = _PARTIES[n % 6], _DUTIES[n % 7], _OBJECTS[n % 8]
        sentences.append(f"Clause {page}.{column}.{i} obliges {party} to {duty} {when} under the agreement.")
    return sentences


def two_column_report() -> tuple[bytes, list[str]]:
    """Return a three-page two-column PDF and its sentences in reading order."""
    import textwrap

    pages, gold = [], []
    for page in range(1, 4):
        columns = []
        for column in (1, 2):
            sentences = column_sentences(page, column)
            gold.extend(sentences)
            lines = textwrap.wrap(" ".join(sentences), 38)
            for index in range(1, len(lines)):  # hyphenate long words that start a line
                word, _, rest = lines[index].partition(" ")
                if len(word.rstrip(".")) >= 8:
                    lines[index - 1] += f" {word[:5]}-"
                    lines[index] = f"{word[5:]} {rest}".strip()
            columns.append(lines)
        rows = []
        for row in range(max(map(len, columns))):
            for column, lines in enumerate(columns):
                if row < len(lines):
                    top, left = 30 + row * 4.5, 20 + column * 95
                    rows.append(f'<div style="top:{top}mm;left:{left}mm">{lines[row]}</div>')
        pages.append(
            '<section><div style="top:12mm;left:20mm">Baltic Defence Review — Restricted Summary</div>'
            + "".join(rows)
            + f'<div style="top:280mm;left:100mm">Page {page} of 3</div></section>'
        )
    html = (
        "<html><head><title>Baltic Defence Review</title><meta name=author content='Ingrid Kask'>"
        "<meta name=dcterms.created content='2024-03-12T09:30:00Z'>"
        "<style>@page{size:A4;margin:0} body{margin:0;font:10pt serif}"
        "section{position:relative;height:297mm;break-after:page} section div{position:absolute;white-space:nowrap}"
        "</style></head><body>" + "".join(pages) + "</body></html>"
    )
    return pdf_bytes(html), gold
