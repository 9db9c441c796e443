"""MkDocs plugin `dak-generate`: the handbook's pages are generated from content/ and rules/ on every
build (and, under `mkdocs serve`, on every change to them), so the site can never drift from the data.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from docs_plugins.generate.config import GenerateConfig
from site_build.content.loader import CONTENT_DIR, ContentError, load_content
from site_build.generate import generate

log = logging.getLogger("mkdocs.plugins.dak-generate")


class GeneratePlugin(BasePlugin[GenerateConfig]):
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        content_dir = Path(self.config.content_dir) if self.config.content_dir else CONTENT_DIR
        try:
            pages = generate(Path(config.docs_dir), load_content(content_dir))
        except ContentError as error:
            raise PluginError(f"dak-generate: the content has problems:\n{error}") from None
        log.info(f"dak-generate: {pages} pages generated from {content_dir}")
