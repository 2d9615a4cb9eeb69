"""Fetching URLs from a hostile server on 127.0.0.1: one total deadline, and no private addresses by default."""

from __future__ import annotations

import http.server
import socket
import threading
import time

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.errors import InputError
from briefing.ingest import netguard, read_document
from briefing.ingest.url import fetch

from .ingest_fixtures import article_page

PAGE = article_page().encode()


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        try:
            self._answer()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should; no traceback into a later test's stderr

    def _answer(self) -> None:
        path, _, query = self.path.partition("?")
        if path == "/page":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif path == "/drip-headers":  # one header line every 0.2 s, for ever
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for n in range(200):
                self.wfile.write(b"X-Drip-%d: x\r\n" % n)
                self.wfile.flush()
                time.sleep(0.2)
        elif path.startswith("/slow-redirect/"):  # each hop answers after 0.4 s
            hops = int(path.rsplit("/", 1)[1])
            time.sleep(0.4)
            target = f"/slow-redirect/{hops - 1}" if hops > 1 else "/page"
            self._send(302, b"", headers={"Location": target})
        elif path == "/loop":
            self._send(302, b"", headers={"Location": "/loop"})
        elif path == "/redirect":
            self._send(302, b"", headers={"Location": query})
        elif path == "/html-as-pdf":
            self._send(200, b"<!doctype html><html><body><p>Please sign in</p></body></html>", "application/pdf")
        else:
            self._send(404, b"<p>no</p>", "text/html")

    def _send(self, status: int, body: bytes, media_type: str = "text/plain", headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def port():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def only_127_0_0_1_is_public(monkeypatch):
    """Treat 127.0.0.1 as a public address, so a redirect from it to another private address can be tested."""
    real = netguard.private_kind
    monkeypatch.setattr(netguard, "private_kind", lambda address: None if address == "127.0.0.1" else real(address))


# --- the deadline ---------------------------------------------------------------


def test_a_server_dripping_header_lines_is_cut_off_at_the_deadline(port):
    started = time.monotonic()
    with pytest.raises(InputError, match=r"timed out after 1 seconds \(the whole fetch, redirects included\)"):
        fetch(f"http://127.0.0.1:{port}/drip-headers", max_bytes=10_000, timeout=1, allow_private=True)
    assert time.monotonic() - started < 2.0


def test_the_deadline_covers_every_redirect_together(port):
    started = time.monotonic()  # five hops of 0.4 s: 2 s in all, over a deadline of 1 s
    with pytest.raises(InputError, match=r"timed out after 1 seconds"):
        fetch(f"http://127.0.0.1:{port}/slow-redirect/5", max_bytes=100_000, timeout=1, allow_private=True)
    assert time.monotonic() - started < 1.6
    fetched = fetch(f"http://127.0.0.1:{port}/slow-redirect/2", max_bytes=100_000, timeout=3, allow_private=True)
    assert fetched.url.endswith("/page") and fetched.data == PAGE


def test_a_redirect_loop_is_one_readable_line(port):
    with pytest.raises(InputError) as caught:
        read_document(f"http://127.0.0.1:{port}/loop", allow_private_urls=True)
    message = str(caught.value)
    assert message.endswith("the server redirected in a loop or more than 10 times (last: HTTP 302)")
    assert "\\n" not in message and "\n" not in message


def test_html_served_as_pdf_gets_advice_a_url_can_follow(port):
    with pytest.raises(InputError) as caught:
        read_document(f"http://127.0.0.1:{port}/html-as-pdf", allow_private_urls=True)
    message = str(caught.value)
    assert "the server said application/pdf but sent an HTML page" in message
    assert "open the URL in a browser" in message and "name it" not in message


# --- the address policy -----------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "2130706433", "[::ffff:127.0.0.1]", "0.0.0.0"])
def test_loopback_and_unspecified_addresses_are_refused_by_default(port, host):
    with pytest.raises(InputError) as caught:
        read_document(f"http://{host}:{port}/page")
    message = str(caught.value)
    assert "address, which briefing does not fetch by default" in message
    assert "--allow-private-urls" in message


@pytest.mark.parametrize(
    ("address", "kind"),
    [("10.1.2.3", "private"), ("192.168.0.1", "private"), ("172.16.5.4", "private"), ("169.254.169.254", "link-local"),
     ("224.0.0.1", "multicast"), ("::1", "loopback"), ("fe80::1", "link-local"), ("fc00::1", "private"),
     ("::ffff:10.0.0.1", "private"), ("100.64.0.1", "private"), ("0.0.0.0", "unspecified")],
)  # fmt: skip
def test_every_kind_of_non_public_address_is_named(address, kind):
    assert netguard.private_kind(address) == kind


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8"])
def test_public_addresses_pass(address):
    assert netguard.private_kind(address) is None


@pytest.mark.parametrize("target", ["http://2130706434:{port}/page", "http://127.0.0.2:{port}/page",
                                    "http://[::1]:{port}/page"])
def test_every_redirect_is_checked_too(port, only_127_0_0_1_is_public, target):
    url = f"http://127.0.0.1:{port}/redirect?" + target.format(port=port)
    with pytest.raises(InputError, match=r"is a loopback address, which briefing does not fetch by default"):
        read_document(url)
    assert read_document(f"http://127.0.0.1:{port}/page").title  # the first hop itself is allowed here


def test_the_address_checked_is_the_address_connected_to(port, only_127_0_0_1_is_public, monkeypatch):
    """A name resolved once and used at once: a second lookup (DNS rebinding) never happens."""
    answers = iter(["127.0.0.1", "127.0.0.2"])  # "public" when checked, private the next time
    lookups = []

    def rebinding(host, port_, *args, **kwargs):
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port_))]

    monkeypatch.setattr(netguard.socket, "getaddrinfo", rebinding)
    fetched = fetch(f"http://rebind.example:{port}/page", max_bytes=100_000, timeout=5)
    assert fetched.data == PAGE and lookups == ["rebind.example"]
    with pytest.raises(InputError, match=r"rebind\.example \(127\.0\.0\.2\) is a loopback address"):
        fetch(f"http://rebind.example:{port}/page", max_bytes=100_000, timeout=5)


# --- the command line --------------------------------------------------------------


def test_allow_private_urls_option_and_config_key(port, tmp_path, monkeypatch):
    url = f"http://localhost:{port}/page"
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    refused = runner.invoke(cli, ["text", url])
    assert refused.exit_code == 1
    assert refused.stderr.startswith(f"Error: {url}: refused: localhost (")
    assert "pass --allow-private-urls (or set allow-private-urls = true) to fetch it" in refused.stderr
    allowed = runner.invoke(cli, ["text", "--allow-private-urls", url])
    assert allowed.exit_code == 0 and "Baltic" in allowed.stdout
    (tmp_path / "briefing.toml").write_text("allow-private-urls = true\n")
    assert runner.invoke(cli, ["text", url]).exit_code == 0
    (tmp_path / "briefing.toml").write_text('allow-private-urls = "yes"\n')
    bad = runner.invoke(cli, ["text", url])
    assert bad.exit_code == 2 and "'allow-private-urls' must be true or false, not 'yes'" in bad.stderr
    for command in ("build", "summarise", "text"):
        assert "--allow-private-urls" in runner.invoke(cli, [command, "--help"]).stdout
