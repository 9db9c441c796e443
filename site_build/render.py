"""Turn content units into the HTML of the handbook's pages.

Text is always escaped (it is never markup); glossary terms are marked after escaping, so a term can
only ever add a known, fixed element around words that are already safe.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape

from site_build.content.citation import cite, printed_number
from site_build.content.loader import Content, Regulation, Text, Unit


@dataclass(frozen=True)
class Reading:
    """A rule value whose reading of a provision is disputed: the reading taken and the other one."""

    rule: str
    title: Mapping[str, str]
    year: int
    note: Mapping[str, str]
    disputed: Mapping[str, str]


def disputed_readings(rules: Mapping, year: int) -> dict[str, list[Reading]]:
    """eId of a provision -> the disputed readings of the rule values that cite it first."""
    out: dict[str, list[Reading]] = {}
    for rule in rules["rules"]:
        for value in rule["values"]:
            if value["year"] == year and value.get("disputed") and value["sources"]:
                note = value.get("note") or rule.get("note") or {"id": "", "en": ""}
                reading = Reading(rule["id"], rule["title"], year, note, value["disputed"])
                bucket = out.setdefault(value["sources"][0]["unit"], [])
                if reading not in bucket:
                    bucket.append(reading)
    return out


def _text(text: Text | None, lang: str) -> list[str]:
    return text.paragraphs(lang) if text else []


def unit_head(unit: Unit, lang: str) -> str:
    """'Pasal 5 Judul' / 'f. target peserta': the number and heading as printed."""
    return " ".join(
        p for p in (printed_number(unit.num, lang), unit.heading and getattr(unit.heading, lang)) if p
    )


class GlossaryMarker:
    """Marks the glossary's terms in escaped text: explained on hover and on keyboard focus."""

    def __init__(self, content: Content, lang: str, glossary_href: str) -> None:
        self.tips: dict[str, tuple[str, str]] = {}
        for term in content.glossary.get("terms", []):
            tip = term["meaning"][lang]
            if term.get("expansion"):
                tip = f"{term['expansion'][lang]}: {tip}"
            for form in term.get("forms") or [term["term"]]:
                self.tips.setdefault(escape(form), (term["id"], tip))
        forms = sorted(self.tips, key=len, reverse=True)  # longest first: "Sentra IKM" before "IKM"
        self.pattern = (
            re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, forms)) + r")(?![\w-])") if forms else None
        )
        self.href = glossary_href

    def __call__(self, html_text: str) -> str:
        if self.pattern is None:
            return html_text
        seen: set[str] = set()

        def mark(match: re.Match[str]) -> str:
            term_id, tip = self.tips[match.group(1)]
            if term_id in seen:  # once per paragraph is enough to explain a term
                return match.group(1)
            seen.add(term_id)
            href = f"{self.href}#{term_id}"
            return f'<a class="dak-term" href="{href}" data-tip="{escape(tip)}">{match.group(1)}</a>'

        return self.pattern.sub(mark, html_text)


class Renderer:
    """Renders the units of one regulation in one language."""

    def __init__(
        self,
        regulation: Regulation,
        lang: str,
        *,
        mark: Callable[[str], str] | None = None,
        readings: Mapping[str, list[Reading]] | None = None,
        marker: Callable[[str], str] | None = None,
    ) -> None:
        self.regulation = regulation
        self.lang = lang
        self.mark = mark or (lambda text: text)
        self.readings = readings or {}
        self.marker = marker or (lambda eid: "")  # the provision beside its counterpart (compare.py)

    def reading_notes(self, eid: str) -> list[str]:
        """Where the handbook's two readers of a rule read this provision differently: both readings."""
        label = "Bacaan yang diperdebatkan" if self.lang == "id" else "Disputed reading"
        return [
            f'<aside class="dak-reading" data-rule="{escape(r.rule)}"><p><strong>{label}</strong> '
            f"({escape(r.title[self.lang])}, {r.year}): {escape(r.note[self.lang])} "
            f"{escape(r.disputed[self.lang])}</p></aside>"
            for r in self.readings.get(eid, ())
        ]

    def para(self, text: str) -> str:
        return self.mark(escape(text))

    def unit(self, unit: Unit, *, anchors: bool = True) -> str:
        """A unit and everything inside it; with `anchors`, each unit has its eId as id and a citation."""
        lang = self.lang
        if anchors:
            citation = cite(self.regulation, unit)[lang]
            out = [f'<div class="dak-unit dak-{unit.kind}" id="{unit.eid}" data-cite="{escape(citation)}">']
            link = f'<a class="dak-anchor" href="#{unit.eid}" title="{unit.eid}">¶</a>'
        else:
            out, link = [f'<div class="dak-unit dak-{unit.kind}">'], ""
        paragraphs = _text(unit.text, lang)
        if unit.heading:  # "Pasal 5" / "A. Latar Belakang" on its own line, then the text
            out.append(
                f'<p class="dak-head"><span class="dak-num">{escape(unit_head(unit, lang))}</span>{link}</p>'
            )
        elif unit.num or paragraphs:  # "f. peserta berjumlah ..." on one line
            first = self.para(paragraphs.pop(0)) if paragraphs else ""
            num = (
                f'<span class="dak-num">{escape(printed_number(unit.num, lang))}</span> ' if unit.num else ""
            )
            out.append(f'<p class="dak-lead">{num}{first}{link}</p>')
        if anchors:
            out.append(self.marker(unit.eid))
        out += [f"<p>{self.para(p)}</p>" for p in paragraphs]
        if anchors:
            out += self.reading_notes(unit.eid)
        out += [self.unit(child, anchors=anchors) for child in unit.children]
        out += [f'<p class="dak-wrap">{self.para(p)}</p>' for p in _text(unit.wrap, lang)]
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


def redline(old: str, new: str) -> str:
    """Word-level redline: deleted words in <del>, inserted in <ins>, the rest as is (all escaped)."""
    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape(" ".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return " ".join(out)


MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>()#+-.!|"})


def md_escape(text: str) -> str:
    """Text safe inside a Markdown heading or table cell."""
    return " ".join(str(text).split()).translate(MARKDOWN_SPECIAL)
