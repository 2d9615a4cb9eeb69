"""URLs: fetch a document over http or https, then read it with the reader its content type names.

Only http and https are fetched (redirects too), within one deadline for
the whole fetch and a size limit checked before and while reading, and only
from public addresses unless the user allows private ones
(:mod:`briefing.ingest.netguard`). Every failure is an InputError that says
what went wrong.
"""

from __future__ import annotations

import dataclasses
import http.client
import re
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass
from email.message import Message

from briefing.errors import InputError
from briefing.ingest.netguard import Deadline, FetchTimeout, guarded_handlers
from briefing.model import Document

__all__ = ["DEFAULT_TIMEOUT", "Fetched", "fetch", "is_url", "url_stem"]

DEFAULT_TIMEOUT = 30.0
_SCHEMES = ("http", "https")
_MAX_REDIRECTS = 10
_CHUNK = 64 * 1024
_USER_AGENT = "briefing/{version} (+https://pypi.org/project/briefing/)"

_UNTYPED = ("", "application/octet-stream", "binary/octet-stream", "application/download", "application/force-download")


@dataclass(frozen=True)
class Fetched:
    """What a URL returned: the body, where it ended up after redirects, and its type."""

    data: bytes
    url: str
    media_type: str
    charset: str | None


def is_url(text: str) -> bool:
    """Say whether an input names a URL (any scheme: unsupported ones get an error, not a file lookup)."""
    return re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text) is not None


def url_stem(url: str) -> str:
    """Return a file-name stem for a URL: its last path segment without suffix, else its host."""
    parts = urllib.parse.urlsplit(url)
    segment = urllib.parse.unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    stem = segment.rsplit(".", 1)[0] if "." in segment else segment
    if stem.lower() in ("", "index", "default", "article", "story", "page"):
        stem = parts.hostname or "page"
        stem = stem[4:] if stem.startswith("www.") else stem
    stem = re.sub(r"[^\w.-]+", "-", stem).strip("-.")
    return stem[:80] or "page"


def fetch(url: str, *, max_bytes: int, timeout: float = DEFAULT_TIMEOUT, allow_private: bool = False) -> Fetched:
    """Download ``url`` (http or https only) within ``timeout`` seconds in all and ``max_bytes`` bytes.

    The first URL and every redirect must lead to a public address unless
    ``allow_private`` is set (see :mod:`briefing.ingest.netguard`).
    """
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in _SCHEMES:
        raise InputError(f"only http and https URLs can be fetched, not {scheme}:")
    with Deadline(timeout) as deadline:
        try:
            fetched = _download(url, max_bytes, deadline, allow_private)
        except FetchTimeout:
            raise
        except BaseException as exc:
            if deadline.expired:  # the watchdog shut the connection: whatever broke, it is the deadline
                raise deadline.error() from exc
            raise _explained(exc, deadline) from exc
        if deadline.expired:  # a body cut short by the watchdog
            raise deadline.error()
    if not fetched.data:
        raise InputError("the server sent an empty response")
    return fetched


def _download(url: str, max_bytes: int, deadline: Deadline, allow_private: bool) -> Fetched:
    from briefing.package import version

    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": _USER_AGENT.format(version=version()),
            "Accept": "text/html, application/xhtml+xml, application/pdf, "
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document, "
            "text/markdown, text/plain;q=0.9, */*;q=0.5",
            "Accept-Encoding": "gzip, deflate",
        },
    )
    opener = urllib.request.build_opener(_HttpOnlyRedirects, *guarded_handlers(deadline, allow_private=allow_private))
    with opener.open(request, timeout=deadline.remaining()) as response:
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            raise InputError(f"the server says it is {int(length):,} bytes, over the limit of {max_bytes:,} bytes")
        body = _read(response, max_bytes, deadline)
        body = _decompress(body, response.headers.get("Content-Encoding", ""), max_bytes)
        media_type, charset = _content_type(response.headers)
        return Fetched(body, response.geturl(), media_type, charset)


def _explained(exc: BaseException, deadline: Deadline) -> BaseException:
    """Return the InputError that says what went wrong in a fetch (``exc`` itself if it is one, or not an error)."""
    if isinstance(exc, InputError) or not isinstance(exc, Exception):
        return exc
    if isinstance(exc, urllib.error.HTTPError):
        exc.close()
        reason = str(exc.reason)
        if reason.startswith(urllib.request.HTTPRedirectHandler.inf_msg.strip()):
            return InputError(f"the server redirected in a loop or more than {_MAX_REDIRECTS} times "
                              f"(last: HTTP {exc.code})")
        return InputError(f"the server answered HTTP {exc.code} {reason.splitlines()[0] if reason else ''}".rstrip())
    if isinstance(exc, urllib.error.URLError):
        if isinstance(exc.reason, InputError):
            return exc.reason
        return InputError(_network_reason(exc.reason, deadline))
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return deadline.error()
    if isinstance(exc, (ConnectionError, ssl.SSLError, OSError)):
        return InputError(_network_reason(exc, deadline))
    if isinstance(exc, http.client.HTTPException):
        return InputError(f"the server sent a malformed response: {type(exc).__name__}")
    if isinstance(exc, ValueError):  # a malformed URL
        return InputError(f"is not a valid URL: {exc}")
    return exc


