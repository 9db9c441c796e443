"""The outermost build, for plugins whose work is for the whole site.

mkdocs-static-i18n builds the English pages by running a second MkDocs build inside the first, so
every build hook fires twice, nested. Work for the whole site (the search index, the Pyodide runtime,
the Content-Security-Policy of every page) waits for the outermost build to end; this counts how deep
the plugin is, in one place for dak-pagefind, dak-pyodide and dak-csp.
"""

from __future__ import annotations


class BuildNesting:
    def __init__(self) -> None:
        self.depth = 0

    def enter(self) -> bool:
        """Call from on_pre_build; True when this is the outermost build."""
        self.depth += 1
        return self.depth == 1

    def leave(self) -> bool:
        """Call from on_post_build; True when the outermost build is ending."""
        self.depth -= 1
        return self.depth == 0

    def reset(self) -> None:
        """Call from on_build_error: a failed build leaves no build under way."""
        self.depth = 0
