"""The dak-csp plugin (docs_plugins/csp) on small pages, and content text escaped by the renderer.

The browser tests (tests/browser/test_security.py) prove the built site runs under its policy; these
pin what the plugin writes and what it refuses, with the message a developer reads.
"""

from __future__ import annotations

import markdown
import pytest
from mkdocs.exceptions import PluginError

from docs_plugins.csp.config import DIRECTIVES
from docs_plugins.csp.plugin import check_directives, source_hash, with_policy
from site_build.render import GlossaryMarker, Renderer, md_escape, redline

PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'

PAGE = """<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<link rel="stylesheet" href="main.css">
<script>var a = 1;</script>
<style>:root{--x:1}</style>
<script id="__config" type="application/json">{"base": "."}</script>
</head>
<body>
<article class="md-content__inner"><script type="module" src="ui.js"></script><p>Teks</p></article>
<script type="module">import "./x.js";</script>
<script src="bundle.js"></script>
</body>
</html>
"""


def policy_of(html: str) -> dict[str, list[str]]:
    content = html.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    return {name: sources for name, *sources in (d.split(" ") for d in content.split("; "))}


def test_source_hash_is_the_csp_sha256_of_the_text():
    # The examples of the CSP specification and of MDN.
    assert source_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    assert source_hash("var inline = 1;") == "'sha256-B2yPHKaXnvFWtRChIbabYmUBFZdVfKKXHbWtWidDVF8='"


def test_the_policy_goes_right_after_meta_charset_with_the_pages_inline_hashes():
    html, scan = with_policy(PAGE, DIRECTIVES, "page.html")
    head = html.split("<head>\n", 1)[1]
    assert head.startswith('<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy"')
    policy = policy_of(html)
    # The two scripts that run (classic and module) by their hashes; the JSON data block is no script.
    assert policy["script-src"] == [
        "'self'",
        "'wasm-unsafe-eval'",
        source_hash("var a = 1;"),
        source_hash('import "./x.js";'),
    ]
    assert policy["style-src"] == ["'self'", source_hash(":root{--x:1}")]
    assert policy["object-src"] == ["'none'"] and policy["default-src"] == ["'self'"]
    assert len(scan.scripts) == 2 and len(scan.styles) == 1
    # Only the policy was added.
    assert html.replace(html[html.index("\n<meta http-equiv") : html.index("\n<link")], "") == PAGE


def test_a_page_without_inline_blocks_gets_the_policy_as_configured():
    html, _ = with_policy("<html><head><title>x</title></head><body></body></html>", DIRECTIVES, "x.html")
    assert html.startswith('<html><head>\n<meta http-equiv="Content-Security-Policy"')
    assert policy_of(html) == DIRECTIVES


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ('<button onclick="go()">Go</button>', "line 4: <button onclick=...>: an inline event handler"),
        ('<p style="color:red">x</p>', "line 4: <p style=...>: a style attribute"),
        ('<a href=" JavaScript:go()">x</a>', "line 4: <a href=javascript:...>: a javascript: URL"),
        (
            "<article><script>alert(1)</script></article>",
            "line 4: an inline <script> in the page's content (<article>)",
        ),
    ],
)
def test_markup_the_policy_would_block_stops_the_build_naming_file_and_line(markup, message):
    page = f'<html>\n<head><meta charset="utf-8"></head>\n<body>\n{markup}\n</body></html>'
    with pytest.raises(PluginError) as error:
        with_policy(page, DIRECTIVES, "kegiatan/x/index.html")
    assert str(error.value).startswith(
        "dak-csp: kegiatan/x/index.html: markup that the Content-Security-Policy"
    )
    assert message in str(error.value)


def test_a_page_without_head_or_with_its_own_policy_is_refused():
    with pytest.raises(PluginError, match=r"dak-csp: a\.html: no <head>"):
        with_policy("<p>x</p>", DIRECTIVES, "a.html")
    own = '<html><head><meta http-equiv="content-security-policy" content="default-src *"></head></html>'
    with pytest.raises(PluginError, match=r"dak-csp: b\.html already declares a Content-Security-Policy"):
        with_policy(own, DIRECTIVES, "b.html")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"script-src": ["'self'", "'unsafe-inline'"]}, "script-src must not allow 'unsafe-inline'"),
        ({"script-src": ["'self'", "'unsafe-eval'"]}, "script-src must not allow 'unsafe-eval'"),
        ({"frame-ancestors": ["'none'"]}, "frame-ancestors is ignored in a <meta> policy"),
        ({"img-src": ["'self' data:"]}, "img-src: \"'self' data:\" is not one source expression"),
        ({"Img_Src": ["'self'"]}, "'Img_Src' is not a directive name"),
    ],
)
def test_a_policy_that_cannot_work_or_lets_script_in_is_refused(change, message):
    with pytest.raises(PluginError, match=r"^dak-csp: directives: ") as error:
        check_directives(DIRECTIVES | change)
    assert message in str(error.value)


def test_the_policy_needs_script_src_and_style_src_for_the_hashes():
    without = {name: sources for name, sources in DIRECTIVES.items() if name != "style-src"}
    with pytest.raises(PluginError, match="style-src is missing"):
        check_directives(without)
    check_directives(DIRECTIVES)  # the site's own policy passes


# --- content text is text ------------------------------------------------------------------------


def test_the_renderer_escapes_content_text():
    paragraph = Renderer(None, "id").para(PAYLOAD)  # type: ignore[arg-type]
    assert "<img" not in paragraph and "<script" not in paragraph
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in paragraph
    changed = redline(PAYLOAD, PAYLOAD + " <b>baru</b>")
    assert "<img" not in changed and "<b>" not in changed and "<ins>&lt;b&gt;baru&lt;/b&gt;</ins>" in changed


def test_a_glossary_tip_holding_markup_is_an_escaped_attribute():
    class Content:
        glossary = {  # noqa: RUF012 - a stand-in for the loader's Content
            "terms": [{"id": "ikm", "term": "IKM", "meaning": {"id": PAYLOAD, "en": PAYLOAD}}]
        }

    marked = GlossaryMarker(Content(), "id", "../glosarium/")("Sentra IKM di daerah")  # type: ignore[arg-type]
    assert marked.startswith('Sentra <a class="dak-term" href="../glosarium/#ikm" data-tip="&lt;img src=x')
    assert "<img" not in marked and "<script" not in marked


def test_md_escape_keeps_markup_out_of_markdown_headings_and_tables():
    for source in (f"# {md_escape(PAYLOAD)}", f"| a |\n|---|\n| {md_escape(PAYLOAD)} |"):
        html = markdown.markdown(source, extensions=["tables"])
        assert "<img" not in html and "<script" not in html, html
        assert "&lt;img src=x onerror=" in html, html
