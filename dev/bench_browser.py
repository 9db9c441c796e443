"""Benchmark of the validators' runtime in headless Chromium (figures, no assertions).

    .venv/bin/python dev/bench_browser.py [--site DIR] [--rounds N]
    .venv/bin/python dev/bench.py --only browser

Builds the site (or takes a built one), serves it on 127.0.0.1 under a sub-path, and measures in one
run, on this machine:

- time until ready (ms from the start of navigation), first visit (new browser profile: nothing
  cached) and repeat visit (a new tab of the same profile: browser cache, service worker and, for
  the validators, the memory snapshot the first visit left), for the validator runtime's test page
  (_dak/runtime-test.html) and for the bare-Pyodide page (_dak/bare-pyodide.html: Pyodide alone in a
  module worker, the floor);
- the median of 20 validations of the README's example plan under both years (a call from the page
  to the worker and back);
- page weight (dev/page_weight.py): every page without a validator in both languages, and an
  activity page with its checker before and after the reader starts it; whether pages without a
  validator requested anything of the validator runtime or off the site.

- the extra download when a reader first opens or saves a workbook (openpyxl and et_xmlfile, which
  the worker loads only then), on the plan checker with the runtime already started.

Targets: first visit <= 1.2 x the bare floor; repeat visit <= 0.6 x the first; one
validation <= 20 ms; a page without a validator <= 300 KB compressed and loads no Pyodide; the first
workbook <= 400 KB compressed more.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dev.local_pages import (  # noqa: E402
    CHROMIUM,
    SITE_URL,
    SUB_PATH,
    Link,
    launch_chromium,
    serve,
    wait_for_async,
)
from dev.page_weight import site_file  # noqa: E402
from docs_plugins.wire import compressed_size  # noqa: E402

PAGES = {
    "validator": ("_dak/runtime-test.html", "window.dakTest"),
    "bare Pyodide": ("_dak/bare-pyodide.html", "window.dakBare"),
}
VALIDATOR_PAGE = "kegiatan/pelatihan-teknis-produksi/"
TIMEOUT = 300_000
# The worker's own split of each validator start: {pyodide, dakcore} ms, with the visit's figure.
TIMINGS: list[dict] = []


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
            wait_for_async(
                page,
                "async () => Boolean(await caches.match(location.href))",
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


def page_weights(browser, base: str, site: Path) -> dict[str, float]:
    """Print the compressed weight of every page without a validator (both languages) and of an
    activity page with its checker, before and after the reader starts it; return the figures in KB."""
    from dev.page_weight import BUDGET_WITHOUT_VALIDATOR, page_weight, pages_without_validator

    context = browser.new_context()
    requested: list[str] = []
    context.on("requestfinished", lambda request: requested.append(request.url))
    try:
        page = context.new_page()
        weights, runtime_requests, foreign = [], [], []
        for path in pages_without_validator(site):
            requested.clear()
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            weights.append(page_weight(site, base, path, list(requested)))
            runtime_requests += [url for url in requested if "/pyodide/" in url or url.endswith("/worker.js")]
            foreign += [url for url in requested if not url.startswith(base)]
        heaviest = max(weights, key=lambda w: w.code)
        print(
            f"page weight without a validator ({len(weights)} pages, both languages; budget "
            f"{BUDGET_WITHOUT_VALIDATOR / 1000:.0f} KB): heaviest {heaviest.summary()}; median "
            f"{statistics.median(w.code for w in weights) / 1000:.0f} KB; "
            f"{len(runtime_requests)} requests for the validator runtime (target: none), "
            f"{len(foreign)} off the site"
        )
        # A new context: nothing cached, as for a reader who lands on an activity page.
        context.close()
        context = browser.new_context()
        context.on("requestfinished", lambda request: requested.append(request.url))
        page = context.new_page()
        requested.clear()
        page.goto(base + VALIDATOR_PAGE)
        page.wait_for_load_state("networkidle")
        before = page_weight(site, base, VALIDATOR_PAGE, list(requested))
        print(f"page weight with a validator, before the reader uses it: {before.summary()}")
        page.locator(".dak-validator input").first.focus()  # the checker starts when a field gets focus
        page.wait_for_selector(".dak-engine-ready", timeout=TIMEOUT)
        page.wait_for_load_state("networkidle")
        runtime = page_weight(site, base, VALIDATOR_PAGE, list(requested))
        extra = runtime.compressed() - before.compressed()
        print(
            f"  ... and once its checker has started (Pyodide, the dakcore wheel): "
            f"{runtime.compressed() / 1e6:.2f} MB compressed in all, {extra / 1e6:.2f} MB of it the "
            f"runtime ({len(runtime.files) - len(before.files)} files; downloaded once, then cached)"
        )
        return {
            "page without a validator, KB": heaviest.code / 1000,
            "runtime requests without a validator": len(runtime_requests),
            "page with a validator, KB": before.code / 1000,
            "validator runtime, KB": extra / 1000,
        }
    finally:
        context.close()


# The links of the keystroke benchmark: (name, link the local server sends through; None: unthrottled).
LINKS = [("unthrottled", None), ("10 Mbit/s + 40 ms", Link(10, 0.040)), ("2 Mbit/s + 150 ms", Link(2, 0.150))]
READING = 10.0  # s between the checker coming into view and the first keystroke
# The runtime's own scripts besides pyodide/ (the page's ui.js, styles and modules are the page's).
RUNTIME_SCRIPTS = (
    "/assets/dak/client.js",
    "/assets/dak/runtime.js",
    "/assets/dak/worker.js",
    "/assets/dak/serviceworker.js",
)


def keystroke_to_result(browser, base: str, *, reading: float | None) -> tuple[float, list[str]]:
    """Seconds from the reader's first keystroke in an activity checker to its first result, on a
    first visit (empty profile). reading=None: the keystroke right after the page loaded (no warning:
    the focus that comes with it is the first sign of intent); else the checker is scrolled into view
    and the reader reads that many seconds first. Also the URLs the visit requested."""
    import time

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    try:
        page = context.new_page()
        page.goto(base + VALIDATOR_PAGE, wait_until="load", timeout=TIMEOUT)
        field = page.locator(".dak-validator").get_by_label("Jumlah peserta", exact=True)
        field.wait_for(timeout=TIMEOUT)
        if reading is not None:
            page.locator(".dak-validator").scroll_into_view_if_needed()
            page.wait_for_timeout(reading * 1000)
        start = time.perf_counter()
        field.focus()
        page.keyboard.type("25")
        page.keyboard.press("Enter")
        page.wait_for_selector(".dak-results .dak-years", timeout=TIMEOUT)
        return time.perf_counter() - start, requested
    finally:
        context.close()


def bare_floor(browser, base: str) -> float:
    """Seconds until bare Pyodide (the npm package as it comes, its whole standard library) is ready
    in a module worker, from the start of the navigation to its page, first visit."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + PAGES["bare Pyodide"][0], timeout=TIMEOUT)
        return ready_at(page, "window.dakBare") / 1000
    finally:
        context.close()


