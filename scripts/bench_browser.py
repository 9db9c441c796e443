"""Benchmark of the validators' runtime in headless Chromium (figures, no assertions).

    .venv/bin/python scripts/bench_browser.py [--site DIR] [--rounds N]
    .venv/bin/python scripts/bench.py --only browser

Builds the site (or takes a built one), serves it on 127.0.0.1 under a sub-path, and measures in one
run, on this machine:

- time until ready (ms from the start of navigation), first visit (new browser profile: nothing
  cached) and repeat visit (a new tab of the same profile: browser cache, service worker and, for
  the validators, the memory snapshot the first visit left), for the validator runtime's test page
  (_dak/runtime-test.html) and for the bare-Pyodide page (_dak/bare-pyodide.html: Pyodide alone in a
  module worker, the floor);
- the median of 20 validations of the README's example plan under both years (a call from the page
  to the worker and back);
- whether pages without a validator requested anything under pyodide/.

Targets (issue 5): first visit <= 1.2 x the bare floor; repeat visit <= 0.6 x the first; one
validation <= 20 ms; pages without a validator load no Pyodide.
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SUB_PATH = "/handbook/"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = {
    "validator": ("_dak/runtime-test.html", "window.dakTest"),
    "bare Pyodide": ("_dak/bare-pyodide.html", "window.dakBare"),
}
WITHOUT_VALIDATOR = ["", "en/", "glosarium/", "peraturan/permenperin-7-2023/"]
TIMEOUT = 300_000
# The worker's own split of each validator start: {pyodide, dakcore} ms, with the visit's figure.
TIMINGS: list[dict] = []


class _Handler(SimpleHTTPRequestHandler):
    def translate_path(self, path: str) -> str:
        parts = urlsplit(path)
        if not parts.path.startswith(SUB_PATH):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path("/" + parts.path[len(SUB_PATH) :])

    def log_message(self, format: str, *args) -> None:
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a browser closing a connection mid-transfer (a context closed) is no error here


@contextmanager
def serve(site: Path) -> Iterator[str]:
    server = _Server(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()


def ready_at(page, state: str) -> float:
    # A function, not an expression: Playwright evaluates an expression with eval, which the pages'
    # Content-Security-Policy (docs_plugins/csp) forbids.
    done = f"() => {state} && ({state}.readyAt !== null || {state}.error !== null)"
    page.wait_for_function(done, timeout=TIMEOUT)
    error = page.evaluate(f"{state}.error")
    if error:
        raise RuntimeError(f"{page.url}: {error}")
    return page.evaluate(f"{state}.readyAt")


def visits(browser, base: str, path: str, state: str) -> tuple[float, float]:
    """Time until ready on a first visit (empty profile) and on a repeat visit (new tab, same profile)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + path)
        first = ready_at(page, state)
        if state == "window.dakTest":
            for progress in page.evaluate("window.dakTest.progress"):
                if progress["stage"] == "ready":
                    TIMINGS.append({**progress["timings"], "first": first})
            # Let the memory snapshot be made and the service worker cache the runtime and the page, as
            # they would while a reader reads the first page.
            page.wait_for_function(
                "() => window.dakTest.progress.some((p) => p.stage === 'snapshot')", timeout=TIMEOUT
            )
            page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=TIMEOUT)
            page.wait_for_function(
                "async () => { const keys = await caches.keys(); const cache = await caches.open(keys[0]);"
                " return Boolean(await cache.match(location.href)); }",
                timeout=TIMEOUT,
            )
        page.close()
        page = context.new_page()
        page.goto(base + path)
        repeat = ready_at(page, state)
        if state == "window.dakTest":
            for progress in page.evaluate("window.dakTest.progress"):
                if progress["stage"] == "ready":
                    TIMINGS.append(
                        {**progress["timings"], "repeat": repeat, "snapshot": progress["snapshot"]}
                    )
        return first, repeat
    finally:
        context.close()


def validation_times(browser, base: str, count: int = 20) -> list[float]:
    plan = json.loads((ROOT / "examples" / "plan-2023.json").read_text(encoding="utf-8"))
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + PAGES["validator"][0])
        ready_at(page, "window.dakTest")
        return page.evaluate(
            """async ([plan, count]) => {
                 const times = [];
                 for (let i = 0; i < count; i++) {
                   const start = performance.now();
                   const response = await window.dakTest.call('validate', {plan, years: 'both'});
                   times.push(performance.now() - start);
                   if (!response.ok) throw new Error(JSON.stringify(response));
                 }
                 return times;
               }""",
            [plan, count],
        )
    finally:
        context.close()


