"""Score brief extraction (actors, roles, terms, evidence) against gold annotations.

Briefs are built through the public API as users get them, but with every
item found (``briefing.brief_file(path, length="full").to_dict()``: the
default length budget keeps only the most important) for every
``<data>/gold/*.json``, scored per ``<data>/GOLD-FORMAT.md``, and then a brief
is built for every article in ``<data>/articles/`` to count failures and time::

    /work/venv/bin/python benchmarks/extraction.py [--data DIR] [--json FILE] [--no-all]

Scoring (``score_article``, ``micro_average``, ``score_evidence`` are pure
functions, tested in tests/test_extraction_scoring.py):

- Actor names are normalised by casefolding, deleting every Unicode
  punctuation character (category P*: "U.S." == "US", "Mali’s" == "Malis",
  "al-Qaida" == "alqaida" but != "al qaida"), collapsing whitespace and
  dropping one leading word "the". Nothing else is folded (no accents:
  "Goïta" != "Goita"). An extracted actor matches a gold actor when any of the
  extracted {name, aliases} equals any of the gold {name, aliases} after this
  normalisation.
- Actor recall = required gold actors matched by some extracted actor /
  required gold actors. Missing optional actors cost nothing.
- Actor precision = extracted actors matched to a gold actor / extracted
  actors, where extracted actors matched to an optional gold actor are left
  out of both sides (they neither help nor hurt).
- Type accuracy = matched extracted actors (matched to any gold actor,
  optional ones included) whose type equals the gold type / matched actors.
- Role accuracy = matched extracted actors whose gold actor is a person with
  role_keywords and whose extracted role contains one keyword (casefolded
  substring) / such actors. A null role is an error.
- Term recall = required gold quotes contained (whitespace-normalised,
  casefolded) in some extracted term's text or in one of its evidence quotes /
  required gold quotes.
- Term precision = extracted terms containing some gold quote (required or
  optional) / extracted terms. With no gold terms every extracted term is a miss.
- Evidence: every Evidence in summary, background, terms, implications,
  quotes and actors is verbatim when ``quote == document.text[start:end]``
  (document = ``briefing.read_document(path)``) AND the quote, whitespace-
  normalised, occurs in the whitespace-normalised raw source file, as a
  reader sees it (Markdown without its link and emphasis marks, nested ones too, and
  without Wikipedia's superscript notes such as "[1]" and "[_citation needed_]").
- Micro-averages sum numerators and denominators over articles; a ratio with
  a zero denominator is reported as "-" (null in JSON).

Ambiguities resolved, each the stricter way:

- An extracted actor that matches both a required and an optional gold actor
  counts as "matched to an optional gold actor", so it is left out of
  precision (GOLD-FORMAT's denominator taken literally; the numerator is
  restricted to the same actors so precision cannot exceed 1).
- An extracted actor that matches several gold actors has the right type only
  if it equals every one of their types, and the right role only if it
  contains a keyword of every matched person with keywords.
- Type and role accuracy are counted per extracted actor, so two extracted
  actors for one gold person are both judged (a duplicate without the role is
  a role error). Duplicates still count as matched for precision, as the rule
  says "extracted actors matched to any gold actor"; they are listed in the
  table as "duplicates" so alias-merging failures stay visible.
- Roles: plain casefolded substring, no whitespace or punctuation folding.
  Term quotes: whitespace and case only (no quote-mark or dash folding), and
  the quote must lie inside one string (the term's text or one evidence
  quote), not across them. An empty gold quote matches nothing.
- Evidence with an empty quote, or offsets outside the text, is not verbatim.
- A brief that fails to build is scored as an empty brief (every required
  gold actor and term missed) and its error is reported.
- ``articles/SOURCE*.txt`` (licence notes) are not articles and are skipped
  in the all-articles pass, as are ``*.reference_summary.txt``.
- Seconds are wall time of ``brief_file`` alone. One brief is built first as
  a warm-up so no article's time includes loading spaCy; the warm-up's own
  time is printed separately.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any, Iterable

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval"
EVIDENCE_SECTIONS = ("summary", "background", "terms", "implications", "quotes", "actors")

# ratio name -> (numerator count, denominator count)
RATIOS: dict[str, tuple[str, str]] = {
    "actor_recall": ("actors_required_found", "actors_required"),
    "actor_precision": ("actors_correct", "actors_counted"),
    "type_accuracy": ("types_correct", "types_judged"),
    "role_accuracy": ("roles_correct", "roles_judged"),
    "term_recall": ("terms_required_found", "terms_required"),
    "term_precision": ("terms_correct", "terms_extracted"),
    "implication_recall": ("implications_required_found", "implications_required"),
    "implication_precision": ("implications_correct", "implications_extracted"),
    "quote_recall": ("quotes_found", "quotes_gold"),
    "attribution_accuracy": ("quotes_attributed", "quotes_found"),
    "evidence_verbatim": ("evidence_good", "evidence_total"),
    "evidence_offsets_ok": ("evidence_offsets_good", "evidence_total"),
    "evidence_in_source": ("evidence_source_good", "evidence_total"),
}
COUNTS = tuple(dict.fromkeys(key for pair in RATIOS.values() for key in pair)) + ("actors_extracted",)
assert not set(RATIOS) & set(COUNTS), "a ratio would overwrite a count"


# ---------------------------------------------------------------- normalising


def actor_key(name: str) -> str:
    """Casefold, delete punctuation, collapse whitespace, drop a leading "the"."""
    kept = "".join(ch for ch in name.casefold() if not unicodedata.category(ch).startswith("P"))
    words = kept.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def actor_keys(actor: dict[str, Any]) -> set[str]:
    """The normalised forms of an actor's name and aliases (empty forms dropped)."""
    names = [actor.get("name") or "", *(actor.get("aliases") or [])]
    return {key for key in map(actor_key, names) if key}


