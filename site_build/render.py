"""Turn content units into the HTML of the handbook's pages (escaped: text is never markup)."""

from __future__ import annotations

from html import escape

from site_build.content.loader import Text, Unit

LANGS = ("id", "en")


def _text(text: Text | None, lang: str) -> list[str]:
    return text.paragraphs(lang) if text else []


def unit_head(unit: Unit, lang: str) -> str:
    """'Pasal 5 Judul' / 'f. target peserta': the number and heading as printed."""
    return " ".join(p for p in (unit.num, unit.heading and getattr(unit.heading, lang)) if p)


def unit_html(unit: Unit, lang: str, *, anchors: bool = True) -> str:
    """A unit and everything inside it; each unit carries its eId as anchor when `anchors`."""
    out = [f'<div class="dak-unit dak-{unit.kind}"' + (f' id="{unit.eid}">' if anchors else ">")]
    paragraphs = _text(unit.text, lang)
    link = f'<a class="dak-anchor" href="#{unit.eid}" title="{unit.eid}">¶</a>' if anchors else ""
    if unit.heading:  # "Pasal 5" / "A. Latar Belakang" on its own line, then the text
        out.append(
            f'<p class="dak-head"><span class="dak-num">{escape(unit_head(unit, lang))}</span>{link}</p>'
        )
    elif unit.num or paragraphs:  # "f. peserta berjumlah ..." on one line
        first = escape(paragraphs.pop(0)) if paragraphs else ""
        num = f'<span class="dak-num">{escape(unit.num)}</span> ' if unit.num else ""
        out.append(f'<p class="dak-lead">{num}{first}{link}</p>')
    out += [f"<p>{escape(p)}</p>" for p in paragraphs]
    out += [unit_html(child, lang, anchors=anchors) for child in unit.children]
    out += [f'<p class="dak-wrap">{escape(p)}</p>' for p in _text(unit.wrap, lang)]
    out.append("</div>")
    return "\n".join(out)


def plain(unit: Unit, lang: str) -> str:
    """All words of a unit and its children, for comparisons."""
    words = []
    for node in unit.walk():
        words += [
            node.num or "",
            *_text(node.heading, lang),
            *_text(node.text, lang),
            *_text(node.wrap, lang),
        ]
    return " ".join(w for w in words if w)


MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>()#+-.!|"})


def md_escape(text: str) -> str:
    """Text safe inside a Markdown heading or table cell."""
    return " ".join(text.split()).translate(MARKDOWN_SPECIAL)
