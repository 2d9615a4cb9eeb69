"""Run hostile inputs through the command line; print what happened to each, how long it took and how much memory.

Each input is written to a temporary folder, then built by a fresh
``python -m briefing build INPUT -f md`` process (so every row pays for
starting Python and, where a brief is made, loading spaCy: about 3 s and
250 MB). The time is the wall-clock time of that process; the memory is its
peak resident set size, from ``os.wait4``. The outcome is "brief" when the
build succeeded, else the reason of its one ``Error:`` line.

The inputs are the ones the tests use (tests/test_hostile_*.py), at full
size: a 20 MB text file, an HTML page nested 100,000 levels deep, a PDF of
10,000 pages, a 2 kB PDF that unpacks to 1 GiB, a DOCX zip bomb, and the
shapes that once took quadratic time or more. Then files that are not files
(a named pipe, a link to /dev/zero, a 16 GB sparse file) and hostile web
servers on 127.0.0.1 (one header line every 2 s, five redirects of 20 s
each, a redirect loop, and a page at a loopback address fetched without
``--allow-private-urls``): each must end within the 30 s fetch deadline or
at once. The bounds the README states
("Limits and hostile input") are the worst of these rows.

Example::

    python benchmarks/hostile.py                 # every input, about five minutes
    python benchmarks/hostile.py --only pdf      # the inputs whose name contains "pdf"
    python benchmarks/hostile.py --only special  # the named pipe, the link to /dev/zero, the sparse file
    python benchmarks/hostile.py --only /        # the hostile web servers
"""

from __future__ import annotations

import argparse
import http.server
import io
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.ingest_fixtures import article_page, docx_bytes, zip_bytes  # noqa: E402
from tests.test_hostile_ingest import (  # noqa: E402
    _FONT,
    _TEXT,
    _stream,
    docx_with_body,
    flate_bomb_pdf,
    make_pdf,
    many_pages_pdf,
    patch_central_directory,
    scattered_words_pdf,
)

_WORDS = (
    "the ministers signed a pact in Niamey on Saturday creating an alliance of states whose forces would assist "
    "one another within hours of a request while critics warned that the text was vague and that regional bloc "
    "talks could resume next week after officials said budgets for radar command posts were agreed"
).split()


def prose(words: int, *, seed: int = 0, per_paragraph: int = 6) -> str:
    """Return ``words`` words of distinct sentences, in paragraphs: text the summariser works hard on."""
    rnd = random.Random(seed)
    paragraphs, sentences, count = [], [], 0
    while count < words:
        length = rnd.randint(10, 28)
        sentences.append(" ".join(rnd.choice(_WORDS) for _ in range(length)).capitalize() + f" {count}.")
        count += length + 1
        if len(sentences) == per_paragraph:
            paragraphs.append(" ".join(sentences))
            sentences = []
    if sentences:
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def text_file(size: int) -> bytes:
    text = prose(size // 6).encode()
    return text[:size]


def short_sentences(count: int) -> bytes:
    rnd = random.Random(1)
    lines = [" ".join(rnd.choice(_WORDS) for _ in range(6)).capitalize() + f" {n}." for n in range(count)]
    return "\n\n".join(" ".join(lines[i : i + 10]) for i in range(0, count, 10)).encode()


def big_html(size: int) -> bytes:
    body = "".join(f"<p>{p}</p>\n" for p in prose(size // 6).split("\n\n"))
    page = f"<html><head><title>Big page</title></head><body><article><h1>Big page</h1>{body}</article></body></html>"
    return page.encode()[:size]


def deep_html(depth: int) -> bytes:
    return b"<html><body>" + b"<div>" * depth + b"<p>Text.</p>" + b"</div>" * depth + b"</body></html>"


def unclosed_scripts(size: int) -> bytes:
    return article_page().encode() + b"<script " * (size // 8)


def unclosed_markdown(size: int) -> bytes:
    return b"# Talks\n\nIntro to the talks.\n\n" + b"**a [b <c _d " * (size // 13)


def alias_front_matter() -> bytes:
    front = 'a: &a "' + "x" * 4_000 + '"\n' + "".join(f"k{n}: *a\n" for n in range(7_000))
    return f"---\n{front}---\n\n".encode() + prose(300).encode()


def dense_pdf(pages: int, lines: int = 45) -> bytes:
    """Return a PDF of ``pages`` pages of 45 lines of text each, every page its own content stream."""
    rnd = random.Random(2)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", _FONT]
    kids = []
    for _ in range(pages):
        rows = [" ".join(rnd.choice(_WORDS) for _ in range(12)) for _ in range(lines)]
        content = ("BT /F1 10 Tf 12 TL 72 740 Td\n" + "".join(f"({row}) Tj T*\n" for row in rows) + "ET").encode()
        objects.append(_stream(content))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % len(objects))  # fmt: skip
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), pages)
    return make_pdf(objects)


def forms_pdf(draws: int) -> bytes:
    """Return a one-page PDF that draws one 100 kB form ``draws`` times."""
    form = _stream(b"q Q\n" * 25_000 + _TEXT, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792]")
    return make_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", _FONT,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
        b"/Resources << /Font << /F1 3 0 R >> /XObject << /X 6 0 R >> >> >>",
        _stream(b"/X Do\n" * draws), form,
    ])  # fmt: skip


