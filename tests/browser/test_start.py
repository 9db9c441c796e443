"""When a checker's runtime starts, and what the reader is told meanwhile (headless Chromium against
the built site): it starts as soon as the reader shows intent (the checker comes into view, a pointer
or the focus enters it), never on a page merely loaded with the checker out of view, and only at the
first keystroke when the browser asks to save data; before it starts, the checker says how much it
downloads once; the reader can cancel the download.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

ENGINE_TIMEOUT = 180_000
ACTIVITY = "kegiatan/pelatihan-teknis-produksi/"
# navigator.connection as a browser on a metered connection has it ("Data Saver" on); set before any
# page script runs (an init script is not subject to the page's Content-Security-Policy).
SAVE_DATA = """Object.defineProperty(Navigator.prototype, "connection", {
  configurable: true, get: () => ({ saveData: true, effectiveType: "4g", addEventListener() {} }) });"""


def _runtime_requests(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda r: r.url.endswith((".wasm", ".zip", ".whl")) and urls.append(r.url))
    return urls


def _open(page, served, path: str = ACTIVITY):
    urls = _runtime_requests(page)
    page.goto(served.url(path))
    page.wait_for_selector(".dak-validator .dak-form")
    return urls


def _started(page) -> bool:
    return bool(page.workers)


def test_the_checker_says_what_it_downloads_and_starts_when_it_comes_into_view(new_context, served):
    page = new_context(viewport={"width": 390, "height": 700}).new_page()
    urls = _open(page, served)
    # The size comes with the runtime's client module, a moment after the page.
    expect(page.locator(".dak-engine-text")).to_contain_text(
        re.compile(r"≈ \d,\d MB, sekali saja; lalu bisa luring")
    )
    page.wait_for_timeout(1500)
    assert not urls and not _started(page), "the runtime started with the checker out of view"
    page.locator(".dak-validator").scroll_into_view_if_needed()
    page.wait_for_selector(".dak-engine-ready", timeout=ENGINE_TIMEOUT)
    assert any(url.endswith(".wasm") for url in urls) and any(".zip" in url for url in urls)


def test_the_checker_starts_when_a_pointer_enters_it(new_context, served):
    page = new_context(locale="en-GB").new_page()
    urls = _open(page, served, "en/" + ACTIVITY)
    expect(page.locator(".dak-engine-text")).to_contain_text(re.compile(r"≈ \d\.\d MB, once; then offline"))
    page.wait_for_timeout(500)
    assert not urls
    # Hover without scrolling: Playwright's hover would scroll it into view first.
    page.evaluate(
        "() => document.querySelector('.dak-validator').dispatchEvent(new PointerEvent('pointerenter'))"
    )
    page.wait_for_function("() => document.querySelector('.dak-engine progress:not([hidden])') !== null")
    page.wait_for_selector(".dak-engine-ready", timeout=ENGINE_TIMEOUT)
    assert urls


def test_saving_data_the_runtime_waits_for_the_first_keystroke(new_context, served):
    context = new_context()
    context.add_init_script(SAVE_DATA)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    _open(page, served)
    field = page.locator(".dak-validator").get_by_label("Jumlah peserta", exact=True)
    field.scroll_into_view_if_needed()
    field.hover()
    field.focus()
    page.wait_for_timeout(1500)
    runtime = [u for u in requested if "/pyodide/" in u or "/worker.js" in u]
    assert not runtime and not _started(page), (
        f"saving data, the runtime started before a keystroke: {runtime}"
    )
    page.keyboard.type("5")
    page.wait_for_selector(".dak-engine-ready", timeout=ENGINE_TIMEOUT)
    assert any(u.endswith(".wasm") for u in requested)


def test_the_reader_can_cancel_the_download(new_context, served):
    context = new_context()
    context.route("**/*.wasm", lambda route: None)  # never answered: the download stays in progress
    page = context.new_page()
    _open(page, served)
    page.locator(".dak-validator").scroll_into_view_if_needed()
    cancel = page.locator(".dak-engine-cancel")
    cancel.wait_for(state="visible", timeout=ENGINE_TIMEOUT)
    expect(page.locator(".dak-engine-text")).to_contain_text("MB")
    cancel.click()
    page.wait_for_function(
        "() => document.querySelector('.dak-engine-text').textContent.startsWith('Unduhan dibatalkan')"
    )
    assert cancel.is_hidden()
    for _ in range(50):  # the terminated worker leaves page.workers when its close event arrives
        if not page.workers:
            break
        page.wait_for_timeout(100)
    assert not page.workers, "the cancelled worker still runs"
