"""Page weight: what a reader downloads for one page of the built site, compressed as GitHub Pages
sends it.

One place for the figure `make bench` prints and the budget the tests hold (a page without a validator
weighs at most 300 KB compressed, HTML + CSS + JS: a reader on a slow metered link pays for every
page, the checkers' runtime only when they use one). The requests come from a real browser
visit (so files a script loads later count too); the sizes come from the built files, gzip-compressed
as Pages sends them (docs_plugins/wire.py), whatever the browser asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from docs_plugins.wire import compressed_size

# The budget for a page without a validator (HTML + CSS + JS, compressed), in bytes (1 KB = 1000).
BUDGET_WITHOUT_VALIDATOR = 300_000

# The kinds of file the budget counts; fonts, images and data are reported beside it.
CODE_KINDS = {".html": "HTML", ".css": "CSS", ".js": "JS", ".mjs": "JS"}


@dataclass(frozen=True)
class SiteFile:
    path: str  # relative to the site folder, e.g. "assets/handbook.css"
    raw: int
    compressed: int

    @property
    def kind(self) -> str:
        return CODE_KINDS.get(Path(self.path).suffix, "other")


@dataclass(frozen=True)
class PageWeight:
    """The files one visit requested from the site (each counted once) and their sizes."""

    page: str
    files: tuple[SiteFile, ...]

    def compressed(self, *kinds: str) -> int:
        return sum(f.compressed for f in self.files if not kinds or f.kind in kinds)

    @property
    def code(self) -> int:
        """HTML + CSS + JS, compressed: the figure the budget is about."""
        return self.compressed("HTML", "CSS", "JS")

    def summary(self) -> str:
        by_kind = ", ".join(
            f"{kind} {self.compressed(kind) / 1000:.0f} KB" for kind in ("HTML", "CSS", "JS", "other")
        )
        return (
            f"{self.page or '/'}: {self.code / 1000:.0f} KB compressed HTML+CSS+JS ({by_kind}; "
            f"{len(self.files)} files, {sum(f.raw for f in self.files) / 1000:.0f} KB uncompressed)"
        )


def pages_without_validator(site: Path) -> list[str]:
    """URL paths (relative to the site root, "" for the home page) of the built pages that carry no
    validator, in both languages: the pages the budget is for."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        if "data-dak-base" not in html.read_text(encoding="utf-8"):
            folder = html.parent.relative_to(site).as_posix()
            pages.append("" if folder == "." else folder + "/")
    return pages


def site_file(site: Path, base_url: str, url: str) -> Path | None:
    """The built file a URL under `base_url` is served from (a folder URL is its index.html), or None
    for a URL outside the site or a file that does not exist."""
    if not url.startswith(base_url):
        return None
    relative = unquote(urlsplit(url[len(base_url) :]).path)
    target = site / relative
    if relative == "" or relative.endswith("/"):
        target = target / "index.html"
    return target if target.is_file() else None


def page_weight(site: Path, base_url: str, page: str, requested: Iterable[str]) -> PageWeight:
    """The weight of a visit to `page` that requested the URLs `requested` (same-origin ones count;
    a URL that is requested twice is downloaded once)."""
    files: dict[Path, SiteFile] = {}
    for url in requested:
        path = site_file(site, base_url, url)
        if path is None or path in files:
            continue
        data = path.read_bytes()
        files[path] = SiteFile(path.relative_to(site).as_posix(), len(data), compressed_size(data))
    return PageWeight(page, tuple(files.values()))
