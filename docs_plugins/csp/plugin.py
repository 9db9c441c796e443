"""MkDocs plugin `dak-csp`: a strict Content-Security-Policy declared in every page of the built site.

GitHub Pages sends no header we could set, so the policy is a `<meta http-equiv>` in each page's
<head>, placed right after `<meta charset>`: a meta policy governs only what comes after it. The
policy allows the site's own origin and nothing else, and no inline script but the ones the build put
there itself: the sha256 of each inline <script> of a page (Material's base.html has a few, such as
its `__md_scope` and palette set-up; each page's differs by its relative base) and of each inline
<style> is added to script-src / style-src for that page alone. JSON data blocks
(`<script type="application/json">`, Material's `__config`) run nothing and need no hash.

Markup that a policy without 'unsafe-inline' would silently break stops the build instead, naming the
file and line: an inline event handler (`onclick=`), a `javascript:` URL, a `style=""` attribute. So
does an inline <script> inside the page's <article>: its hash would allow whatever the content put
there, and content is text (the validators' code is a script file).

Every HTML file is processed once the whole site is written, both languages, the 404 page and the
Pyodide runtime's hidden pages (docs_plugins/pyodide) included, so the hashes are of the final bytes,
whatever other plugins did before. Under `mkdocs serve` no policy is written: MkDocs' live reload
injects an inline script into every response, different each time, which no hash can allow.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from docs_plugins.csp.config import CspConfig
from docs_plugins.nesting import BuildNesting

log = logging.getLogger("mkdocs.plugins.dak-csp")

# Directives that browsers ignore in a <meta> policy: writing them would only pretend.
NOT_IN_META = {"frame-ancestors", "report-uri", "report-to", "sandbox"}
# Sources that would let injected text run as script, which is what the policy is for.
UNSAFE_SCRIPT_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "blob:"}
DIRECTIVE_NAME = re.compile(r"[a-z]+(?:-[a-z]+)*")
# <script type> values that run (HTML's JavaScript MIME types, modules, import maps); any other type
# is a data block such as application/json, which the browser never runs.
SCRIPT_TYPES = {
    "",
    "module",
    "importmap",
    "application/javascript",
    "application/ecmascript",
    "application/x-javascript",
    "application/x-ecmascript",
    "text/javascript",
    "text/ecmascript",
    "text/jscript",
    "text/livescript",
    "text/x-javascript",
    "text/x-ecmascript",
    *(f"text/javascript1.{minor}" for minor in range(6)),
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}


def source_hash(text: str) -> str:
    """The CSP source of an inline block: 'sha256-<base64 of the SHA-256 of its UTF-8 text>'."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass
class PageScan:
    """What the policy of one page must know about its markup."""

    scripts: list[str] = field(default_factory=list)  # hashes of the inline scripts that run
    styles: list[str] = field(default_factory=list)  # hashes of the inline <style> blocks
    problems: list[str] = field(default_factory=list)  # "line N: ..." the policy would block
    insert_at: int | None = None  # where the policy goes: after <meta charset>, else after <head>
    has_policy: bool = False


