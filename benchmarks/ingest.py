"""Measure ingest on real inputs: HTML text and metadata against gold, PDF and DOCX words and speed.

Reads ``<data>/inputs`` (default ``../shared/eval``; never copied into the
repository) through the public reader, ``briefing.ingest.read_file``::

    /work/venv/bin/python benchmarks/ingest.py [--data DIR] [--json FILE] [--compare-pdf]

- HTML text: for ``html_fundus/`` (gold = the body's summary, section
  headlines and paragraphs of the version matching each page, pages taken
  in name order) and ``html_newspaper4k/`` (gold = ``txt/<page>.txt``),
  token-level F1 between ``Document.text`` and the gold text: tokens are
  lower-cased ``\\w+`` runs, counted as a multiset (precision = shared
  tokens / our tokens, recall = shared tokens / gold tokens). Target: mean
  F1 >= 0.90. A page that fails to read scores 0.
- HTML metadata, where the gold has it: title equal after case and
  whitespace folding; date equal to the day (the first ten characters).
- Boilerplate, ``html_trafilatura/gold_snippets.json``: each "must contain"
  snippet must occur in ``Document.text`` or ``Document.credit`` (where a
  wire story's "Additional reporting by …" goes) and each "must not
  contain" snippet in neither (whitespace-normalised). Target: >= 95 % of
  each.
- PDF and DOCX: pages (a DOCX's from its ``docProps/app.xml``, as Word last
  counted them; "-" when it has none), words of ``Document.text``, and
  wall-clock seconds of the whole read, per page and per 1,000 words.
- ``--compare-pdf``: the measurement behind the choice of PDF library.
  Raw text of pypdf, pdfminer.six and pypdfium2 (and briefing's reader) on
  every PDF: words and seconds per page; and reading order on a generated
  three-page two-column report whose columns are drawn row by row (the
  layout of tax instructions and journals): the share of its sentences
  found whole, and the share of consecutive sentence pairs found in order.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterator

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval"
ROOT = Path(__file__).resolve().parents[1]


# --- scoring ------------------------------------------------------------------


def tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


def token_f1(ours: str, gold: str) -> float:
    mine, theirs = tokens(ours), tokens(gold)
    shared = sum((mine & theirs).values())
    if not shared:
        return 0.0
    precision, recall = shared / sum(mine.values()), shared / sum(theirs.values())
    return 2 * precision * recall / (precision + recall)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _same_title(ours: str | None, gold: str | None) -> bool:
    return bool(ours) and _squash(ours).casefold() == _squash(gold or "").casefold()


def _same_day(ours: str | None, gold: str | None) -> bool:
    return bool(ours) and bool(gold) and ours[:10] == gold[:10]


# --- reading --------------------------------------------------------------------


def read(path: Path, data: bytes | None = None):
    """Read one input with briefing's reader for its kind; return (Document or None, error, seconds)."""
    from briefing.errors import InputError
    from briefing.ingest import parse_bytes, read_file

    started = time.perf_counter()
    try:
        doc = parse_bytes(data, path.name.removesuffix(".gz")) if data is not None else read_file(path)
        return doc, None, time.perf_counter() - started
    except InputError as exc:
        return None, str(exc), time.perf_counter() - started


def html_cases(inputs: Path) -> Iterator[dict[str, Any]]:
    """Yield each gold HTML page: source, name, bytes, gold text, gold title and date."""
    for gold_file in sorted((inputs / "html_fundus").glob("*/*.json")):
        versions = list(json.loads(gold_file.read_text(encoding="utf-8")).values())
        pattern = re.compile(re.escape(gold_file.stem) + r"(_\d{4}_\d\d_\d\d)?\.html\.gz")
        pages = sorted(p for p in gold_file.parent.iterdir() if pattern.fullmatch(p.name))
        for version, page in zip(versions, pages):
            body = version.get("body") or {}
            parts = list(body.get("summary") or [])
            for section in body.get("sections") or []:
                parts += list(section.get("headline") or []) + list(section.get("paragraphs") or [])
            yield {"source": "fundus", "name": page.name, "data": gzip.decompress(page.read_bytes()),
                   "gold": "\n".join(parts), "title": version.get("title"),
                   "date": version.get("publishing_date")}  # fmt: skip
    folder = inputs / "html_newspaper4k"
    for text_file in sorted((folder / "txt").glob("*.txt")):
        page = next(iter(sorted((folder / "html").glob(text_file.stem + ".html*"))), None)
        if page is None:
            continue
        meta_file = folder / "metadata" / f"{text_file.stem}.json"
        meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
        data = page.read_bytes()
        data = gzip.decompress(data) if page.suffix == ".gz" else data
        yield {"source": "newspaper4k", "name": page.name, "data": data,
               "gold": text_file.read_text(encoding="utf-8"), "title": meta.get("title"),
               "date": meta.get("publish_date")}  # fmt: skip


