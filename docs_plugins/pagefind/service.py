"""Pagefind's indexing service (`pagefind --service`), spoken to directly and synchronously.

The command line indexes a folder of HTML files, each at the URL of its path, into one bundle; the
search's year index (years.py) holds documents of its own at the URL of a page's section, which only
the service takes, and the service builds both bundles in one run.
The `pagefind` package's Python client speaks the same protocol but reads one answer per tenth of a
second, which would add seconds to every build for the few hundred messages of the handbook's index.

The protocol, as the pinned `pagefind` package speaks it (pagefind/service/__init__.py): each message
is base64-encoded JSON followed by a comma, `{"message_id": n, "payload": {"type": ...}}` one way and
`{"message_id": n, "payload": {...}}` back, a payload of type "Error" when the request failed.
"""

from __future__ import annotations

import base64
import json
import subprocess
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any


class PagefindError(Exception):
    """The service refused a request, or stopped."""


class PagefindService:
    """A `pagefind --service` process and the indexes built in it: `new_index`, `add_directory`,
    `add_html`, `write`."""

    def __init__(self, binary: Path) -> None:
        # What the service says besides its answers, kept for the messages; closed with the service.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115
        self._process = subprocess.Popen(
            [str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log
        )
        self._message_id = 0
        self._pending = bytearray()

    def new_index(self, config: dict[str, Any]) -> int:
        """A new, empty index (`config`: Pagefind's options, such as `exclude_selectors`); its id."""
        return self._call({"type": "NewIndex", "config": config})["index_id"]

    def add_directory(self, index: int, path: Path) -> int:
        """Index every HTML file under `path` as the command line does; the number of files read."""
        return self._call({"type": "AddDir", "index_id": index, "path": str(path)})["page_count"]

    def add_html(self, index: int, document: str, url: str) -> None:
        """Index an HTML document as the page at `url` (which Pagefind keeps as it is)."""
        payload = {"type": "AddFile", "index_id": index, "url": url, "file_path": None}
        self._call(payload | {"file_contents": document})

    def write(self, index: int, output: Path, leave_out: tuple[str, ...] = ()) -> int:
        """Write the search bundle of the index into `output`, but the files whose names begin with one
        of `leave_out`; the number of files written. Written here, from the files the service returns:
        the service hands its own writes to background threads and may exit before they are done (an
        empty pagefind-entry.json, seen on a loaded machine)."""
        files = self._call({"type": "GetFiles", "index_id": index})["files"]
        written = 0
        for file in files:
            relative = PurePosixPath(file["path"])
            if relative.is_absolute() or ".." in relative.parts:
                raise PagefindError(f"a bundle file outside the bundle: {file['path']!r}")
            if relative.name.startswith(leave_out):
                continue
            target = output.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(file["content"]))
            written += 1
        return written

    def close(self) -> None:
        if self._process.stdin:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._log.close()

    def __enter__(self) -> PagefindService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, payload: dict[str, Any]) -> dict[str, Any]:
        self._message_id += 1
        message = json.dumps({"message_id": self._message_id, "payload": payload}).encode("utf-8")
        if self._process.stdin is None or self._process.stdout is None:
            raise PagefindError("the service has no pipes")
        try:
            self._process.stdin.write(base64.b64encode(message) + b",")
            self._process.stdin.flush()
            answer = self._read()
        except (OSError, ValueError) as error:
            raise PagefindError(f"the service stopped ({error!r}): {self._said()}") from None
        if answer.get("message_id") != self._message_id:
            raise PagefindError(f"an answer out of order: {answer!r}")
        result = answer.get("payload") or {}
        if result.get("type") == "Error":
            raise PagefindError(f"{payload['type']} refused: {result.get('message')}")
        return result

    def _read(self) -> dict[str, Any]:
        """The next answer: read in chunks (an answer with a bundle's files is megabytes long)."""
        start = 0
        while (end := self._pending.find(b",", start)) < 0:
            start = len(self._pending)
            chunk = self._process.stdout.read1(1 << 16)
            if not chunk:
                raise ValueError("no answer")
            self._pending += chunk
        message = bytes(self._pending[:end])
        del self._pending[: end + 1]
        return json.loads(base64.b64decode(message))

    def _said(self) -> str:
        self._log.seek(0)
        return self._log.read()[-2000:].decode("utf-8", "replace").strip() or "nothing"