class _Scanner(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self._line_starts = [0, *(m.end() for m in re.finditer(r"\n", html))]
        self._inline: str | None = None  # "script" or "style" while inside an inline block
        self._text: list[str] = []
        self._articles = 0  # open <article> elements: the page's content, as opposed to the theme

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        for name, value in attrs:
            if name.startswith("on"):
                self.scan.problems.append(
                    f"line {line}: <{tag} {name}=...>: an inline event handler; attach it with "
                    "addEventListener in a script file"
                )
            elif name == "style":
                self.scan.problems.append(
                    f"line {line}: <{tag} style=...>: a style attribute; use a class in a style sheet"
                )
            elif name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.scan.problems.append(
                    f"line {line}: <{tag} {name}=javascript:...>: a javascript: URL; use a button "
                    "and a listener in a script file"
                )
        end_of_tag = self._offset() + len(self.get_starttag_text() or "")
        if tag == "head" and self.scan.insert_at is None:
            self.scan.insert_at = end_of_tag
        elif tag == "meta":
            if "charset" in values:
                self.scan.insert_at = end_of_tag
            if values.get("http-equiv", "").lower() == "content-security-policy":
                self.scan.has_policy = True
        elif tag == "article":
            self._articles += 1
        elif tag == "script" and "src" not in values:
            if values.get("type", "").strip().lower() not in SCRIPT_TYPES:
                return
            if self._articles:
                # The hash would allow whatever the content put there: content never carries script.
                self.scan.problems.append(
                    f"line {line}: an inline <script> in the page's content (<article>); content is "
                    "text, and a validator's code is a script file"
                )
            self._inline, self._text = "script", []
        elif tag == "style":
            self._inline, self._text = "style", []

    def handle_data(self, data: str) -> None:
        if self._inline:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._articles = max(0, self._articles - 1)
        if tag != self._inline:
            return
        hashes = self.scan.scripts if tag == "script" else self.scan.styles
        hashes.append(source_hash("".join(self._text)))
        self._inline = None


def scan_page(html: str) -> PageScan:
    scanner = _Scanner(html)
    scanner.feed(html)
    scanner.close()
    return scanner.scan


def policy_text(directives: dict[str, list[str]], scan: PageScan) -> str:
    """The policy of one page: the configured directives, with the page's inline hashes added."""
    extra = {"script-src": scan.scripts, "style-src": scan.styles}
    parts = []
    for name, sources in directives.items():
        added = [h for h in dict.fromkeys(extra.get(name, [])) if h not in sources]
        parts.append(" ".join([name, *sources, *added]))
    return "; ".join(parts)


def with_policy(html: str, directives: dict[str, list[str]], where: str) -> tuple[str, PageScan]:
    """The page with its policy <meta> as early as possible in <head>; PluginError if the page holds
    markup that the policy would block, or has no <head>, or already declares a policy."""
    scan = scan_page(html)
    if scan.problems:
        raise PluginError(
            f"dak-csp: {where}: markup that the Content-Security-Policy blocks:\n  "
            + "\n  ".join(scan.problems)
        )
    if scan.has_policy:
        raise PluginError(
            f"dak-csp: {where} already declares a Content-Security-Policy; remove it, the site's policy "
            "(docs_plugins/csp) is written into every page"
        )
    if scan.insert_at is None:
        raise PluginError(f"dak-csp: {where}: no <head> to put the Content-Security-Policy in")
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{policy_text(directives, scan)}">'
    return html[: scan.insert_at] + meta + html[scan.insert_at :], scan


def check_directives(directives: dict[str, list[str]]) -> None:
    """Refuse a configured policy that a <meta> cannot carry or that lets injected script run."""
    for name, sources in directives.items():
        if not DIRECTIVE_NAME.fullmatch(name):
            raise PluginError(f"dak-csp: directives: {name!r} is not a directive name (like 'img-src')")
        if name in NOT_IN_META:
            raise PluginError(
                f"dak-csp: directives: {name} is ignored in a <meta> policy (only a response header "
                "can set it, and GitHub Pages sends none we control); remove it"
            )
        for source in sources:
            if not source or any(c in source for c in ';,"<>') or source.split() != [source]:
                raise PluginError(
                    f"dak-csp: directives: {name}: {source!r} is not one source expression "
                    "(like 'self', data: or https://example.org)"
                )
    for name in ("script-src", "style-src"):
        if name not in directives:
            raise PluginError(
                f"dak-csp: directives: {name} is missing; the hashes of the pages' inline blocks go there"
            )
    unsafe = sorted(UNSAFE_SCRIPT_SOURCES.intersection(directives["script-src"]))
    if unsafe:
        raise PluginError(
            f"dak-csp: directives: script-src must not allow {', '.join(unsafe)}: the policy exists so "
            "that text injected into a page cannot run; inline scripts are allowed by their hashes"
        )


class CspPlugin(BasePlugin[CspConfig]):
    def __init__(self) -> None:
        self._builds = BuildNesting()
        self._serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> None:
        check_directives(dict(self.config.directives))

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._builds.enter()

    # Last of all post-build work (mkdocs-static-i18n's English build runs at -100, dak-pyodide's
    # hidden pages at -150, Pagefind at -200): every HTML file is final when its hashes are taken.
    @event_priority(-300)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self._builds.leave() or not self.config.enabled:
            return
        if self._serving:
            log.info("dak-csp: no Content-Security-Policy under `mkdocs serve` (live reload is inline)")
            return
        site_dir = Path(config.site_dir)
        directives = dict(self.config.directives)
        pages = scripts = styles = 0
        for path in sorted(site_dir.rglob("*.html")):
            html, scan = with_policy(
                path.read_text(encoding="utf-8"), directives, str(path.relative_to(site_dir))
            )
            path.write_text(html, encoding="utf-8")
            pages += 1
            scripts += len(scan.scripts)
            styles += len(scan.styles)
        log.info(
            f"dak-csp: Content-Security-Policy in {pages} pages "
            f"({scripts} inline scripts and {styles} inline styles allowed by their sha256)"
        )

    def on_build_error(self, *, error: Exception) -> None:
        self._builds.reset()