def measure_html(inputs: Path) -> dict[str, Any]:
    rows = []
    for case in html_cases(inputs):
        doc, error, seconds = read(Path(case["name"]), case["data"])
        rows.append({
            "source": case["source"], "page": case["name"], "error": error, "seconds": seconds,
            "f1": token_f1(doc.text, case["gold"]) if doc else 0.0,
            "title_ok": _same_title(doc and doc.title, case["title"]) if case["title"] else None,
            "date_ok": _same_day(doc and doc.published, case["date"]) if case["date"] else None,
        })  # fmt: skip
    return {"pages": rows}


def measure_snippets(inputs: Path) -> dict[str, Any]:
    folder = inputs / "html_trafilatura"
    gold = json.loads((folder / "gold_snippets.json").read_text(encoding="utf-8"))
    rows = []
    for name, expected in gold.items():
        doc, error, seconds = read(folder / "html" / name)
        text = _squash(f"{doc.text} {doc.credit or ''}") if doc else ""
        missing = [s for s in expected.get("must_contain", []) if _squash(s) not in text]
        present = [s for s in expected.get("must_not_contain", []) if _squash(s) in text]
        rows.append({"page": name, "error": error, "seconds": seconds,
                     "contain": len(expected.get("must_contain", [])), "missing": missing,
                     "not_contain": len(expected.get("must_not_contain", [])), "present": present})  # fmt: skip
    return {"pages": rows}


def docx_pages(path: Path) -> int | None:
    try:
        with zipfile.ZipFile(path) as archive:
            app = archive.read("docProps/app.xml").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError):
        return None
    match = re.search(r"<(?:\w+:)?Pages>(\d+)<", app)
    return int(match.group(1)) if match else None


def pdf_pages(path: Path) -> int | None:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        with path.open("rb") as stream:
            return sum(1 for _ in PDFPage.create_pages(PDFDocument(PDFParser(stream))))
    except Exception:
        return None


def measure_files(inputs: Path) -> dict[str, Any]:
    rows = []
    for kind, pattern, pages_of in (("pdf", "pdf/*.pdf", pdf_pages), ("docx", "docx/*.docx", docx_pages)):
        for path in sorted(inputs.glob(pattern)):
            doc, error, seconds = read(path)
            rows.append({"kind": kind, "file": path.name, "pages": pages_of(path), "error": error,
                         "words": doc.words if doc else 0, "seconds": seconds,
                         "title": doc.title if doc else None})  # fmt: skip
    return {"files": rows}


# --- the PDF library comparison -------------------------------------------------


def _pypdf(data: bytes) -> list[str]:
    import io

    import pypdf

    return [page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def _pdfminer(data: bytes) -> list[str]:
    import io

    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    count = sum(1 for _ in PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data)))))
    return [extract_text(io.BytesIO(data), page_numbers=[n]) for n in range(count)]


def _pdfium(data: bytes) -> list[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return [document[i].get_textpage().get_text_range().replace("\ufffe", "-") for i in range(len(document))]
    finally:
        document.close()


def _briefing(data: bytes) -> list[str]:
    from briefing.ingest import parse_bytes

    return [parse_bytes(data, "x.pdf").text]


EXTRACTORS: dict[str, Callable[[bytes], list[str]]] = {
    "pypdf": _pypdf,
    "pdfminer.six": _pdfminer,
    "pypdfium2": _pdfium,
    "briefing (pdfminer.six + cleanup)": _briefing,
}


def reading_order(text: str, sentences: list[str]) -> tuple[float, float]:
    """Return the share of sentences found whole, and of consecutive pairs found in order."""
    flat = _squash(re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text))
    positions = [flat.find(s) for s in sentences]
    whole = sum(p >= 0 for p in positions) / len(sentences)
    ordered = sum(0 <= a < b for a, b in zip(positions, positions[1:])) / (len(sentences) - 1)
    return whole, ordered


def compare_pdf(inputs: Path) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from tests.ingest_fixtures import two_column_report

    report, sentences = two_column_report()
    files = sorted(inputs.glob("pdf/*.pdf"))
    pages = {path.name: pdf_pages(path) or 1 for path in files}
    rows = []
    for name, extract in EXTRACTORS.items():
        try:
            whole, ordered = reading_order("\n".join(extract(report)), sentences)
        except ImportError as exc:
            rows.append({"library": name, "error": f"not installed: {exc.name}"})
            continue
        words = seconds = 0.0
        total_pages = 0
        failures = []
        for path in files:
            data = path.read_bytes()
            started = time.perf_counter()
            try:
                words += sum(len(t.split()) for t in extract(data))
            except Exception as exc:  # a library's own failure on a real file is a result
                failures.append(f"{path.name}: {type(exc).__name__}")
            seconds += time.perf_counter() - started
            total_pages += pages[path.name]
        rows.append({"library": name, "words": int(words), "pages": total_pages, "seconds": seconds,
                     "whole": whole, "ordered": ordered, "failures": failures})  # fmt: skip
    return {"libraries": rows}


