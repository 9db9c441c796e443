"""The browser-test harness: the site built once (tests/conftest.py), served on 127.0.0.1 under a
sub-path as GitHub Pages serves a project site, and Debian's Chromium driven by Playwright (both from
dev/local_pages.py, which the browser benchmarks share). Requests to any other origin are
refused and recorded, so a test can prove the page asks nothing of the outside world.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from dev.local_pages import CHROMIUM, SUB_PATH, launch_chromium, serve


@dataclass
class Served:
    """The site as a reader reaches it: `url("en/")` is the English home page."""

    origin: str
    root: Path
    sub_path: str = SUB_PATH
    foreign_requests: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return self.origin + self.sub_path

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")


@pytest.fixture(scope="session")
def served(site: Path) -> Iterator[Served]:
    with serve(site) as origin:
        yield Served(origin=origin, root=site)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (dev/bootstrap.sh)")
    with launch_chromium() as browser:
        yield browser


# Recorded in every page before any of its scripts runs: each Content-Security-Policy violation, with
# what a developer needs to fix it (tests/browser/test_security.py reads window.__cspViolations).
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push({
    page: location.href,
    directive: event.effectiveDirective || event.violatedDirective,
    blocked: event.blockedURI,
    source: `${event.sourceFile || "?"}:${event.lineNumber}:${event.columnNumber}`,
    sample: event.sample,
  });
});
"""


def guarded_context(browser, served: Served, **options):
    """A new browser context (no cache, no storage) that may only talk to the local server: a request
    to any other origin is refused and recorded in `served.foreign_requests`. Every page of it records
    its CSP violations (CSP_RECORDER)."""
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, "locale": "id-ID"} | options)

    def guard(route) -> None:
        if route.request.url.startswith(served.origin + "/"):
            route.continue_()
        else:
            served.foreign_requests.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    context.add_init_script(CSP_RECORDER)
    return context


@pytest.fixture
def new_context(browser, served: Served) -> Iterator:
    """Opens guarded contexts (`new_context(locale="en-GB")`) and closes them after the test."""
    contexts = []

    def open_context(**options):
        contexts.append(guarded_context(browser, served, **options))
        return contexts[-1]

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def page(browser, served: Served) -> Iterator:
    """A fresh page (own context: no cache, no storage) that may only talk to the local server."""
    context = guarded_context(browser, served)
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page
    finally:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


# The search cases' outcomes (tests/browser/test_search.py), for the hit rate printed after the run.
SEARCH_OUTCOMES = pytest.StashKey[list]()


@pytest.fixture(scope="session")
def search_outcomes(request) -> list[tuple[str, bool, list[str]]]:
    return request.config.stash.setdefault(SEARCH_OUTCOMES, [])


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    outcomes = config.stash.get(SEARCH_OUTCOMES, [])
    if not outcomes:
        return
    terminalreporter.write_sep("-", "search hit rate")
    # Per page language: a case is named "id:query" or "en:query[2023]" (tests/browser/test_search.py).
    for lang in sorted({case.partition(":")[0] for case, _, _ in outcomes}):
        cases = [hit for case, hit, _ in outcomes if case.partition(":")[0] == lang]
        terminalreporter.write_line(
            f"search ({lang}): {sum(cases)}/{len(cases)} queries found their page among the first 3 "
            f"results ({100 * sum(cases) / len(cases):.0f}%)"
        )
    for case, hit, top in outcomes:
        if not hit:
            terminalreporter.write_line(f"  missed {case}: got {top}")
