"""The preview's web server: the built pages on 127.0.0.1, told of every build as it ends.

Each HTML page is served with a small script added before `</body>` (the file
on disk is left as built). The script listens to `/_ncp/events`, a stream of
server-sent events that carries the state of the latest build: its number and
its problems, and the heading the page shows above them (in the writer's
language: the script holds no words). The page reloads after a build that
succeeded and lays the problems over itself after one that failed.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from functools import partial
from html import escape
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from pipeline.messages import language, tr
from pipeline.resources import TEMPLATES

HOST = "127.0.0.1"  # the preview is for the writer at this machine only
EVENTS = "/_ncp/events"
KEEP_ALIVE = 15.0  # seconds between comments on a quiet stream, to notice a closed page
SCRIPT = (TEMPLATES / "preview" / "reload.js").read_text(encoding="utf-8")


def waiting_page() -> str:
    """The home page before a first build succeeded, in the writer's language."""
    title, heading = escape(tr("Preview")), escape(tr("Nothing built yet"))
    text = escape(tr("The page appears here once the content builds."))
    return (f'<!DOCTYPE html><html lang="{language()}"><head><meta charset="utf-8">'
            f"<title>{title}</title></head><body><main><h1>{heading}</h1>"
            f"<p>{text}</p></main></body></html>")


@dataclass
class Board:
    """The latest build's number and problems, and the pages waiting to hear of the next."""

    version: int = 0
    problems: list[dict[str, object]] = field(default_factory=list)
    heading: str = ""  # what the page says above the problems
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, problems: list[dict[str, object]], heading: str) -> None:
        with self.changed:
            self.version += 1
            self.problems = problems
            self.heading = heading
            self.changed.notify_all()

    def snapshot(self) -> tuple[int, str]:
        """The latest build's number, and its state as the page reads it."""
        with self.changed:
            state = {"version": self.version, "heading": self.heading,
                     "problems": self.problems}
            return self.version, json.dumps(state)

    def wait_after(self, seen: int, timeout: float) -> bool:
        """Wait until a build after `seen` ended; False when `timeout` passed first."""
        with self.changed:
            return self.changed.wait_for(lambda: self.version != seen, timeout)


class PreviewHandler(SimpleHTTPRequestHandler):
    """Files of the preview folder; HTML with the reload script; the event stream."""

    board: Board
    home: str  # where `/` leads

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == EVENTS:
            self._stream()
        elif path == "/" and self.home != "/":
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", self.home)
            self.end_headers()
        elif path == "/" or path.endswith(".html"):
            self._page(Path(self.translate_path(path if path != "/" else "/index.html")),
                       waits=path in ("/", self.home))
        else:
            super().do_GET()

    def _page(self, file: Path, waits: bool) -> None:
        """The page with the script; the home page waits for a first build that succeeds."""
        if not file.is_file() and not waits:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        html = file.read_bytes() if file.is_file() else waiting_page().encode("utf-8")
        version, _ = self.board.snapshot()
        script = f'<script data-version="{version}">{SCRIPT}</script>'.encode()
        at = html.lower().rfind(b"</body")  # the last one closes the page
        at = at if at >= 0 else len(html)
        body = html[:at] + script + html[at:]
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _stream(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen = -1
        try:
            while True:
                current, state = self.board.snapshot()
                if current != seen:
                    seen = current
                    self.wfile.write(f"data: {state}\n\n".encode())
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
                self.board.wait_after(seen, KEEP_ALIVE)
        except (BrokenPipeError, ConnectionResetError):
            return  # the page was closed or reloaded

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal is for the builds."""


def serve(folder: Path, board: Board, port: int, home: str) -> ThreadingHTTPServer:
    """A server on 127.0.0.1:`port` (0: a free one) for `folder`, not yet started."""
    handler = type("Handler", (PreviewHandler,), {"board": board, "home": home})
    server = ThreadingHTTPServer((HOST, port), partial(handler, directory=str(folder)))
    server.daemon_threads = True
    return server
