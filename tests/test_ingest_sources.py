"""Where documents come from: URLs (a local HTTP server), standard input, the command line."""

from __future__ import annotations

import gzip
import http.server
import io
import json
import socket
import threading
import time

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.errors import InputError
from briefing.ingest import read_document, read_stdin
from briefing.ingest.url import read_url, url_stem

from .conftest import SEED
from .ingest_fixtures import ARTICLE_PARAGRAPHS, article_page, docx_bytes, two_column_report

PAGE = article_page(charset="iso-8859-1").replace("Ämari", "Ämari café")


def _routes() -> dict[str, tuple[int, dict[str, str], bytes]]:
    pdf, _ = two_column_report()
    html = PAGE.encode("cp1252")
    return {
        "/news/baltic-radar-pact.html": (200, {"Content-Type": "text/html; charset=windows-1252"}, html),
        "/report": (200, {"Content-Type": "application/pdf"}, pdf),
        "/download/terms.docx": (200, {"Content-Type": "application/octet-stream"}, docx_bytes()),
        "/untyped": (200, {}, b"Plain Title\n\nA plain text body served with no content type at all.\n"),
        "/gzipped": (200, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"},
                     gzip.compress(article_page().encode())),  # fmt: skip
        "/notes.md": (200, {"Content-Type": "text/markdown"}, b"---\ntitle: Notes\n---\n\nThe pact was signed.\n"),
        "/moved": (301, {"Location": "/news/baltic-radar-pact.html"}, b""),
        "/to-ftp": (302, {"Location": "ftp://files.example.org/a.txt"}, b""),
        "/photo": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        "/big": (200, {"Content-Type": "text/plain"}, b"word " * 2000),
        "/empty": (200, {"Content-Type": "text/html"}, b""),
        "/private": (403, {"Content-Type": "text/html"}, b"<h1>Forbidden</h1>"),
    }


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(20):  # a trickle, never finishing within the test's timeout
                    self.wfile.write(b"slow ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should; no traceback into a later test's stderr
            return
        status, headers, body = self.routes.get(self.path, (404, {"Content-Type": "text/html"}, b"<p>no</p>"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    _Handler.routes = _routes()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_to_an_html_page_uses_the_servers_charset_and_the_pages_metadata(server):
    doc = read_document(f"{server}/news/baltic-radar-pact.html", allow_private_urls=True)
    assert "Ämari café" in doc.text and doc.text.startswith(ARTICLE_PARAGRAPHS[0])
    assert doc.title == "Baltic States Pool Air Defence Radars"
    assert doc.url == "https://news.example.org/world/baltic-radar-pact"  # the page's canonical URL
    assert (doc.publisher, doc.published) == ("Baltic Daily", "2024-03-12")
    assert doc.name == "baltic-radar-pact.html"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/report", "Clause 1.1.0 obliges Estonia"),  # the content type names the reader
        ("/download/terms.docx", "Party; Contribution"),  # untyped: the URL's suffix does
        ("/untyped", "A plain text body"),  # no type and no suffix: the bytes do
        ("/gzipped", ARTICLE_PARAGRAPHS[0]),
        ("/notes.md", "The pact was signed."),
        ("/moved", "Ämari café"),
    ],
)
def test_url_content_decides_the_reader(server, path, expected):
    doc = read_document(f"{server}{path}", allow_private_urls=True)
    assert expected in doc.text
    assert doc.url is not None and doc.url.startswith(("http://127.0.0.1", "https://news.example.org"))


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/nowhere", "the server answered HTTP 404 Not Found"),
        ("/private", "the server answered HTTP 403 Forbidden"),
        ("/to-ftp", "the server redirected to a ftp: URL, which is not fetched"),
        ("/photo", "unsupported content type image/png; supported: "),
        ("/big", "the server says it is 10,000 bytes, over the limit of 1,000 bytes"),
        ("/empty", "the server sent an empty response"),
    ],
)
def test_url_failures_get_clear_errors(server, path, message):
    with pytest.raises(InputError) as caught:
        read_document(f"{server}{path}", max_bytes=1000, allow_private_urls=True)
    assert str(caught.value).startswith(f"{server}{path}: {message}")


def test_url_download_is_cut_off_at_the_timeout(server):
    started = time.monotonic()
    with pytest.raises(InputError, match=r"timed out after 0\.3 seconds"):
        read_url(f"{server}/slow", max_bytes=10_000, timeout=0.3, allow_private=True)
    assert time.monotonic() - started < 1.5


def test_url_refused_connection_and_other_schemes():
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(InputError, match=rf"^http://127\.0\.0\.1:{port}/a: the connection was refused"):
        read_document(f"http://127.0.0.1:{port}/a", allow_private_urls=True)
    for url in ("ftp://example.org/a.txt", "file:///etc/passwd"):
        with pytest.raises(InputError, match=r"only http and https URLs can be fetched"):
            read_document(url)


