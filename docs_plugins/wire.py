"""Bytes as GitHub Pages sends them: text and WebAssembly gzip-compressed at the level web servers
commonly use. The runtime's announced download size (docs_plugins/pyodide) and the development
server and page-weight meter (dev/) all count with this one function."""

from __future__ import annotations

import gzip


def gzipped(data: bytes) -> bytes:
    """`data` gzip-compressed reproducibly (no time stamp), as a web server would send it."""
    return gzip.compress(data, compresslevel=6, mtime=0)


def compressed_size(data: bytes) -> int:
    """Bytes over the wire: gzip-compressed, unless that gains nothing (a zip, a wheel, an image)."""
    return min(len(data), len(gzipped(data)))
