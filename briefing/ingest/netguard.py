"""Guard a fetch: one total deadline, and no connection to a private address unless the user allows it.

The deadline covers the whole fetch: resolving names, connecting, TLS,
headers, the body and every redirect. Each socket's timeout is what is left
of it, and a watchdog shuts the connection down when it runs out, so a server
that drips one byte a second cannot hold a fetch open past it.

The address policy is checked where the connection is made, on the address
actually connected to (a name is resolved once, and the checked address is
the one used), so a name that resolves to a public address when checked and
a private one when used (DNS rebinding) cannot slip past. Loopback, private,
link-local, multicast, reserved and unspecified addresses are refused unless
``allow_private`` is set; ``localhost``, ``2130706433`` and ``[::ffff:127.0.0.1]``
all resolve to loopback and are refused with it.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import threading
import time
import urllib.parse
import urllib.request
from typing import Any, Callable

from briefing.errors import InputError

__all__ = ["ALLOW_PRIVATE_HINT", "Deadline", "FetchTimeout", "PrivateAddressError", "guarded_handlers",
           "private_kind"]

ALLOW_PRIVATE_HINT = "pass --allow-private-urls (or set allow-private-urls = true) to fetch it"


class FetchTimeout(InputError):
    """The fetch ran past its deadline."""


class PrivateAddressError(InputError):
    """A URL or a redirect leads to an address the policy refuses."""


class Deadline:
    """A total time limit for one fetch, enforced on every socket it opens."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._end = time.monotonic() + seconds
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        with self._lock:
            for watched in self._sockets:
                watched.close()
            self._sockets.clear()

    def error(self) -> FetchTimeout:
        return FetchTimeout(f"timed out after {self.seconds:g} seconds (the whole fetch, redirects included)")

    def remaining(self) -> float:
        """Return the seconds left; raise FetchTimeout when none are."""
        left = self._end - time.monotonic()
        if left <= 0 or self.expired:
            raise self.error()
        return left

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock`` down when the deadline passes (a duplicate handle, which TLS wrapping leaves alone)."""
        with self._lock:
            if self.expired:
                raise self.error()
            self._sockets.append(sock.dup())

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for watched in self._sockets:
                try:
                    watched.shutdown(socket.SHUT_RDWR)  # wakes a blocked read in any thread
                except OSError:
                    pass

    def resolve(self, host: str, port: int) -> list[tuple[Any, ...]]:
        """Resolve ``host`` within the deadline (getaddrinfo has no timeout of its own)."""
        result: dict[str, Any] = {}

        def lookup() -> None:
            try:
                result["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            except OSError as exc:
                result["error"] = exc

        thread = threading.Thread(target=lookup, daemon=True)
        thread.start()
        thread.join(self.remaining())
        if thread.is_alive():
            raise self.error()
        if "error" in result:
            raise result["error"]
        return result["infos"]


def private_kind(address: str) -> str | None:
    """Name the kind of non-public address ``address`` is ("loopback", "private", …), or None if public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind in ("unspecified", "loopback", "link_local", "multicast", "private", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "private"


class _Connector:
    """Open connections for one fetch: resolve, check the policy, connect to the checked address."""

    def __init__(self, deadline: Deadline, allow_private: bool) -> None:
        self.deadline = deadline
        self.allow_private = allow_private

    def connect(self, address: tuple[str, int], timeout: object = None, source_address: object = None) -> socket.socket:
        """Connect to the first allowed address of ``address``'s host (socket.create_connection's signature)."""
        host, port = address
        refused: str | None = None
        error: OSError | None = None
        for family, kind, proto, _, sockaddr in self.deadline.resolve(host, port):
            why = private_kind(sockaddr[0])
            if why is not None and not self.allow_private:
                shown = host if host == sockaddr[0] else f"{host} ({sockaddr[0]})"
                refused = refused or f"{shown} is a {why} address"
                continue
            sock = socket.socket(family, kind, proto)
            try:
                sock.settimeout(self.deadline.remaining())
                self.deadline.watch(sock)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                sock.close()
                error = exc
        if error is None and refused is not None:
            raise PrivateAddressError(f"refused: {refused}, which briefing does not fetch by default; "
                                      f"{ALLOW_PRIVATE_HINT}")
        raise error or OSError(f"no address found for {host}")

    def check_name(self, host: str, port: int) -> None:
        """Check a host reached through a proxy: each address it resolves to here must be allowed."""
        if self.allow_private:
            return
        for *_, sockaddr in self.deadline.resolve(host, port):
            why = private_kind(sockaddr[0])
            if why is not None:
                raise PrivateAddressError(f"refused: {host} is a {why} address, which briefing does not fetch "
                                          f"by default; {ALLOW_PRIVATE_HINT}")

    def factory(self, connection_class: type[http.client.HTTPConnection], request: urllib.request.Request
                ) -> Callable[..., http.client.HTTPConnection]:
        """Return what urllib calls to make a connection for ``request``, the policy built in."""
        proxied = request.has_proxy() or getattr(request, "_tunnel_host", None)
        if proxied:  # the connection goes to the proxy; the policy applies to the target
            target = urllib.parse.urlsplit(request.full_url)
            self.check_name(target.hostname or "", target.port or (443 if target.scheme == "https" else 80))

        def make(host: str, **kwargs: Any) -> http.client.HTTPConnection:
            kwargs["timeout"] = self.deadline.remaining()
            connection = connection_class(host, **kwargs)
            if not proxied:
                connection._create_connection = self.connect  # type: ignore[attr-defined]
            return connection

        return make


def guarded_handlers(deadline: Deadline, *, allow_private: bool) -> list[urllib.request.BaseHandler]:
    """Return urllib handlers whose connections keep to ``deadline`` and the address policy."""
    connector = _Connector(deadline, allow_private)

    class GuardedHTTP(urllib.request.HTTPHandler):
        def http_open(self, req: urllib.request.Request) -> Any:
            return self.do_open(connector.factory(http.client.HTTPConnection, req), req)

    class GuardedHTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req: urllib.request.Request) -> Any:
            return self.do_open(connector.factory(http.client.HTTPSConnection, req), req,
                                context=self._context)  # type: ignore[attr-defined]

    return [GuardedHTTP(), GuardedHTTPS()]