@pytest.mark.parametrize(
    ("url", "stem"),
    [
        ("https://www.bbc.com/news/world-africa-66895239", "world-africa-66895239"),
        ("https://example.org/reports/annual%20report.pdf?download=1", "annual-report"),
        ("https://www.example.org/", "example.org"),
        ("https://example.org/2024/03/index.html", "example.org"),
    ],
)
def test_url_stems_name_the_outputs(url, stem):
    assert url_stem(url) == stem


# --- standard input -----------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (SEED.read_bytes(), "Military juntas of Mali"),
        (article_page().encode(), ARTICLE_PARAGRAPHS[0]),
        (docx_bytes(), "Estonia; Two radars"),
        (b"---\ntitle: From a pipe\n---\n\n# Heading\n\nBody *text*.\n", "Body text."),
    ],
)
def test_stdin_is_read_and_its_kind_told_from_the_bytes(data, expected):
    doc = read_stdin(stream=io.BytesIO(data))
    assert expected in doc.text


def test_stdin_errors_name_the_input_as_a_dash():
    with pytest.raises(InputError, match=r"^-: the document is empty$"):
        read_stdin(stream=io.BytesIO(b""))
    with pytest.raises(InputError, match=r"^-: standard input is over the limit of 10 bytes"):
        read_stdin(stream=io.BytesIO(b"x" * 11), max_bytes=10)


# --- the command line ---------------------------------------------------------


@pytest.fixture
def run():
    def invoke(*args, input=None):
        return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


def test_text_command_prints_what_the_summariser_reads(run, server):
    result = run("text", "--allow-private-urls", f"{server}/news/baltic-radar-pact.html")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(ARTICLE_PARAGRAPHS[0]) and "cookies" not in result.stdout
    result = run("text", "-", input=SEED.read_bytes())
    assert result.exit_code == 0 and "Military juntas of Mali" in result.stdout


def test_text_command_json_carries_the_metadata(run, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(article_page())
    data = json.loads(run("text", "--json", page).stdout)
    assert data["title"] == "Baltic States Pool Air Defence Radars"
    assert (data["published"], data["publisher"], data["author"]) == ("2024-03-12", "Baltic Daily", "Ingrid Kask")
    assert data["words"] == len(data["text"].split())


def test_max_bytes_option(run, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Title\n\n" + "word " * 300)
    result = run("text", big, "--max-bytes", "1kB")
    assert result.exit_code == 1
    expected = f"Error: {big}: file is 1,507 bytes, over the limit of 1,000 bytes (see --max-bytes)"
    assert result.stderr.strip() == expected
    assert run("text", big, "--max-bytes", "2KiB").exit_code == 0
    result = run("text", big, "--max-bytes", "lots")
    assert result.exit_code == 2 and "is not a size in bytes" in result.stderr
    for command in ("build", "summarise", "text"):
        assert "--max-bytes" in run(command, "--help").stdout


def test_every_bad_input_is_reported_and_the_batch_goes_on(run, tmp_path, server):
    from .ingest_fixtures import zip_bytes

    bad = {
        "missing.txt": None,
        "folder.pdf": "dir",
        "blank.txt": b"   \n\n  ",
        "bomb.docx": zip_bytes({"word/document.xml": b" " * (20 * 1024 * 1024)}),
        "broken.pdf": b"%PDF-1.7\n1 0 obj <<",
        "photo.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        "nav.html": b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "sheet.xlsx": b"PK\x03\x04",
    }
    paths = []
    for name, data in bad.items():
        path = tmp_path / name
        if data == "dir":
            path.mkdir()
        elif data is not None:
            path.write_bytes(data)
        paths.append(path)
    urls = [f"{server}/nowhere", f"{server}/photo"]
    out = tmp_path / "out"
    result = run("build", *paths, *urls, f"{server}/news/baltic-radar-pact.html", "-f", "json", "-o", out,
                 "--allow-private-urls")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert [e.split(": ")[1] for e in errors[:-1]] == [*map(str, paths), *urls]
    assert errors[-1] == f"Error: {len(paths) + 2} of {len(paths) + 3} inputs failed (1 built)"
    brief = json.loads((out / "baltic-states-pool-air-defence-radars.json").read_text())  # a URL: named by title
    assert brief["source"]["title"] == "Baltic States Pool Air Defence Radars"
    assert brief["source"]["url"] == "https://news.example.org/world/baltic-radar-pact"
    assert (brief["source"]["published"], brief["source"]["publisher"]) == ("2024-03-12", "Baltic Daily")
