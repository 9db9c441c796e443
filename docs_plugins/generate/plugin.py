"""MkDocs plugin `dak-generate`: the handbook's pages are generated from content/ and rules/ on every
build (and, under `mkdocs serve`, on every change to them), so the site can never drift from the data.

The rules are compiled once per build, and the same compiled rules are written to
dakcore/data/rules.json (when they differ), the file the checkers' wheel and `dak` read: a page can
never show a rule value its checker does not apply, even under `mkdocs serve` after a rules edit.

mkdocs-static-i18n builds the English pages in a second MkDocs build nested inside the first; the
pages of both languages are generated once, when the outermost build starts, and the content is
loaded and checked once per build: the navigation and the pages read the same loaded content.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority

from docs_plugins.generate.config import GenerateConfig
from docs_plugins.nesting import BuildNesting
from site_build.content.loader import CONTENT_DIR, Content, ContentError, load_content
from site_build.generate import generate, navigation
from site_build.rules.compiler import COMPILED, compile_rules, write_compiled

log = logging.getLogger("mkdocs.plugins.dak-generate")


def tree_digest(root: Path) -> str:
    """A digest of every file under `root`, names and bytes (half a megabyte of YAML: milliseconds)."""
    sha = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        sha.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
        sha.update(data)
    return sha.hexdigest()


class GeneratePlugin(BasePlugin[GenerateConfig]):
    def __init__(self) -> None:
        self._builds = BuildNesting()
        self._loaded: tuple[str, Content] | None = None  # the content last loaded, by its tree's digest

    def _content(self) -> Content:
        content_dir = Path(self.config.content_dir) if self.config.content_dir else CONTENT_DIR
        digest = tree_digest(content_dir)
        if self._loaded is not None and self._loaded[0] == digest:
            return self._loaded[1]
        try:
            content = load_content(content_dir)
        except ContentError as error:
            raise PluginError(f"dak-generate: the content has problems:\n{error}") from None
        self._loaded = (digest, content)
        return content

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # The navigation follows the catalog, so a new activity needs no edit of mkdocs.yml.
        if self.config.enabled and not config.nav:
            config.nav = navigation(self._content())
        return config

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable
    ) -> LiveReloadServer:
        """`mkdocs serve` watches docs_dir, which this plugin writes during every build: each change of
        a page would run a second build, of the same pages. The sources are watched instead (content/,
        rules/ and the code: mkdocs.yml's `watch`)."""
        if self.config.enabled:
            server.unwatch(config.docs_dir)
        return server

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # The nested (English) build finds both languages' pages already written.
        if not self._builds.enter() or not self.config.enabled:
            return
        content = self._content()
        try:
            rules = compile_rules(content=content)
        except ContentError as error:
            raise PluginError(f"dak-generate: the rules have problems:\n{error}") from None
        if write_compiled(rules):
            log.info(f"dak-generate: rules/ changed: wrote {COMPILED} (the checkers' rules)")
        pages = generate(Path(config.docs_dir), content, rules)
        log.info(f"dak-generate: {pages} pages generated from {content.root}")

    # After mkdocs-static-i18n's on_post_build (priority -100), inside which the nested build runs.
    @event_priority(-150)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._builds.leave()

    def on_build_error(self, *, error: Exception) -> None:
        self._builds.reset()

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """Each language its own 404 page. Every language's build writes the theme's 404.html to the
        same place, the site's root (the one GitHub Pages serves for any missing address), the last
        build's winning: the Indonesian one stays there and the English one goes to en/404.html."""
        if template_name != "404.html" or config.theme["language"] == DEFAULT_LANGUAGE:
            return output_content
        path = Path(config.site_dir) / config.theme["language"] / template_name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(output_content, encoding="utf-8")
        return ""  # MkDocs writes no template whose output is empty: the root one is left alone


DEFAULT_LANGUAGE = "id"