def pages_without_validator(browser, base: str) -> tuple[list[str], list[str], int]:
    """(runtime requests, foreign requests, requests in all) of pages that have no validator."""
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = context.new_page()
        for path in WITHOUT_VALIDATOR:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
    finally:
        context.close()
    origin = base[: -len(SUB_PATH) + 1]
    runtime = [url for url in requests if "/pyodide/" in url or "worker.js" in url]
    return runtime, [url for url in requests if not url.startswith(origin)], len(requests)


def bench_browser(site: Path | None = None, rounds: int = 5) -> None:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        print(f"browser benchmark: {CHROMIUM} is missing (scripts/bootstrap.sh --browser installs it)")
        return
    with tempfile.TemporaryDirectory(prefix="dak-bench-site-") as scratch:
        if site is None:
            from site_build.site import build_site

            site = Path(scratch) / "site"
            build_site(strict=True, site_dir=site)
        runtime = next(site.glob("pyodide/*/"), None)
        if runtime is None:
            print(f"browser benchmark: {site} has no pyodide/ runtime (is dak-pyodide in mkdocs.yml?)")
            return
        size = sum(p.stat().st_size for p in runtime.iterdir())
        print(f"browser: Pyodide {runtime.name}, {size / 1e6:.1f} MB, headless Chromium, served on 127.0.0.1")
        with serve(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
            try:
                times: dict[str, list[tuple[float, float]]] = {name: [] for name in PAGES}
                for _ in range(rounds):
                    for name, (path, state) in PAGES.items():
                        times[name].append(visits(browser, base, path, state))
                medians = {}
                for name, pairs in times.items():
                    first = statistics.median(p[0] for p in pairs)
                    repeat = statistics.median(p[1] for p in pairs)
                    medians[name] = (first, repeat)
                    runs = ", ".join(f"{a:.0f}/{b:.0f}" for a, b in pairs)
                    print(
                        f"{name} page, time until ready: first visit {first:.0f} ms, "
                        f"repeat visit {repeat:.0f} ms (median of {rounds}; first/repeat per round: {runs})"
                    )
                (first, repeat), (floor, floor_repeat) = medians["validator"], medians["bare Pyodide"]
                print(
                    f"validator first visit / bare floor: {first / floor:.2f} (target <= 1.2); "
                    f"repeat / first: {repeat / first:.2f} (target <= 0.6); "
                    f"bare floor repeat / first: {floor_repeat / floor:.2f}"
                )
                firsts = [t for t in TIMINGS if "repeat" not in t]
                repeats = [t for t in TIMINGS if "repeat" in t]
                for label, runs in (("first visit", firsts), ("repeat visit", repeats)):
                    restored = sum(1 for t in runs if t.get("snapshot"))
                    print(
                        f"validator {label}, inside the worker (median): Pyodide started with the wheel "
                        f"{statistics.median(t['pyodide'] for t in runs):.0f} ms, dakcore imported and "
                        f"its rules indexed {statistics.median(t['dakcore'] for t in runs):.0f} ms "
                        f"({restored} of {len(runs)} resumed from the memory snapshot)"
                    )
                calls = validation_times(browser, base)
                print(
                    f"one validation (README example, both years, page -> worker -> page): median "
                    f"{statistics.median(calls):.1f} ms of {len(calls)} (min {min(calls):.1f}, max "
                    f"{max(calls):.1f}; target <= 20 ms)"
                )
                runtime_requests, foreign, total = pages_without_validator(browser, base)
                print(
                    f"pages without a validator ({len(WITHOUT_VALIDATOR)} pages, {total} requests): "
                    f"{len(runtime_requests)} requests under pyodide/ or for the worker"
                    f"{': ' + ', '.join(runtime_requests) if runtime_requests else ' (target: none)'}; "
                    f"{len(foreign)} to another origin"
                )
            finally:
                browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temporary folder)")
    parser.add_argument("--rounds", type=int, default=5, help="first and repeat visits per page (median)")
    args = parser.parse_args()
    bench_browser(args.site, args.rounds)


if __name__ == "__main__":
    main()