# --- report -------------------------------------------------------------------


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def _share(flags: list[bool | None]) -> str:
    known = [f for f in flags if f is not None]
    return f"{sum(known)}/{len(known)}" if known else "-"


def print_report(results: dict[str, Any]) -> None:
    pages = results["html"]["pages"]
    print("## HTML text against gold (token F1)\n")
    print("| set | pages | mean F1 | median F1 | min F1 | pages < 0.8 | errors | title equal | date equal | ms/page |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for source in ("fundus", "newspaper4k", "all"):
        rows = [r for r in pages if source in ("all", r["source"])]
        f1 = sorted(r["f1"] for r in rows)
        print(f"| {source} | {len(rows)} | {_mean(f1):.3f} | {f1[len(f1) // 2]:.3f} | {f1[0]:.3f} | "
              f"{sum(v < 0.8 for v in f1)} | {sum(r['error'] is not None for r in rows)} | "
              f"{_share([r['title_ok'] for r in rows])} | {_share([r['date_ok'] for r in rows])} | "
              f"{1000 * _mean([r['seconds'] for r in rows]):.0f} |")  # fmt: skip
    worst = sorted(pages, key=lambda r: r["f1"])[:5]
    print("\nLowest F1: " + ", ".join(f"{r['page']} {r['f1']:.2f}" for r in worst))

    snippets = results["snippets"]["pages"]
    contain = sum(r["contain"] for r in snippets)
    missing = sum(len(r["missing"]) for r in snippets)
    not_contain = sum(r["not_contain"] for r in snippets)
    present = sum(len(r["present"]) for r in snippets)
    print("\n## Boilerplate (html_trafilatura gold snippets)\n")
    print("| pages | must contain: present | must not contain: absent | errors |")
    print("|---:|---:|---:|---:|")
    print(f"| {len(snippets)} | {contain - missing}/{contain} ({(contain - missing) / contain:.1%}) | "
          f"{not_contain - present}/{not_contain} ({(not_contain - present) / not_contain:.1%}) | "
          f"{sum(r['error'] is not None for r in snippets)} |")  # fmt: skip
    for row in snippets:
        for snippet in row["missing"]:
            print(f"- missing in {row['page']}: {snippet[:60]!r}")
        for snippet in row["present"]:
            print(f"- left in {row['page']}: {snippet[:60]!r}")

    print("\n## PDF and DOCX: words and speed\n")
    print("| file | pages | words | seconds | s/page | s/1k words | title or error |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for row in results["files"]["files"]:
        per_page = f"{row['seconds'] / row['pages']:.3f}" if row["pages"] else "-"
        per_words = f"{1000 * row['seconds'] / row['words']:.3f}" if row["words"] else "-"
        note = f"error: {row['error']}" if row["error"] else (row["title"] or "")
        print(f"| {row['file']} | {row['pages'] or '-'} | {row['words']:,} | {row['seconds']:.2f} | {per_page} | "
              f"{per_words} | {note[:60]} |")  # fmt: skip
    for kind in ("pdf", "docx"):
        rows = [r for r in results["files"]["files"] if r["kind"] == kind]
        paged = [r for r in rows if r["pages"]]
        pages, paged_seconds = sum(r["pages"] for r in paged), sum(r["seconds"] for r in paged)
        words, seconds = sum(r["words"] for r in rows), sum(r["seconds"] for r in rows)
        per_page = f"{paged_seconds / pages:.3f}" if pages else "-"
        print(f"| **all {kind}** | {pages} | {words:,} | {seconds:.2f} | {per_page} | "
              f"{1000 * seconds / max(words, 1):.3f} | |")  # fmt: skip

    if "compare_pdf" in results:
        print("\n## PDF libraries compared\n")
        print("| library | words (all PDFs) | s/page | two-column: sentences whole | pairs in order | failures |")
        print("|---|---:|---:|---:|---:|---|")
        for row in results["compare_pdf"]["libraries"]:
            if "error" in row:
                print(f"| {row['library']} | - | - | - | - | {row['error']} |")
                continue
            print(f"| {row['library']} | {row['words']:,} | {row['seconds'] / row['pages']:.4f} | "
                  f"{row['whole']:.2f} | {row['ordered']:.2f} | {', '.join(row['failures']) or '-'} |")  # fmt: skip


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"eval data folder (default {DEFAULT_DATA})")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure as JSON to FILE")
    parser.add_argument("--compare-pdf", action="store_true",
                        help="also compare pypdf, pdfminer.six and pypdfium2 (pip install -e '.[bench]')")  # fmt: skip
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    inputs = args.data / "inputs"
    if not inputs.is_dir():
        print(f"error: {inputs} is not a folder (pass --data)", file=sys.stderr)
        return 2
    results: dict[str, Any] = {
        "html": measure_html(inputs),
        "snippets": measure_snippets(inputs),
        "files": measure_files(inputs),
    }
    if args.compare_pdf:
        results["compare_pdf"] = compare_pdf(inputs)
    print_report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
