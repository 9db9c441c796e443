from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

# The site's policy. Everything is the site's own origin ('self'): no CDN, no font service, no
# analytics. What the pages need beyond that, and why:
# - script-src 'wasm-unsafe-eval': Pagefind searches in its own web worker (pagefind-worker.js, whose
#   policy comes from its response, not from this page), but where a browser gives it no worker it
#   compiles its WebAssembly on the page's main thread, which a policy without this refuses
#   (tests/browser/test_security.py checks both). It allows WebAssembly, no JavaScript eval.
#   The inline scripts of Material's base.html are allowed by their sha256, page by page (the plugin
#   adds them); neither 'unsafe-inline' nor 'unsafe-eval'.
# - style-src: the site's style sheets, and the hashes of any inline <style> block; no style="" in
#   the markup (the build refuses one). Scripts may still set element.style (the CSSOM), which CSP
#   does not restrict: Material positions its tooltips and header that way.
# - img-src data:: Material's icons in its CSS are data: SVGs, and the runtime pages' empty favicon.
# - worker-src 'self': the validators' module worker (Pyodide), Pagefind's worker and the service
#   worker. A worker's own policy comes from its response headers, not from this page, so Pyodide
#   compiling WebAssembly inside its worker is not governed by this policy.
# - object-src 'none', base-uri 'self', form-action 'self': no plugins, no <base> to another origin,
#   no form posting elsewhere.
# A <meta> policy cannot carry frame-ancestors, report-uri, report-to or sandbox (browsers ignore them
# there), and GitHub Pages sends no headers we could set: framing by other sites is not prevented.
DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


class CspConfig(Config):
    """`dak-csp`: a Content-Security-Policy <meta> in every HTML page of the built site."""

    enabled = opt.Type(bool, default=True)
    # The policy's directives and their sources. script-src and style-src also get the sha256 of each
    # inline <script> and <style> of a page, computed per page.
    directives = opt.DictOfItems(opt.ListOfItems(opt.Type(str)), default=DIRECTIVES)