def big_docx(xml_bytes: int) -> bytes:
    """Return a Word file whose document.xml holds about ``xml_bytes`` bytes of paragraphs."""
    paragraphs = [f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in prose(xml_bytes // 9).split("\n\n")]
    return docx_with_body("".join(paragraphs))


def many_members_docx(members: int) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        for n in range(members):
            target.writestr(f"customXml/item{n}.bin", b"")
    return out.getvalue()


def span_docx() -> bytes:
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="2000000000"/></w:tcPr><w:p><w:r><w:t>Estonia</w:t></w:r></w:p></w:tc>'
    paragraphs = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in prose(400).split("\n\n"))
    return docx_with_body(paragraphs + f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>")


class _HostileServer(http.server.BaseHTTPRequestHandler):
    """Serve pages slowly or deviously: the timings are those the issue reported."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        try:
            self._answer()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should

    def _answer(self) -> None:
        if self.path == "/drip-headers":  # one header line every 2 s, for ever
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for n in range(1000):
                self.wfile.write(b"X-Drip-%d: x\r\n" % n)
                self.wfile.flush()
                time.sleep(2)
        elif self.path.startswith("/slow-redirect/"):  # five hops of 20 s
            hops = int(self.path.rsplit("/", 1)[1])
            time.sleep(20)
            self._redirect(f"/slow-redirect/{hops - 1}" if hops > 1 else "/page")
        elif self.path == "/loop":
            self._redirect("/loop")
        else:
            body = f"<html><body><h1>Page</h1><p>{prose(300)}</p></body></html>".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def serve() -> str:
    """Start the hostile server on 127.0.0.1 for the rest of the run; return its address."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _HostileServer)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}"


def fifo(path: Path) -> None:
    os.mkfifo(path)


def link_to_dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with open(path, "wb") as handle:
            handle.truncate(size)

    return make


@dataclass(frozen=True)
class Case:
    name: str  # the input's file name (its suffix picks the reader), or a URL path on the hostile server
    make: Callable[[], bytes] | None = None
    place: Callable[[Path], None] | None = None  # makes a special file at the path instead
    url: bool = False  # the input is this path on the hostile server
    args: tuple[str, ...] = ()


CASES = (
    Case("text-20MB.txt", lambda: text_file(20_000_000)),
    Case("text-50000-words.txt", lambda: prose(49_000).encode()),
    Case("text-short-sentences.txt", lambda: short_sentences(6_000)),
    Case("text-no-spaces.txt", lambda: "中文".encode() * 600_000),
    Case("html-nested-100000.html", lambda: deep_html(100_000)),
    Case("html-20MB.html", lambda: big_html(20_000_000)),
    Case("html-unclosed-scripts.html", lambda: unclosed_scripts(20_000_000)),
    Case("markdown-unclosed-markup.md", lambda: unclosed_markdown(20_000_000)),
    Case("markdown-alias-front-matter.md", alias_front_matter),
    Case("pdf-10000-pages.pdf", lambda: many_pages_pdf(10_000)),
    Case("pdf-flate-bomb-1GiB.pdf", lambda: flate_bomb_pdf(2**30)),
    Case("pdf-1000-dense-pages.pdf", lambda: dense_pdf(1_000)),
    Case("pdf-scattered-2000-words.pdf", lambda: scattered_words_pdf(2_000)),
    Case("pdf-scattered-300-words-x200.pdf", lambda: scattered_words_pdf(300, pages=200)),
    Case("pdf-form-drawn-10000-times.pdf", lambda: forms_pdf(10_000)),
    Case("pdf-random-bytes.pdf", lambda: random.Random(3).randbytes(1_000_000)),
    Case("docx-zip-bomb.docx", lambda: zip_bytes({"word/document.xml": b" " * (200 * 2**20)})),
    Case("docx-lying-sizes.docx",
         lambda: patch_central_directory(docx_bytes(), "word/document.xml", offset=24, value=2**32 - 1, size=4)),
    Case("docx-30MiB-xml.docx", lambda: big_docx(30 * 2**20)),
    Case("docx-150000-members.docx", lambda: many_members_docx(150_000)),
    Case("docx-span-2e9-columns.docx", span_docx),
    Case("docx-random-bytes.docx", lambda: b"PK\x03\x04" + random.Random(4).randbytes(1_000_000)),
    Case("special-fifo.txt", place=fifo),
    Case("special-link-to-dev-zero.txt", place=link_to_dev_zero),
    Case("special-sparse-16GB.txt", place=sparse(16 * 2**30)),
    Case("/drip-headers", url=True, args=("--allow-private-urls",)),
    Case("/slow-redirect/5", url=True, args=("--allow-private-urls",)),
    Case("/loop", url=True, args=("--allow-private-urls",)),
    Case("/page", url=True),  # the server is on 127.0.0.1: refused without --allow-private-urls
)  # fmt: skip


@dataclass(frozen=True)
class Row:
    name: str
    size: int
    outcome: str
    seconds: float
    peak_mb: float


def run(case: Case, folder: Path, timeout: float, server: str) -> Row:
    """Write the case's input, build it in a fresh process, and measure that process."""
    path = folder / case.name.lstrip("/").replace("/", "-")
    if case.url:
        source = server + case.name
    elif case.place is not None:
        case.place(path)
        source = str(path)
    else:
        path.write_bytes(case.make())
        source = str(path)
    command = [sys.executable, "-m", "briefing", "build", source, "-f", "md", "-o", str(folder / "out"), *case.args]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=folder)
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            return Row(case.name, _input_size(path), f"TIMEOUT after {timeout:g} s", timeout, usage.ru_maxrss / 1024)
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode == 0:
        outcome = "brief"
    else:
        errors = [line for line in stderr.splitlines() if line.startswith("Error: ")]
        reason = errors[0] if errors else f"exit {process.returncode}: {stderr.strip()[-200:]}"
        reason = reason.removeprefix("Error: ").removeprefix(f"{source}: ").removeprefix(f"{case.name}: ")
        outcome = "error: " + reason
        if "Traceback" in stderr:
            outcome = "TRACEBACK: " + outcome
    peak = usage.ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else usage.ru_maxrss / 1024
    return Row(case.name, _input_size(path), outcome, seconds, peak)


def _input_size(path: Path) -> int:
    """Return the size a file says it has (0 for a URL, a pipe or a device)."""
    try:
        info = os.stat(path)
    except OSError:
        return 0
    return info.st_size if os.path.isfile(path) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="run only the inputs whose name contains this text")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a run is stopped (default 600)")
    parser.add_argument("--width", type=int, default=78, help="characters of the outcome to show (default 78)")
    args = parser.parse_args(argv)
    cases = [c for c in CASES if not args.only or args.only in c.name]
    print(f"{'input':<34} {'size':>9}  {'seconds':>7} {'peak MB':>7}  outcome")
    rows = []
    server = serve()
    with tempfile.TemporaryDirectory(prefix="briefing-hostile-") as folder:
        for case in cases:
            row = run(case, Path(folder), args.timeout, server)
            rows.append(row)
            outcome = row.outcome if len(row.outcome) <= args.width else row.outcome[: args.width - 1] + "…"
            print(f"{row.name:<34} {_size(row.size):>9}  {row.seconds:7.1f} {row.peak_mb:7.0f}  {outcome}", flush=True)
    worst = max(rows, key=lambda r: r.seconds)
    print(f"\nslowest: {worst.name} {worst.seconds:.1f} s; most memory: "
          f"{max(rows, key=lambda r: r.peak_mb).name} {max(r.peak_mb for r in rows):.0f} MB")  # fmt: skip
    bad = [r for r in rows if r.outcome.startswith(("TRACEBACK", "TIMEOUT"))]
    return 1 if bad else 0


def _size(size: int) -> str:
    for unit, scale in (("MB", 10**6), ("kB", 10**3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


if __name__ == "__main__":
    sys.exit(main())
