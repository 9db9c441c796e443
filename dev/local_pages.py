"""The built site as GitHub Pages serves a project site, on 127.0.0.1, and the headless Chromium that
visits it: the one harness of the browser tests (tests/browser/conftest.py) and the browser benchmark
(dev/bench_browser.py).

The site is served under a sub-path, never at the root, so every check also proves that the pages,
the search bundle and the validators work on https://owner.github.io/repo/. Playwright never
downloads a browser here: it launches Debian's chromium (`dev/bootstrap.sh --browser` installs
it; the CHROMIUM environment variable names another executable, as CI does with the runner's Chrome).
"""

from __future__ import annotations

import functools
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

from docs_plugins.wire import gzipped

SUB_PATH = "/handbook/"
# The address the tests and the benchmark build the site for: a project site on GitHub Pages, whose
# path is SUB_PATH. MkDocs writes the 404 page's links from it (Pages serves that page at any depth);
# the deploy workflow gives the real one through the same SITE_URL variable (mkdocs.yml).
SITE_URL = f"https://owner.github.io{SUB_PATH}"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium keeps trying Google's hosts, which a closed
# network refuses (and which would be requests leaving the site).
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def launch_chromium() -> Iterator:
    """Debian's headless Chromium (or the CHROMIUM environment variable's), driven by Playwright,
    closed on exit: the one browser launch of the tests and the benchmarks. Raises FileNotFoundError
    when the executable is missing (`dev/bootstrap.sh --browser` installs it)."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(
            f"{CHROMIUM} is missing: `dev/bootstrap.sh --browser` installs Debian's chromium"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
        )
        try:
            yield browser
        finally:
            browser.close()


def wait_for_async(page, function: str, arg=None, *, timeout: float = 30_000, poll: float = 250) -> object:
    """Until the page's async `function` (JavaScript, e.g. "async () => ...") resolves to a truthy
    value, polled from here; returns that value. Playwright's page.wait_for_function does not await a
    promise: an async predicate would be taken as true at once. Raises TimeoutError with the last
    value after `timeout` ms."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        value = page.evaluate(function, arg)
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{page.url}: still {value!r} after {timeout / 1000:.0f} s: {function}")
        page.wait_for_timeout(poll)


# What GitHub Pages compresses (it sends zip, wheel and images as they are).
COMPRESSED_TYPES = (".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".txt", ".xml")
CHUNK = 16 * 1024


@dataclass
class Link:
    """A slow link shared by every connection of the server: `mbit` per second in all (downstream)
    and `latency` seconds before each response's first byte (a round trip). Throttled here, in the
    server, because the browser's own throttling does not reach a worker's requests."""

    mbit: float
    latency: float

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._free_at = 0.0

    def send(self, wfile, data: bytes) -> None:
        time.sleep(self.latency)
        for start in range(0, len(data), CHUNK):
            chunk = data[start : start + CHUNK]
            with self._lock:
                now = time.monotonic()
                begin = max(now, self._free_at)
                self._free_at = begin + len(chunk) * 8 / (self.mbit * 1e6)
                wait = self._free_at - now
            time.sleep(wait)
            wfile.write(chunk)


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site folder at SUB_PATH and nothing outside it; an address with nothing behind it is
    answered as GitHub Pages answers it, with the site's 404.html and status 404. Quiet. As Pages
    does, it sends text and WebAssembly gzip-compressed to a browser that accepts it, with
    `Cache-Control: max-age=600`; with a `link`, at that link's speed."""

    link: Link | None = None
    _gzipped: ClassVar[dict[tuple[str, float], bytes]] = {}

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                super().do_GET()  # the standard redirect to the folder's URL with its slash
                return
            path = path / "index.html"
        if not path.is_file() or not (path.suffix in COMPRESSED_TYPES or self.link):
            super().do_GET()
            return
        data = path.read_bytes()
        compress = path.suffix in COMPRESSED_TYPES and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            key = (str(path), path.stat().st_mtime)
            if key not in self._gzipped:
                self._gzipped[key] = gzipped(data)
            data = self._gzipped[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if self.link:
            self.link.send(self.wfile, data)
        else:
            self.wfile.write(data)

    def translate_path(self, path: str) -> str:
        parts = urlsplit(path)
        if not parts.path.startswith(SUB_PATH):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path("/" + parts.path[len(SUB_PATH) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a browser closing a connection mid-transfer (a context closed) is no error here


@contextmanager
def serve(site: Path, link: Link | None = None) -> Iterator[str]:
    """Serve `site` on a free port of 127.0.0.1 (through `link` if given: a slow link); yield the
    origin, e.g. "http://127.0.0.1:40123"."""
    handler = type("Handler", (_SubPathHandler,), {"link": link})
    server = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