def read_url(url: str, *, max_bytes: int, timeout: float = DEFAULT_TIMEOUT, allow_private: bool = False) -> Document:
    """Fetch ``url`` and read it into a Document whose ``url`` is the page's canonical URL or the fetched one."""
    from briefing.ingest.readers import readers

    installed = readers()
    fetched = fetch(url, max_bytes=max_bytes, timeout=timeout, allow_private=allow_private)
    reader = installed.for_media_type(fetched.media_type)
    if reader is None and fetched.media_type in _UNTYPED:
        path_suffix = "." + urllib.parse.urlsplit(fetched.url).path.rsplit(".", 1)[-1].lower()
        reader = installed.for_suffix(path_suffix) or installed.sniff(fetched.data)
    if reader is None:
        known = ", ".join(sorted(installed.by_media_type))
        raise InputError(f"unsupported content type {fetched.media_type or '(none)'}; supported: {known}")
    if reader.suffixes[0] in (".pdf", ".docx"):
        _check_binary_type(fetched, reader.suffixes[0])
    data = fetched.data
    if fetched.charset and reader.takes_charset:
        data = _to_utf8(data, fetched.charset)
    document = reader.parse(data, url_stem(fetched.url) + reader.suffixes[0])
    host = urllib.parse.urlsplit(fetched.url).hostname or ""
    return dataclasses.replace(
        document,
        url=document.url or fetched.url,
        publisher=document.publisher or (host[4:] if host.startswith("www.") else host) or None,
    )


_SNIFFED = {".html": "an HTML page", ".md": "Markdown text", ".txt": "plain text", ".pdf": "a PDF file",
            ".docx": "a Word (.docx) file", None: "a zip archive that is not a Word document"}


def _check_binary_type(fetched: Fetched, suffix: str) -> None:
    """Refuse a body that is not the PDF or Word file its content type says (often a login or error page)."""
    from briefing.ingest.sniff import describe_binary, sniff

    found = sniff(fetched.data)
    if found == suffix:
        return
    kind = _SNIFFED.get(found, "something else")
    if found == ".txt":
        from briefing.ingest.encoding import looks_binary

        kind = describe_binary(fetched.data) or kind
        if kind == "plain text" and looks_binary(fetched.data[:4096].decode("utf-8", errors="replace")):
            return  # random bytes: the reader says it is not a PDF or Word file
    raise InputError(f"the server said {fetched.media_type} but sent {kind} (often a login, consent or error "
                     "page); open the URL in a browser to see what it serves")


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http and https only, and not too many."""

    max_redirections = _MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in _SCHEMES:
            fp.close()
            raise InputError(f"the server redirected to a {scheme}: URL, which is not fetched")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _read(response, max_bytes: int, deadline: Deadline) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        deadline.remaining()  # raises once the deadline has passed
        chunk = response.read1(_CHUNK)  # what has arrived: a slow server cannot hold a full read open
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"the download is over the limit of {max_bytes:,} bytes")
        chunks.append(chunk)


def _decompress(body: bytes, encoding: str, max_bytes: int) -> bytes:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise InputError(f"the server used an unsupported content encoding: {encoding}")
    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
    try:
        inflater = zlib.decompressobj(wbits)
        data = inflater.decompress(body, max_bytes + 1)
    except zlib.error:
        try:  # some servers send raw deflate
            inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            data = inflater.decompress(body, max_bytes + 1)
        except zlib.error as exc:
            raise InputError(f"the server sent a damaged {encoding} body: {exc}") from exc
    if len(data) > max_bytes:
        raise InputError(f"the download unpacks to over the limit of {max_bytes:,} bytes")
    return data


def _content_type(headers: Message) -> tuple[str, str | None]:
    value = headers.get("Content-Type", "")
    message = Message()
    message["Content-Type"] = value
    media_type = message.get_content_type() if value else ""
    return media_type.lower(), message.get_param("charset") if value else None


def _to_utf8(data: bytes, charset: str) -> bytes:
    """Re-encode text the server labelled, so the reader need not guess (a BOM marks it UTF-8)."""
    from briefing.ingest.text import decode

    try:
        return b"\xef\xbb\xbf" + decode(data, declared=str(charset)).encode("utf-8")
    except InputError:
        return data  # let the reader report it


def _network_reason(reason: object, deadline: Deadline) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return str(deadline.error())
    if isinstance(reason, socket.gaierror):
        return "the host name could not be resolved (check the URL and your network connection)"
    if isinstance(reason, ConnectionRefusedError):
        return "the connection was refused"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"the server's TLS certificate is not valid: {reason.verify_message or reason}"
    if isinstance(reason, ssl.SSLError):
        return f"a TLS error occurred: {reason}"
    if isinstance(reason, OSError):
        return f"the connection failed: {reason.strerror or reason}"
    return f"the connection failed: {reason}"
