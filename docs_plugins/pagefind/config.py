from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class PagefindConfig(Config):
    """`dak-pagefind`: index the built site with Pagefind, a separate index (and stemmer) per language."""

    enabled = opt.Type(bool, default=True)
    # The pagefind executable; by default the one that the `pagefind[bin]` package ships.
    binary = opt.Optional(opt.File(exists=True))
    # The search bundle's folder inside site_dir; overrides/main.html loads pagefind-ui.* from there.
    output_subdir = opt.Type(str, default="pagefind")
    # Elements of the article that are no text to find: Markdown's and the reading view's permalinks.
    exclude_selectors = opt.ListOfItems(opt.Type(str), default=[".headerlink", ".dak-anchor"])
    # The year filter's name in each page language (the key is the page's <html lang>).
    year_filter = opt.DictOfItems(opt.Type(str), default={"id": "tahun", "en": "year"})
    # Where the pages' years are read from: each regulation's metadata.yml and the activity catalog.
    content_dir = opt.Optional(opt.Dir(exists=True))