def text_key(text: str) -> str:
    """Whitespace-normalised, casefolded text for term containment."""
    return " ".join(text.casefold().split())


def ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def with_ratios(counts: dict[str, Any]) -> dict[str, Any]:
    """Add every ratio of RATIOS whose counts are present."""
    for name, (num, den) in RATIOS.items():
        if num in counts and den in counts:
            counts[name] = ratio(counts[num], counts[den])
    return counts


# ---------------------------------------------------------------- scoring


def score_actors(extracted: list[dict[str, Any]], gold: dict[str, Any]) -> dict[str, Any]:
    golds = gold.get("actors") or []
    gold_keys = [actor_keys(g) for g in golds]
    not_actor_keys = {actor_key(n) for n in gold.get("not_actors") or []}
    matches = [[i for i, keys in enumerate(gold_keys) if actor_keys(a) & keys] for a in extracted]

    found = {i for hits in matches for i in hits}
    required = [i for i, g in enumerate(golds) if g.get("required", True)]
    misses = [golds[i]["name"] for i in required if i not in found]

    counted = [hits for hits in matches if all(golds[i].get("required", True) for i in hits)]
    spurious, duplicates, seen = [], [], set()
    for actor, hits in zip(extracted, matches):
        if not hits:
            note = " (not an actor)" if actor_keys(actor) & not_actor_keys else ""
            spurious.append(actor.get("name", "?") + note)
        for i in hits:
            if i in seen:
                duplicates.append(f"{actor.get('name')} (= {golds[i]['name']})")
            seen.add(i)

    type_errors, role_errors = [], []
    types_judged = roles_judged = 0
    for actor, hits in zip(extracted, matches):
        if not hits:
            continue
        types_judged += 1
        wanted = sorted({golds[i].get("type") for i in hits})
        if wanted != [actor.get("type")]:
            type_errors.append(f"{actor.get('name')}: got {actor.get('type')}, wanted {'/'.join(map(str, wanted))}")
        keyword_sets = [
            golds[i]["role_keywords"]
            for i in hits
            if golds[i].get("type") == "person" and golds[i].get("role_keywords")
        ]
        if keyword_sets:
            roles_judged += 1
            role = (actor.get("role") or "").casefold()
            if not all(any(k.casefold() in role for k in keys) for keys in keyword_sets):
                wanted_words = " | ".join(k for keys in keyword_sets for k in keys)
                role_errors.append(f"{actor.get('name')}: got {actor.get('role')!r} vs wanted {wanted_words}")

    return {
        "actors_extracted": len(extracted),
        "actors_required": len(required),
        "actors_required_found": len(required) - len(misses),
        "actors_counted": len(counted),
        "actors_correct": sum(1 for hits in counted if hits),
        "types_judged": types_judged,
        "types_correct": types_judged - len(type_errors),
        "roles_judged": roles_judged,
        "roles_correct": roles_judged - len(role_errors),
        "misses": misses,
        "spurious": spurious,
        "duplicates": duplicates,
        "type_errors": type_errors,
        "role_errors": role_errors,
    }