def first_use_bytes(site: Path, base: str, requested: list[str]) -> dict[str, int]:
    """The bytes of each runtime file a first use downloaded, compressed as the server sends them."""
    sizes = {}
    for url in dict.fromkeys(requested):
        path = site_file(site, base, url)
        if path and ("/pyodide/" in url or url.split("?")[0].endswith(RUNTIME_SCRIPTS)):
            sizes[path.relative_to(site).as_posix()] = compressed_size(path.read_bytes())
    return sizes


def keystroke_bench(browser, site: Path, rounds: int = 3) -> dict[str, float]:
    """Keystroke -> first result at each link speed, right after load and after reading, beside the
    bare-Pyodide floor on the same link; medians of `rounds`. Prints a table; returns the figures."""
    figures: dict[str, float] = {}
    rows = []
    for name, link in LINKS:
        with serve(site, link) as origin:
            base = origin + SUB_PATH
            cold, warm, floor = [], [], []
            for _ in range(rounds):
                seconds, requested = keystroke_to_result(browser, base, reading=None)
                cold.append(seconds)
                warm.append(keystroke_to_result(browser, base, reading=READING)[0])
                floor.append(bare_floor(browser, base))
            if link is None:
                sizes = first_use_bytes(site, base, requested)
                total = sum(sizes.values())
                print("bytes of a first use (compressed as sent), per file:")
                for path, size in sorted(sizes.items(), key=lambda item: -item[1]):
                    print(f"  {size / 1e6:7.3f} MB  {path}")
                stock = site / "_dak" / "python_stdlib.zip"
                print(
                    f"  {total / 1e6:7.3f} MB  in all (the bare floor's standard library alone: "
                    f"{stock.stat().st_size / 1e6:.2f} MB)"
                )
                figures["runtime downloaded at first use, MB"] = total / 1e6
        cold_s, warm_s, floor_s = (statistics.median(values) for values in (cold, warm, floor))
        rows.append((name, cold_s, warm_s, floor_s))
        figures[f"keystroke -> result, no warning, {name}, s"] = cold_s
        figures[f"keystroke -> result, after {READING:.0f} s reading, {name}, s"] = warm_s
        figures[f"bare Pyodide floor, {name}, s"] = floor_s
        figures[f"no warning / floor, {name}"] = cold_s / floor_s
    print(f"keystroke -> first result, first visit, median of {rounds} (s):")
    header = ("link", "right after load", f"after {READING:.0f} s reading", "bare floor", "ratio")
    print("  {:<20} {:>17} {:>19} {:>11} {:>6}".format(*header))
    for name, cold_s, warm_s, floor_s in rows:
        print(f"  {name:<20} {cold_s:>17.2f} {warm_s:>19.2f} {floor_s:>11.2f} {cold_s / floor_s:>6.2f}")
    return figures


