"""The figures: what they show, that they are readable and stable, and that every format has or omits them."""

from __future__ import annotations

import dataclasses
import io
import json
import random
import zipfile

import pytest

from briefing.model import Actor, Brief, Evidence, Relation, Source, TimelineEvent
from briefing.render import RenderOptions, render
from briefing.render.common import Notes, figure_items
from briefing.render.figures import brief_figures
from briefing.render.figures.actor_map import MAX_LINKS, MAX_NODES, actor_graph
from briefing.render.figures.mermaid import inert
from briefing.render.figures.scene import Box, Dot, Label, Line, overlapping_labels, overlaps

from .render_fixtures import make_brief

NO_FIGURES = RenderOptions(figures=False)
EVIDENCE = (Evidence(0, 4, "text"),)
TYPES = ("person", "country", "organisation", "group")


def figures_of(brief: Brief):
    shown = figure_items(brief, True)
    return brief_figures(shown, Notes(shown).numbers)


def random_brief(seed: int, actors: int = 16, links: int = 24) -> Brief:
    """Return a brief of made-up actors with names of every length and random links between them."""
    rng = random.Random(seed)
    words = ["Alpha", "Bravo", "Union", "of", "the", "Northern", "States", "Council", "Ngozi", "Okonjo-Iweala", "X"]
    names = []
    while len(names) < actors:
        name = " ".join(rng.choice(words) for _ in range(rng.randint(1, 5)))
        if name not in names:
            names.append(name)
    cast = tuple(Actor(name, rng.choice(TYPES)) for name in names)
    labels = ["met", "promised to come to aid", "signed a security pact with", "threatened to use force against",
              "junta leader of", "backed"]
    relations = []
    for _ in range(links):
        a, b = rng.sample(names, 2)
        relations.append(Relation(a, b, rng.choice(labels), EVIDENCE))
    return Brief(title="Made up", source=Source(name="made-up.txt"), actors=cast, relations=tuple(relations))


