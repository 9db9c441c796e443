"""Every link of the built site leads somewhere: in both languages, each href/src/srcset (and each
url() of our own stylesheets) that points inside the site names a file that exists, and each #fragment
names an id on the page it points to. Links to other hosts are not fetched (no network in tests, and
the site asks no other origin at run time) but must be well-formed https URLs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from dev.local_pages import SUB_PATH

# The attributes that hold a URL, per element (srcset holds several, see `_urls`).
URL_ATTRIBUTES = {
    "a": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
}
# Not addresses of a document: nothing to check.
NON_DOCUMENT_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:")
# Stylesheets the handbook writes itself (the theme's and Pagefind's are minified third-party files).
OWN_STYLESHEETS = ("assets/handbook.css", "assets/dak/validators.css")
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
# Any http(s) URL whose host we never serve from: the site itself is relative throughout.
BASE = "https://handbook.invalid/"
# GitHub Pages serves 404.html for every missing address, at any depth, so MkDocs writes its links from
# the path of site_url (SITE_URL: the tests build for a project site at SUB_PATH).
ROOT_RELATIVE_PAGES = {"404.html", "en/404.html"}


@dataclass
class Link:
    page: str  # the site-relative file that holds the link
    line: int
    where: str  # "a href", "img srcset", "url()", ...
    url: str


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.name = name
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for anchor in ("id", "name" if tag in ("a", "map") else None):
            if anchor and values.get(anchor):
                self.page.ids.add(values[anchor])
        for attribute in URL_ATTRIBUTES.get(tag, ()):
            for url in _urls(attribute, values.get(attribute)):
                self.page.links.append(Link(self.name, self.getpos()[0], f"{tag} {attribute}", url))

    handle_startendtag = handle_starttag


def _urls(attribute: str, value: str | None) -> list[str]:
    if not value:
        return []
    if attribute == "srcset":  # "a.png 1x, b.png 2x": the URL is each candidate's first word
        return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
    return [value.strip()]


@dataclass
class Report:
    pages: int = 0
    internal: int = 0
    anchors: int = 0
    external: set[str] = field(default_factory=set)
    broken: list[str] = field(default_factory=list)


def _target_file(site: Path, path: str) -> Path | None:
    """The file a site path is served from (directory URLs serve their index.html), or None."""
    target = site / unquote(path).lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def check_site(site: Path) -> Report:
    report = Report()
    pages: dict[str, Page] = {}
    for file in sorted(site.rglob("*.html")):
        name = file.relative_to(site).as_posix()
        parser = _PageParser(name)
        parser.feed(file.read_text(encoding="utf-8"))
        pages[name] = parser.page
    report.pages = len(pages)
    links = [link for page in pages.values() for link in page.links]
    for stylesheet in OWN_STYLESHEETS:
        text = (site / stylesheet).read_text(encoding="utf-8")
        for match in CSS_URL.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            links.append(Link(stylesheet, line, "url()", match.group(2).strip()))

    for link in links:
        where = f"{link.page}:{link.line}: {link.where} {link.url!r}"
        if link.url.lower().startswith(NON_DOCUMENT_SCHEMES):
            continue
        parts = urlsplit(link.url)
        if parts.scheme or link.url.startswith("//"):
            if parts.scheme != "https" or not parts.netloc or " " in link.url:
                report.broken.append(f"{where}: an external link must be a well-formed https URL")
            report.external.add(link.url)
            continue
        if link.url.startswith("/"):
            if link.page not in ROOT_RELATIVE_PAGES or not link.url.startswith(SUB_PATH):
                # The site is served under a sub-path (GitHub Pages' /<repository>/): a root path misses it.
                report.broken.append(f"{where}: a root-relative link leaves the site's sub-path")
                continue
            resolved = urlsplit(urljoin(BASE, link.url.removeprefix(SUB_PATH)))
        else:
            resolved = urlsplit(urljoin(BASE + link.page, link.url))
        report.internal += 1
        target = _target_file(site, resolved.path)
        if target is None:
            report.broken.append(f"{where}: nothing at {resolved.path.lstrip('/')!r} in the site")
            continue
        fragment = unquote(resolved.fragment)
        if fragment and target.suffix == ".html":
            report.anchors += 1
            if fragment not in pages[target.relative_to(site).as_posix()].ids:
                report.broken.append(f"{where}: no id {fragment!r} in {target.relative_to(site).as_posix()}")
    return report


def test_every_link_of_the_built_site_resolves(site: Path, capsys: pytest.CaptureFixture[str]):
    report = check_site(site)
    assert not report.broken, f"{len(report.broken)} broken links:\n" + "\n".join(report.broken)
    assert report.pages > 50 and (site / "en" / "index.html").is_file()
    with capsys.disabled():
        print(
            f"\nlinks: {report.pages} pages, {report.internal} internal links, {report.anchors} anchors "
            f"checked; {len(report.external)} distinct external https links (not fetched)"
        )


def test_the_link_check_catches_a_missing_page_and_anchor(tmp_path: Path):
    (tmp_path / "en").mkdir()
    (tmp_path / "index.html").write_text(
        '<h1 id="top">x</h1>\n<a href="en/">ok</a> <a href="#top">ok</a>\n'
        '<a href="gone/">no page</a>\n<a href="en/#nowhere">no anchor</a>\n'
        '<a href="http://example.org/">not https</a> <img srcset="a.png 1x, en/ 2x">\n'
    )
    (tmp_path / "en" / "index.html").write_text('<a href="../index.html#top">back</a>')
    for stylesheet in OWN_STYLESHEETS:
        (tmp_path / stylesheet).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / stylesheet).write_text("a { background: url('../missing.svg') }")
    broken = check_site(tmp_path).broken
    assert broken == [
        "index.html:3: a href 'gone/': nothing at 'gone/' in the site",
        "index.html:4: a href 'en/#nowhere': no id 'nowhere' in en/index.html",
        "index.html:5: a href 'http://example.org/': an external link must be a well-formed https URL",
        "index.html:5: img srcset 'a.png': nothing at 'a.png' in the site",
        "assets/handbook.css:1: url() '../missing.svg': nothing at 'missing.svg' in the site",
        "assets/dak/validators.css:1: url() '../missing.svg': nothing at 'assets/missing.svg' in the site",
    ]