EXCEL_TARGET_KB = 400


def excel_first_use(browser, base: str, site: Path) -> float:
    """KB (compressed as sent) that the first workbook adds: the plan checker, its runtime started by
    a check of the example plan, then "Download the plan template (.xlsx)"; every request after the
    click counted."""
    context = browser.new_context(accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(base + "en/periksa-rencana/")
        page.wait_for_selector(".dak-validator .dak-form", timeout=TIMEOUT)
        checker = page.locator(".dak-validator")
        checker.get_by_role("button", name="Fill in the example").click()
        checker.locator("form button[type=submit]").click()
        page.wait_for_selector(".dak-results .dak-activity-result", timeout=TIMEOUT)
        requested: list[str] = []
        page.on("requestfinished", lambda request: requested.append(request.url))
        with page.expect_download(timeout=TIMEOUT):
            checker.get_by_role("button", name="Download the plan template (.xlsx)").click()
        sizes = {}
        for url in dict.fromkeys(requested):
            path = site_file(site, base, url)
            if path:
                sizes[path.relative_to(site).as_posix()] = compressed_size(path.read_bytes())
    finally:
        context.close()
    total = sum(sizes.values()) / 1000
    files = ", ".join(f"{Path(name).name} {size / 1000:.0f} KB" for name, size in sorted(sizes.items()))
    print(
        f"first workbook opened or saved: {total:.0f} KB more, compressed (target <= {EXCEL_TARGET_KB} KB): "
        f"{files or 'nothing'}"
    )
    return total


def bench_browser(site: Path | None = None, rounds: int = 5) -> dict[str, float]:
    if not CHROMIUM.exists():
        print(f"browser benchmark: {CHROMIUM} is missing (dev/bootstrap.sh --browser installs it)")
        return {}
    with tempfile.TemporaryDirectory(prefix="dak-bench-site-") as scratch:
        if site is None:
            from site_build.site import build_site

            site = Path(scratch) / "site"
            build_site(strict=True, site_dir=site, site_url=SITE_URL, test_pages=True)
        runtime = next(site.glob("pyodide/*/"), None)
        if runtime is None:
            print(f"browser benchmark: {site} has no pyodide/ runtime (is dak-pyodide in mkdocs.yml?)")
            return {}
        size = sum(p.stat().st_size for p in runtime.iterdir())
        print(f"browser: Pyodide {runtime.name}, {size / 1e6:.1f} MB, headless Chromium, served on 127.0.0.1")
        with serve(site) as origin, launch_chromium() as browser:
            base = origin + SUB_PATH
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
            keystrokes = keystroke_bench(browser, site)
            excel = excel_first_use(browser, base, site)
            print(
                f"one validation (README example, both years, page -> worker -> page): median "
                f"{statistics.median(calls):.1f} ms of {len(calls)} (min {min(calls):.1f}, max "
                f"{max(calls):.1f}; target <= 20 ms)"
            )
            return {
                **page_weights(browser, base, site),
                "bare Pyodide floor, first visit, ms": floor,
                "validator ready, first visit, ms": first,
                "validator ready, repeat visit, ms": repeat,
                "one validation, ms": statistics.median(calls),
                **keystrokes,
                "first workbook, extra download, KB": excel,
            }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temporary folder)")
    parser.add_argument("--rounds", type=int, default=5, help="first and repeat visits per page (median)")
    parser.add_argument("--keystrokes", action="store_true", help="only keystroke -> result (needs --site)")
    args = parser.parse_args()
    if args.keystrokes:
        with launch_chromium() as browser:
            keystroke_bench(browser, args.site, args.rounds)
        return
    bench_browser(args.site, args.rounds)


if __name__ == "__main__":
    main()