def score_points(extracted: list[dict[str, Any]], golds: list[dict[str, Any]], prefix: str) -> dict[str, Any]:
    """Score extracted points (terms or implications) against gold quotes: ``<prefix>_required`` etc."""
    gold_points = [t for t in golds if text_key(t.get("quote") or "")]
    haystacks = [
        [text_key(point.get("text") or "")] + [text_key(e.get("quote") or "") for e in point.get("evidence") or []]
        for point in extracted
    ]

    def found(quote: str) -> bool:
        needle = text_key(quote)
        return any(needle in text for texts in haystacks for text in texts)

    def correct(texts: list[str]) -> bool:
        return any(text_key(t["quote"]) in text for t in gold_points for text in texts)

    required = [t["quote"] for t in gold_points if t.get("required", True)]
    misses = [quote for quote in required if not found(quote)]
    wrong = [texts[0] for texts in haystacks if not correct(texts)]
    singular = prefix[:-1]
    return {
        f"{prefix}_required": len(required),
        f"{prefix}_required_found": len(required) - len(misses),
        f"{prefix}_extracted": len(extracted),
        f"{prefix}_correct": sum(1 for texts in haystacks if correct(texts)),
        f"{singular}_misses": misses,
        f"{singular}_spurious": wrong,
    }


def score_terms(extracted: list[dict[str, Any]], gold: dict[str, Any]) -> dict[str, Any]:
    return score_points(extracted, gold.get("terms") or [], "terms")


def score_implications(extracted: list[dict[str, Any]], gold: dict[str, Any]) -> dict[str, Any]:
    """Score the brief's implications; a gold file without an implications list is not scored on them."""
    if "implications" not in gold:
        return {}
    return score_points(extracted, gold["implications"], "implications")


def quote_key(text: str) -> str:
    """Whitespace-normalised, casefolded text with curly quotation marks folded to straight ones."""
    return text_key(text.translate(_QUOTE_MARKS))


_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "„": '"', "«": '"', "»": '"'})


def speaker_matches(extracted: str | None, wanted: str | None, golds: list[dict[str, Any]]) -> bool:
    """Say whether an extracted speaker is the gold speaker (GOLD-FORMAT.md, attribution accuracy)."""
    if wanted is None or extracted is None:
        return wanted is None and extracted is None
    got = actor_key(extracted)
    names = {actor_key(wanted)}
    for g in golds:  # the gold actor the speaker names, by its name or (as "US" for "United States") an alias
        if actor_key(wanted) in actor_keys(g):
            names |= actor_keys(g)
    names.discard("")
    return bool(got) and any(got == n or got in n or n in got for n in names)


def score_quotes(extracted: list[dict[str, Any]], gold: dict[str, Any]) -> dict[str, Any]:
    """Score quote recall and attribution; a gold file without a quotes list is not scored on them."""
    if "quotes" not in gold:
        return {}
    texts = [(quote_key(q.get("text") or ""), q.get("speaker")) for q in extracted]
    found = attributed = 0
    misses, misattributed = [], []
    for g in gold["quotes"]:
        needle = quote_key(g.get("quote") or "")
        hits = [speaker for text, speaker in texts if needle and needle in text]
        if not hits:
            misses.append(g.get("quote") or "")
            continue
        found += 1
        if any(speaker_matches(s, g.get("speaker"), gold.get("actors") or []) for s in hits):
            attributed += 1
        else:
            misattributed.append(f"{shorten(g.get('quote') or '', 30)!r}: got {hits[0]!r}, wanted {g.get('speaker')!r}")
    return {
        "quotes_gold": len(gold["quotes"]),
        "quotes_found": found,
        "quotes_attributed": attributed,
        "quote_misses": misses,
        "misattributed": misattributed,
    }


