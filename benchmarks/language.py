"""Time the language check and confirm it refuses non-English sources: the PDFs in ``<data>/inputs/pdf/``.

For every PDF it prints the detected language, the milliseconds detection
takes (median of 50 runs on the extracted text) and whether the extractive
summariser refuses it::

    python benchmarks/language.py [--data DIR]

Exits 1 when a check takes 5 ms or more, or when a French PDF (a name in
``FRENCH``) is not refused.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval"
FRENCH = ("chelsea_pdta.pdf", "RGL-1310-Identification-Maple-Leaf-adoption.pdf", "2023-06-20-PV.pdf")
LIMIT_MS = 5.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"eval data folder (default {DEFAULT_DATA})")
    args = parser.parse_args(argv)
    import briefing
    from briefing.errors import InputError
    from briefing.summarise.language import check_language, detect_language

    failures = []
    print("| PDF | detected | ms (median of 50) | refused |\n|---|---|---:|---|")
    for path in sorted((args.data / "inputs" / "pdf").glob("*.pdf")):
        try:
            document = briefing.read_document(path)
        except Exception as exc:  # a benchmark reports every failure and goes on
            print(f"| {path.name} | unreadable: {exc} | | |")
            continue
        times = []
        for _ in range(50):
            start = time.perf_counter()
            detected = detect_language(document.text)
            times.append((time.perf_counter() - start) * 1000)
        try:
            check_language(document, "en")
            refused = "no"
        except InputError as exc:
            refused = f"yes: {exc}"
        ms = statistics.median(times)
        print(f"| {path.name} | {detected.code} | {ms:.2f} | {refused} |")
        if ms >= LIMIT_MS or (path.name in FRENCH and refused == "no"):
            failures.append(path.name)
    if failures:
        print("missed: " + ", ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
