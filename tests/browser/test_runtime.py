"""The validators' runtime in headless Chromium, against the built site served under a sub-path.

The page with a validator runtime is the hidden `_dak/runtime-test.html` that docs_plugins/pyodide
writes (it starts the runtime exactly as a validator does: client.js's startDak()). The checks: it
gets ready with progress on the way; its answers equal CPython's `dakcore.api.call`; nothing is
asked of another origin; a second visit works offline, resuming from the memory snapshot that the
first visit left. (That pages without a validator load no Pyodide: tests/browser/test_page_weight.py.)
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from dakcore.api import call
from dev.local_pages import wait_for_async

ROOT = Path(__file__).resolve().parents[2]
PLAN = json.loads((ROOT / "examples" / "plan-2023.json").read_text(encoding="utf-8"))
ROSTER = (ROOT / "tests" / "pyodide" / "peserta-utf8.csv").read_bytes()
TEST_PAGE = "_dak/runtime-test.html"
# Functions, not expressions: Playwright evaluates an expression with eval, which the pages' policy
# (docs_plugins/csp) forbids.
READY = "() => window.dakTest && (window.dakTest.readyAt !== null || window.dakTest.error !== null)"
# Pyodide compiles ~10 MB of WebAssembly: seconds on an idle machine, much longer on a busy one.
START_TIMEOUT = 180_000


def _wait_ready(page) -> None:
    page.wait_for_function(READY, timeout=START_TIMEOUT)
    assert page.evaluate("window.dakTest.error") is None


def _requests(page) -> list[str]:
    urls: list[str] = []
    page.context.on("request", lambda request: urls.append(request.url))
    return urls


def test_a_validator_page_gets_ready_and_answers_as_cpython(page, served):
    requests = _requests(page)
    page.goto(served.url(TEST_PAGE))
    _wait_ready(page)
    progress = page.evaluate("window.dakTest.progress")
    ready = [p["stage"] for p in progress].index("ready")
    assert progress[0]["stage"] == "download" and progress[ready - 1]["stage"] == "start"
    assert progress[ready]["percent"] == 100 and progress[ready]["snapshot"] is False  # a first visit
    assert set(progress[ready]["timings"]) == {"pyodide", "dakcore"}
    percents = [p["percent"] for p in progress[: ready + 1]]
    assert percents == sorted(percents) and any(0 < p < 90 for p in percents), progress

    response = page.evaluate("(plan) => window.dakTest.call('validate', {plan, years: 'both'})", PLAN)
    assert response == call("validate", {"plan": PLAN, "years": "both"})
    roster = page.evaluate(
        """(bytes) => window.dakTest.call('roster', {csv: new Uint8Array(bytes).buffer,
             activity: 'pelatihan-teknis-produksi', year: 2023, on: '2023-08-01'})""",
        list(ROSTER),
    )
    expected = call(
        "roster", {"csv": ROSTER, "activity": "pelatihan-teknis-produksi", "year": 2023, "on": "2023-08-01"}
    )
    assert roster == expected
    bad = page.evaluate("() => window.dakTest.call('validate', {plan: {year: 'x'}})")
    assert bad == call("validate", {"plan": {"year": "x"}}) and bad["ok"] is False

    runtime = [url for url in requests if "/pyodide/" in url]
    assert any(re.search(r"/dakcore-[0-9a-f]{12}\.zip$", url) for url in runtime), runtime
    assert all(url.startswith(served.base) for url in requests), "a request left the site"


def test_no_request_leaves_the_origin(page, served):
    before = len(served.foreign_requests)
    requests = _requests(page)
    page.goto(served.url(TEST_PAGE))
    _wait_ready(page)
    page.evaluate("(plan) => window.dakTest.call('validate', {plan})", PLAN)
    page.goto(served.url("en/"))
    page.wait_for_load_state("networkidle")
    foreign = [url for url in requests if not url.startswith(served.origin + "/")]
    assert not foreign and len(served.foreign_requests) == before, foreign + served.foreign_requests[before:]


def _stages(page) -> list[dict]:
    return page.evaluate("window.dakTest.progress")


def test_the_second_visit_works_offline(page, served):
    page.goto(served.url(TEST_PAGE))
    _wait_ready(page)
    # After the first start, a memory snapshot of the interpreter is made for later visits.
    page.wait_for_function(
        "() => window.dakTest.progress.some((p) => p.stage === 'snapshot')", timeout=START_TIMEOUT
    )
    made = next(p for p in _stages(page) if p["stage"] == "snapshot")
    assert made.get("bytes", 0) > 1_000_000, made
    # The service worker is registered once the runtime is ready; it caches the runtime, then the page.
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
    wait_for_async(
        page,
        """async () => {
             const name = (await caches.keys()).find((key) => key.startsWith('dak-'));
             return Boolean(name && await caches.match(location.href, {cacheName: name}) && await caches.match(
               new URL('../assets/dak/client.js', location.href).href, {cacheName: name}));
           }""",
        timeout=60_000,
    )
    page.context.set_offline(True)
    try:
        navigation = page.goto(served.url(TEST_PAGE))
        assert navigation is not None and navigation.ok and navigation.from_service_worker
        _wait_ready(page)
        ready = next(p for p in _stages(page) if p["stage"] == "ready")
        assert ready["snapshot"] is True, "the second visit did not resume from the memory snapshot"
        response = page.evaluate("(plan) => window.dakTest.call('validate', {plan, years: 'both'})", PLAN)
        assert response == call("validate", {"plan": PLAN, "years": "both"})
        roster = page.evaluate(
            """(bytes) => window.dakTest.call('roster', {csv: new Uint8Array(bytes),
                 activity: 'pelatihan-teknis-produksi', year: 2023, on: '2023-08-01'})""",
            list(ROSTER),
        )
        assert roster == call(
            "roster",
            {"csv": ROSTER, "activity": "pelatihan-teknis-produksi", "year": 2023, "on": "2023-08-01"},
        )
    finally:
        page.context.set_offline(False)