def score_article(brief: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """Score one brief's JSON against one gold annotation (GOLD-FORMAT.md)."""
    result = score_actors(brief.get("actors") or [], gold)
    result.update(score_terms(brief.get("terms") or [], gold))
    result.update(score_implications(brief.get("implications") or [], gold))
    result.update(score_quotes(brief.get("quotes") or [], gold))
    return with_ratios(result)


def evidence_items(brief: dict[str, Any]) -> Iterable[tuple[str, dict[str, Any]]]:
    for section in EVIDENCE_SECTIONS:
        for item in brief.get(section) or []:
            for evidence in item.get("evidence") or []:
                yield section, evidence


def score_evidence(brief: dict[str, Any], text: str, raw: str) -> dict[str, Any]:
    """Check each Evidence against the Document's text and the raw source file."""
    raw_flat = flat(raw)
    total = offsets_good = source_good = good = 0
    bad = []
    for section, evidence in evidence_items(brief):
        quote, start, end = evidence.get("quote") or "", evidence.get("start"), evidence.get("end")
        ok_offsets = (
            bool(quote)
            and isinstance(start, int)
            and isinstance(end, int)
            and 0 <= start <= end <= len(text)
            and text[start:end] == quote
        )
        ok_source = bool(quote.strip()) and flat(quote) in raw_flat
        total += 1
        offsets_good += ok_offsets
        source_good += ok_source
        good += ok_offsets and ok_source
        if not (ok_offsets and ok_source):
            why = "offsets" if not ok_offsets else "not in source"
            bad.append(f"{section} [{start}:{end}] {why}: {shorten(quote, 60)!r}")
    return with_ratios(
        {
            "evidence_total": total,
            "evidence_offsets_good": offsets_good,
            "evidence_source_good": source_good,
            "evidence_good": good,
            "evidence_bad": bad,
        }
    )


def micro_average(scores: list[dict[str, Any]]) -> dict[str, Any]:
    """Sum each count over articles and recompute the ratios from the sums."""
    totals: dict[str, Any] = {"articles": len(scores)}
    for key in COUNTS:
        if any(key in s for s in scores):
            totals[key] = sum(s.get(key, 0) for s in scores)
    return with_ratios(totals)


# ---------------------------------------------------------------- building


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


BRIEFER: Any = None  # --summariser llm: llm_bench.LlmBriefer, else briefing.brief_file


def llm_bench() -> Any:
    """Load benchmarks/llm_bench.py, beside this script however it was loaded."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("llm_bench", Path(__file__).with_name("llm_bench.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def brief_options() -> dict[str, Any]:
    """Options for briefs as a user would build them, at full length where the API offers it."""
    import inspect

    import briefing

    return {"length": "full"} if "length" in inspect.signature(briefing.summarise_document).parameters else {}


def build(path: Path, model: Any = None) -> tuple[dict[str, Any] | None, str | None, float]:
    """Build a brief as a user would; return (brief JSON or None, error or None, seconds).

    ``model`` replaces the packaged section classifier (a fold's model in cross-validation).
    """
    import contextlib

    import briefing

    context = contextlib.nullcontext()
    if model is not None:
        from briefing.summarise.extractive.classify import use_model

        context = use_model(model)
    start = time.perf_counter()
    try:
        with context:
            brief = (BRIEFER(path) if BRIEFER else briefing.brief_file(path, **brief_options())).to_dict()
    except Exception as exc:  # a benchmark reports every failure and goes on
        return None, f"{type(exc).__name__}: {exc}", time.perf_counter() - start
    return brief, None, time.perf_counter() - start


def check_evidence(brief: dict[str, Any], path: Path) -> dict[str, Any]:
    import briefing

    text = briefing.read_document(path).text
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() in (".md", ".markdown"):
        raw = as_read(raw)
    return score_evidence(brief, text, raw)


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1(?!\w)", re.DOTALL)


_WIKI_NOTE = re.compile(
    r" ?\(/[^/()\n]{0,40}[\u0250-\u02ff][^/()\n]{0,40}/[^()\n]{0,60}\)"  # a pronunciation guide: "(/ˈɔːkəs/ _AW-kəs_)"
    r"|\[_[^\[\]_\n]{1,40}_\]"  # a maintenance tag, in italics: [_citation needed_], [_which?_]
    r"|\[(?:\d{1,3}|update|citation needed|needs update|(?:when|which|who|where)\?)\]"  # a note: [1], [update]
    r'|\s\[(?!sic\])[a-z]{2,3}\](?=[\s.,;:!?)"”’])'  # a link to another language's page: "Diamond [ja]"
)


def as_read(markdown: str) -> str:
    """Markdown as a reader sees it: links as their text, emphasis and code marks removed, also when
    nested (``_**Tratado**_``), and without Wikipedia's superscript notes (``[1]``, ``[_citation needed_]``),
    which a quotation leaves out as it leaves out footnote marks, nor its pronunciation guides."""
    text = _WIKI_NOTE.sub("", _MD_LINK.sub(r"\1", markdown))
    while True:
        unwrapped = _MD_EMPHASIS.sub(r"\2", text)
        if unwrapped == text:
            return text
        text = unwrapped


_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+(?=[,.;:!?)])")
_WRAPPED_HYPHEN = re.compile(r"(?<=\w)-\s+(?=\w)")


def flat(text: str) -> str:
    """Collapse whitespace, drop it before punctuation ("Union ," as converters leave it) and
    after a hyphen that ended a hard-wrapped line ("treaty-\\nbased")."""
    return _WRAPPED_HYPHEN.sub("-", _SPACE_BEFORE_PUNCTUATION.sub("", " ".join(text.split())))


def family_of(name: str) -> str:
    """The source family of an article: the prefix of its file name before "__"."""
    return name.split("__", 1)[0] if "__" in name else "other"


def score_gold_file(gold_path: Path, data: Path, model: Any = None) -> dict[str, Any]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    article = data / gold["article"]
    brief, error, seconds = build(article, model)
    result = {
        "article": article.stem,
        "family": family_of(gold_path.stem),
        "path": gold["article"],
        "seconds": seconds,
        "error": error,
    }
    result.update(score_article(brief or {}, gold))
    if brief is not None:
        result.update(check_evidence(brief, article))
    return result


def article_paths(articles: Path) -> list[Path]:
    return sorted(
        p
        for p in articles.iterdir()
        if p.suffix in (".txt", ".md")
        and not p.name.endswith(".reference_summary.txt")
        and not p.name.startswith("SOURCE")
    )


def build_all(articles: Path) -> dict[str, Any]:
    runs = []
    for path in article_paths(articles):
        cpu = time.process_time()
        brief, error, seconds = build(path)
        cpu = time.process_time() - cpu  # this process's own time: what a core spends, whatever else runs
        run = {"article": path.name, "seconds": seconds, "cpu_seconds": cpu, "error": error,
               "words": brief["source"].get("words") if brief else None}
        if brief is not None:
            evidence = check_evidence(brief, path)
            run.update({k: evidence[k] for k in ("evidence_total", "evidence_good", "evidence_bad")})
        runs.append(run)
    seconds = [r["seconds"] for r in runs]
    slowest = max(runs, key=lambda r: r["seconds"], default=None)
    per_thousand = sorted(1000 * r["cpu_seconds"] / r["words"] for r in runs if r.get("words"))
    return {
        "articles": len(runs),
        "built": sum(1 for r in runs if r["error"] is None),
        "errors": {r["article"]: r["error"] for r in runs if r["error"]},
        "mean_seconds": sum(seconds) / len(seconds) if seconds else None,
        "max_seconds": slowest["seconds"] if slowest else None,
        "slowest": slowest["article"] if slowest else None,
        "cpu_seconds_per_1000_words": statistics.median(per_thousand) if per_thousand else None,
        "evidence_total": sum(r.get("evidence_total", 0) for r in runs),
        "evidence_good": sum(r.get("evidence_good", 0) for r in runs),
        "runs": runs,
    }


# ---------------------------------------------------------------- printing


def sample(items: list[str], keep: int) -> list[str]:
    """The first ``keep`` distinct items, then how many more there are."""
    distinct = list(dict.fromkeys(items))
    more = len(items) - len(distinct[:keep])
    return distinct[:keep] + ([f"… {more} more (see --json)"] if more > 0 else [])


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def frac(result: dict[str, Any], num: str, den: str) -> str:
    return f"{result.get(num, 0)}/{result.get(den, 0)}"


def print_articles(results: list[dict[str, Any]]) -> None:
    header = (
        f"{'article':<40} {'actors':>7} {'ext':>4} {'prec':>6} {'type':>6} {'role':>5} "
        f"{'T-rec':>6} {'T-prec':>6} {'I-rec':>6} {'I-prec':>6} {'quotes':>7} {'attr':>5} {'evid':>7} {'secs':>5}"
    )
    print(
        "actors = required gold actors found/required, ext = actors extracted, type/role = right/judged,\n"
        "T-/I- = term/implication recall and precision, quotes = gold quotes found/gold, attr = attributed right,\n"
        "evid = evidence spans verbatim/total, secs = brief_file time\n"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{shorten(r['article'], 40):<40} {frac(r, 'actors_required_found', 'actors_required'):>7} "
            f"{r['actors_extracted']:>4} {fmt(r['actor_precision']):>6} "
            f"{frac(r, 'types_correct', 'types_judged'):>6} {frac(r, 'roles_correct', 'roles_judged'):>5} "
            f"{fmt(r['term_recall']):>6} {fmt(r['term_precision']):>6} "
            f"{fmt(r.get('implication_recall')):>6} {fmt(r.get('implication_precision')):>6} "
            f"{frac(r, 'quotes_found', 'quotes_gold'):>7} {r.get('quotes_attributed', 0):>5} "
            f"{frac(r, 'evidence_good', 'evidence_total'):>7} {r['seconds']:>5.2f}"
        )
        details = [
            ("error", [r["error"]] if r["error"] else []),
            ("misses", r["misses"]),
            ("spurious", r["spurious"]),
            ("duplicates", r["duplicates"]),
            ("type errors", r["type_errors"]),
            ("role errors", r["role_errors"]),
            ("term misses", [repr(shorten(q, 50)) for q in r["term_misses"]]),
            ("wrong terms", [repr(shorten(q, 50)) for q in r.get("term_spurious", [])]),
            ("implication misses", [repr(shorten(q, 50)) for q in r.get("implication_misses", [])]),
            ("wrong implications", [repr(shorten(q, 50)) for q in r.get("implication_spurious", [])]),
            ("quote misses", [repr(shorten(q, 40)) for q in r.get("quote_misses", [])]),
            ("misattributed", r.get("misattributed", [])),
            ("bad evidence", sample(r.get("evidence_bad", []), 2)),
        ]
        for label, items in details:
            if items:
                print(f"    {label}: {'; '.join(items)}")
    print()


OVERALL_ROWS = (
    ("actor recall", "actor_recall"),
    ("actor precision", "actor_precision"),
    ("type accuracy", "type_accuracy"),
    ("role accuracy", "role_accuracy"),
    ("term recall", "term_recall"),
    ("term precision", "term_precision"),
    ("implication recall", "implication_recall"),
    ("implication precision", "implication_precision"),
    ("quote recall", "quote_recall"),
    ("attribution accuracy", "attribution_accuracy"),
    ("evidence verbatim", "evidence_verbatim"),
    ("  offsets match text", "evidence_offsets_ok"),
    ("  found in raw source", "evidence_in_source"),
)


def print_overall(overall: dict[str, Any], label: str = "") -> None:
    print(f"Micro-averaged over {overall['articles']} annotated articles{label}")
    for text, name in OVERALL_ROWS:
        num, den = RATIOS[name]
        print(f"  {text:<22} {fmt(overall.get(name)):>6}  ({frac(overall, num, den)})")
    print()


FAMILY_COLUMNS = (
    ("A-rec", "actor_recall"),
    ("A-prec", "actor_precision"),
    ("type", "type_accuracy"),
    ("role", "role_accuracy"),
    ("T-rec", "term_recall"),
    ("T-prec", "term_precision"),
    ("I-rec", "implication_recall"),
    ("I-prec", "implication_precision"),
    ("Q-rec", "quote_recall"),
    ("attr", "attribution_accuracy"),
)


def by_family(results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Micro-average the results of each source family, and of all of them ("pooled")."""
    families = sorted({r["family"] for r in results})
    table = {f: micro_average([r for r in results if r["family"] == f]) for f in families}
    table["pooled"] = micro_average(results)
    return table


def print_families(table: dict[str, dict[str, Any]], title: str) -> None:
    print(title)
    header = f"  {'family':<8} {'n':>3} " + " ".join(f"{label:>6}" for label, _ in FAMILY_COLUMNS)
    print(header)
    for family, row in table.items():
        cells = " ".join(f"{fmt(row.get(name)):>6}" for _, name in FAMILY_COLUMNS)
        print(f"  {family:<8} {row['articles']:>3} {cells}")
    print()


def print_gap(fitted: dict[str, Any], crossed: dict[str, Any]) -> None:
    print("Gap, fitted minus cross-validated (pooled); over 0.05 means memorising")
    for label, name in FAMILY_COLUMNS:
        a, b = fitted.get(name), crossed.get(name)
        gap = None if a is None or b is None else a - b
        flag = "  <-- over 0.05" if gap is not None and gap > 0.05 else ""
        print(f"  {label:<7} {fmt(gap):>6}{flag}")
    print()


def cross_validate(gold_paths: list[Path], data: Path) -> list[dict[str, Any]]:
    """Score each family's articles with a section model fitted on the other families only."""
    trainer = load_trainer()
    articles = {path: trainer.load_article(path, data) for path in gold_paths}
    results = []
    for family in sorted({family_of(p.stem) for p in gold_paths}):
        model = trainer.fit([a for p, a in articles.items() if family_of(p.stem) != family])
        results.extend(score_gold_file(p, data, model) for p in gold_paths if family_of(p.stem) == family)
    return results


def load_trainer():
    """Import tools/train_sections.py (it needs scikit-learn: pip install -e '.[bench]')."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "tools" / "train_sections.py"
    spec = importlib.util.spec_from_file_location("train_sections", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def print_all(summary: dict[str, Any]) -> None:
    print(f"All articles: {summary['built']}/{summary['articles']} built without error")
    for name, error in summary["errors"].items():
        print(f"  error {name}: {error}")
    print(
        f"  seconds per article: mean {fmt(summary['mean_seconds'])}, "
        f"max {fmt(summary['max_seconds'])} ({summary['slowest']})"
    )
    print(f"  CPU seconds per 1,000 source words, warm (median; target 0.3): "
          f"{fmt(summary['cpu_seconds_per_1000_words'])}")
    print(f"  evidence verbatim: {summary['evidence_good']}/{summary['evidence_total']}")
    for run in summary["runs"]:
        if run.get("evidence_bad"):
            print(f"    {run['article']}: {frac(run, 'evidence_good', 'evidence_total')}, e.g. {run['evidence_bad'][0]}")


# ---------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"eval data folder (default {DEFAULT_DATA})")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure as JSON to FILE")
    parser.add_argument("--no-all", action="store_true", help="skip building every article in <data>/articles")
    parser.add_argument("--no-cv", action="store_true", help="skip the grouped cross-validation by source family")
    parser.add_argument("--quiet", action="store_true", help="leave out the per-article table")
    llm_bench().add_arguments(parser)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    data = args.data.resolve()
    gold_paths = sorted((data / "gold").glob("*.json"))
    if not gold_paths:
        print(f"no gold annotations in {data / 'gold'}", file=sys.stderr)
        return 2

    global BRIEFER
    bench = llm_bench()
    BRIEFER = bench.LlmBriefer(args, **brief_options()) if args.summariser == "llm" else None
    first = data / json.loads(gold_paths[0].read_text(encoding="utf-8"))["article"]
    _, _, warmup = build(first)
    if BRIEFER is not None:
        BRIEFER.reports.clear()  # the warm-up's answer is in the cache now: its figures are not the article's
    print(f"data: {data}\noptions: {brief_options()}\nwarm-up (loads the models): {warmup:.2f}s\n")

    results = [score_gold_file(path, data) for path in gold_paths]
    overall = micro_average(results)
    if not args.quiet:
        print_articles(results)
    print_overall(overall, " (fitted: the packaged model)")
    fitted = by_family(results)
    print_families(fitted, "Fitted, per source family")
    report: dict[str, Any] = {"data": str(data), "warmup_seconds": warmup, "overall": overall, "articles": results}
    report["fitted_by_family"] = fitted
    if BRIEFER is not None:  # the fitted run's figures (cross-validation asks again, with each fold's candidates)
        report["llm"] = bench.grounding_figures(BRIEFER.reports)
        bench.print_grounding(report["llm"])
    if not args.no_cv:
        crossed_results = cross_validate(gold_paths, data)
        crossed = by_family(crossed_results)
        print_families(crossed, "Cross-validated (fit on the other families, score the held-out one)")
        print_overall(crossed["pooled"], " (cross-validated, pooled)")
        print_gap(fitted["pooled"], crossed["pooled"])
        report["crossval_by_family"] = crossed
        report["crossval_articles"] = crossed_results
    if not args.no_all:
        report["all_articles"] = build_all(data / "articles")
        print_all(report["all_articles"])
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