@pytest.mark.parametrize("seed", range(6))
def test_actor_map_labels_and_boxes_never_overlap(seed):
    scene = figures_of(random_brief(seed)).actor_map.scene
    assert overlapping_labels(scene) == []
    boxes = [item.bounds() for item in scene.items if isinstance(item, Box)]
    link_labels = [item.bounds() for item in scene.items if isinstance(item, Label) and item.halo]
    assert not any(overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    assert not any(overlaps(label, box) for label in link_labels for box in boxes)


def test_actor_map_keeps_the_most_salient_within_its_limits():
    brief = random_brief(1, actors=30, links=60)
    graph = actor_graph(brief)
    assert len(graph.actors) <= MAX_NODES and len(graph.relations) <= MAX_LINKS
    rank = {a.name: i for i, a in enumerate(brief.actors)}
    related = sorted({n for r in brief.relations for n in (r.source, r.target)}, key=rank.__getitem__)
    assert graph.actors[0].name == related[0]
    assert {a.name for a in graph.actors} <= set(related[:MAX_NODES])


def test_the_same_brief_draws_the_same_figures():
    first, second = figures_of(random_brief(3)), figures_of(random_brief(3))
    assert first.actor_map.svg == second.actor_map.svg
    assert first.actor_map.png() == second.actor_map.png()


def test_timeline_lists_every_event_with_its_note():
    brief = make_brief()
    figures = figures_of(brief)
    svg = figures.timeline.svg
    for event in brief.timeline:
        assert figures.timeline.alt.count(event.text.split(":")[0]) >= 1
    dots = [item for item in figures.timeline.scene.items if isinstance(item, Dot)]
    assert len(dots) >= len(brief.timeline)
    assert svg.count("Z") >= len(dots)  # every dot drawn, each a closed outline
    assert 'href="#src-' in svg
    assert overlapping_labels(figures.timeline.scene) == []


def test_svg_draws_the_shapes_in_a_few_paths_whatever_their_number():
    figure = figures_of(random_brief(2, actors=16, links=24)).actor_map
    boxes = sum(isinstance(item, Box) for item in figure.scene.items)
    arrows = sum(isinstance(item, Line) and item.arrow for item in figure.scene.items)
    halos = sum(isinstance(item, Label) and item.halo for item in figure.scene.items)
    shapes = figure.shapes_svg
    assert shapes.count("<path") <= 8 and "<text" not in shapes and "<rect" not in shapes
    assert shapes.count("Z") == boxes + arrows + halos  # each box, arrowhead and label ground one closed outline
    assert figure.svg.count("<text") == len(figure.scene.labels())


def test_png_is_a_grey_picture_of_the_scene():
    from PIL import Image

    figure = figures_of(make_brief()).actor_map
    image = Image.open(io.BytesIO(figure.png()))
    assert image.format == "PNG" and image.mode == "L"
    assert image.size == (round(figure.scene.width * 2), round(figure.scene.height * 2))
    assert image.getextrema() == (0, 255)  # black on white


def test_too_little_to_draw_omits_the_figure():
    brief = make_brief()
    one_event = dataclasses.replace(brief, timeline=brief.timeline[:1], relations=())
    figures = figures_of(one_event)
    assert figures.timeline is None and figures.actor_map is None
    for name in ("md", "html"):
        out = render(one_event, name).decode()
        assert "Timeline" not in out and "Actor map" not in out and "<svg" not in out and "mermaid" not in out
    unrelated = dataclasses.replace(brief, relations=(Relation("Mali", "Nobody", "met", EVIDENCE),))
    assert figures_of(unrelated).actor_map is None


@pytest.mark.parametrize("name", ["md", "html"])
def test_no_figures_leaves_them_out_and_renumbers_nothing_else(name):
    brief = make_brief()
    with_figures = render(brief, name).decode()
    without = render(brief, name, options=NO_FIGURES).decode()
    assert ("mermaid" in with_figures) == (name == "md") and "mermaid" not in without
    assert ("<svg" in with_figures) == (name == "html") and "<svg" not in without
    assert "Timeline" in with_figures and "Timeline" not in without and "Actor map" not in without
    plain = dataclasses.replace(brief, timeline=(), relations=())
    assert without == render(plain, name).decode()


def test_docx_has_the_pictures_with_alt_text_and_the_timeline_table():
    data = render(make_brief(), "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        document = archive.read("word/document.xml").decode()
    assert len(media) == 2
    assert document.count('descr="Timeline of 3 events.') == 1 and 'descr="Actor map of ' in document
    assert ">Date<" in document and ">Event<" in document
    without = render(make_brief(), "docx", options=NO_FIGURES)
    with zipfile.ZipFile(io.BytesIO(without)) as archive:
        assert not [n for n in archive.namelist() if n.startswith("word/media/")]


def test_json_keeps_timeline_and_relations_with_or_without_figures():
    brief = make_brief()
    data = json.loads(render(brief, "json", options=NO_FIGURES))
    assert data["timeline"][1] == {
        "date": "2023-09-16", "precision": "day", "date_text": "on Saturday",
        "text": "signed the Liptako–Gourma Charter", "actors": ["Mali", "Niger", "Burkina Faso"], "future": False,
        "evidence": [e.to_dict() for e in brief.timeline[1].evidence],
    }
    assert set(data["relations"][0]) == {"source", "target", "label", "evidence"}
    assert Brief.from_dict(data) == brief


def test_briefs_without_timeline_or_relations_still_read():
    data = make_brief().to_dict()
    del data["timeline"], data["relations"]
    brief = Brief.from_dict(data)
    assert brief.timeline == () and brief.relations == ()


def test_a_bad_timeline_precision_is_refused():
    from briefing.errors import BriefFormatError

    data = make_brief().to_dict()
    data["timeline"][0]["precision"] = "week"
    with pytest.raises(BriefFormatError, match="precision 'week'"):
        Brief.from_dict(data)


@pytest.mark.parametrize("text", ['a"]-->|x|b', "x\n    section y", "a : b ; c # d", "``` end"])
def test_mermaid_text_is_inert(text):
    made = inert(text)
    assert not set(made) & set(':;#"`[]|\n<>{}') and made.strip() == made


def test_a_build_without_figures_imports_no_drawing_code():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from briefing.render import RenderOptions, render\n"
        "from tests.render_fixtures import make_brief\n"
        "for name in ('md', 'html', 'docx'):\n"
        "    render(make_brief(), name, options=RenderOptions(figures=False))\n"
        "print(sorted(m for m in sys.modules if m.startswith('briefing.render.figures')))\n"
    )
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root).stdout
    assert out.strip() == "[]"


