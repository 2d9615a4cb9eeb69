"""A chat-completions server on 127.0.0.1 with scripted answers, for the llm summariser's tests.

It speaks just enough of the protocol (``POST /v1/chat/completions``) for
the ``openai`` client: each request takes the next scripted Reply, or asks
``respond`` when the script is spent. Every request is recorded.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable


@dataclass(frozen=True)
class Reply:
    """One scripted answer: a message (or a raw body), its status, headers and delay."""

    content: str | None = None
    status: int = 200
    finish_reason: str = "stop"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    body: bytes | None = None  # sent as is, in place of a completion

    def payload(self, model: str) -> bytes:
        if self.body is not None:
            return self.body
        if self.status != 200:
            return json.dumps({"error": {"message": f"scripted {self.status}", "type": "server_error"}}).encode()
        return json.dumps({
            "id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": model,
            "choices": [{"index": 0, "finish_reason": self.finish_reason,
                         "message": {"role": "assistant", "content": self.content}}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
        }).encode()


@dataclass
class Request:
    body: dict[str, Any]
    authorization: str | None

    @property
    def prompt(self) -> str:
        return next(m["content"] for m in self.body["messages"] if m["role"] == "user")


class ScriptedModel:
    """The server: start it, script it, read what it was asked; stop it."""

    def __init__(self, port: int = 0) -> None:
        self.script: list[Reply] = []
        self.requests: list[Request] = []
        self.respond: Callable[[Request], Reply] | None = None
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> ScriptedModel:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self, *replies: Reply, respond: Callable[[Request], Reply] | None = None) -> None:
        with self._lock:
            self.script = list(replies)
            self.requests = []
            self.respond = respond

    def _next(self, request: Request) -> Reply:
        with self._lock:
            self.requests.append(request)
            if self.script:
                return self.script.pop(0)
        if self.respond is not None:
            return self.respond(request)
        return Reply(status=500)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        model = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the http.server API)
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                reply = model._next(Request(body, self.headers.get("Authorization")))
                if reply.delay:
                    time.sleep(reply.delay)
                data = reply.payload(body.get("model", ""))
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up (a timeout test)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler


def parrot(request: Request, *, invent: bool = False) -> Reply:
    """Answer as a model that repeats the hybrid prompt's candidates; ``invent`` adds items the grounding must drop.

    Each labelled sentence becomes a point of its section in the source's
    words, each candidate actor and quote is returned as given; a merge
    returns every part's items. With
    ``invent``: an actor the source does not name, a point with a number it
    does not state, and a paraphrased quote.
    """
    sections: dict[str, list[dict[str, Any]]] = {"summary": [], "background": [], "terms": [], "implications": []}
    actors: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    for line in request.prompt.splitlines():
        if line.startswith("{"):  # a part's brief, in a merge: keep all of it
            part = json.loads(line)
            for name, items in sections.items():
                items.extend(part[name])
            actors.extend(a for a in part.get("actors", ()) if a["name"] not in {b["name"] for b in actors})
            quotes.extend(part.get("quotes", ()))
        elif line.startswith("[") and "] (" in line:
            number, rest = line[1:].split("] (", 1)
            labels, text = rest.split(") ", 1)
            for label in labels.split(", "):
                if label in sections:
                    sections[label].append({"text": text, "sentences": [int(number)]})
        elif line.startswith("Actors: "):
            actors = [a for a in json.loads(line[8:]) if a["sentences"]]
        elif line.startswith("Quotes: "):
            quotes = [q for q in json.loads(line[8:]) if q["sentences"]]
    first = next((p["sentences"] for items in sections.values() for p in items), [1])
    if invent:
        actors.append({"name": "Imaginary Person", "type": "person", "role": None, "aliases": [], "sentences": first})
        sections["implications"].append({"text": "The source says 987654 things.", "sentences": first})
        quotes.append({"text": "words nobody ever said in the source", "speaker": None, "sentences": first})
    return Reply(json.dumps({**sections, "actors": actors, "quotes": quotes}))


def main(argv: list[str] | None = None) -> int:
    """Serve the parrot model until interrupted: ``python -m tests.llm_server --port 8099 [--invent]``."""
    import argparse

    parser = argparse.ArgumentParser(description="a scripted chat-completions server on 127.0.0.1")
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--invent", action="store_true", help="add ungrounded items to every answer")
    args = parser.parse_args(argv)
    model = ScriptedModel(port=args.port)
    model.reset(respond=lambda request: parrot(request, invent=args.invent))
    print(f"serving {model.url}", flush=True)
    try:
        model._server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