def test_print_sets_the_labels_as_text_over_the_shapes():
    from briefing.render.html import render_html

    brief = make_brief()
    page = render_html(brief, RenderOptions(), media="print")
    screen = render_html(brief, RenderOptions())
    assert "<text" in screen and 'class="figure-canvas"' not in screen
    assert "<text" not in page and page.count('class="figure-canvas"') == 2
    from markupsafe import escape

    for label in figures_of(brief).actor_map.scene.labels():
        assert f">{escape(label.text)}" in page


def test_pdf_figures_are_selectable_text_with_alt_text():
    pypdf = pytest.importorskip("pypdf")
    data = render(make_brief(), "pdf", options=RenderOptions(pdf_variant="pdf/ua-1"))
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "threatened force in [4]" in text and "signed the Liptako–Gourma Charter [1]" in text
    alts = []

    def walk(node):
        node = node.get_object()
        if node.get("/S") == "/Figure" and "/Alt" in node:
            alts.append(str(node["/Alt"]))
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert any(a.startswith("Timeline of 3 events.") for a in alts)
    assert any(a.startswith("Actor map of 5 actors") for a in alts)


def _crosses_line(label: Label, line: Line) -> bool:
    """Tell whether ``line`` passes through the label's box (sampled every half point)."""
    left, top, right, bottom = label.bounds()
    steps = max(2, int(max(abs(line.x2 - line.x1), abs(line.y2 - line.y1)) * 2))
    for k in range(steps + 1):
        x = line.x1 + (line.x2 - line.x1) * k / steps
        y = line.y1 + (line.y2 - line.y1) * k / steps
        if left < x < right and top < y < bottom:
            return True
    return False


@pytest.mark.parametrize("seed", range(6))
def test_actor_map_link_labels_stay_off_the_lines_of_a_small_map(seed):
    brief = random_brief(seed, actors=5, links=5)
    scene = figures_of(brief).actor_map.scene
    lines = [item for item in scene.items if isinstance(item, Line)]
    crossed = [label.text for label in scene.labels() if label.halo for line in lines if _crosses_line(label, line)]
    assert crossed == []


def test_the_seeds_one_page_shows_its_three_events_and_its_map_labels_off_the_arrows(seed_document):
    from briefing import summarise_document

    brief = summarise_document(seed_document)
    assert [e.date_text for e in brief.timeline] == ["in 2017", "over the past week", "on Saturday"]
    assert "timeline" not in dict(brief.generator.budget.omitted), "a short timeline is not cut while the page has room"
    scene = figures_of(brief).actor_map.scene
    lines = [item for item in scene.items if isinstance(item, Line)]
    assert lines and not any(_crosses_line(label, line) for label in scene.labels() for line in lines)


def test_a_label_on_a_line_has_a_white_ground_reaching_past_its_letters():
    from briefing.render.figures.scene import HALO_MARGIN, Scene
    from briefing.render.figures.svg import _n, to_svg

    label = Label(50, 20, "backed", 7.5, anchor="middle", halo=True)
    svg = to_svg(Scene(100, 40, "t", "d", (Line(0, 18, 100, 18), label)), "x")
    left, top, right, bottom = label.halo_bounds()
    assert HALO_MARGIN >= 1.5 and top < label.bounds()[1] and bottom > label.bounds()[3]
    assert f'M{_n(left)} {_n(top)}L{_n(right)} {_n(top)}L{_n(right)} {_n(bottom)}' in svg and 'fill="#ffffff"' in svg


def test_only_a_small_narrow_map_stands_beside_the_timeline():
    from briefing.page import PAIR_MAX_NODES, is_pair

    short = ["Mali", "Niger", "Chad"]
    assert PAIR_MAX_NODES <= 4
    assert is_pair(3, 3, short, ["promised to come to aid"])
    assert not is_pair(3, 6, short * 2, ["met"]), "six actors get the full width"
    long_names = ["Organisation for the Prohibition of Chemical Weapons", "Confederation of Sahel States", "Mali"]
    assert not is_pair(3, 3, long_names, ["tried to persuade Brazil"]), "long names would be scaled down"


@pytest.mark.parametrize("seed", range(4))
def test_a_printed_map_is_never_scaled_below_a_legible_size(seed):
    from briefing.render.figures.overlay import LEGIBLE_SIZE

    figures = figures_of(random_brief(seed, actors=8, links=10))
    placed = figures.actor_map.overlay
    assert min(label.size for label in placed.labels) >= LEGIBLE_SIZE - 0.05
    assert placed.width <= figures.actor_map.print_width + 0.05
