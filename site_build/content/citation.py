"""Formal citations of units, in the style of Indonesian legal drafting.

"Lampiran angka II.A.1 huruf f Peraturan Menteri Perindustrian Nomor 7 Tahun 2023" for a Lampiran
numbered with Roman parts (2023); "Lampiran BAB IV huruf A angka 1 huruf f ..." for one with BAB
(2022); "Pasal 5 ayat (1) huruf a ..." in the body.
"""

from __future__ import annotations

import re

from .loader import Regulation, Unit


def _chain(regulation: Regulation, unit: Unit) -> list[Unit]:
    chain = []
    current: Unit | None = unit
    while current is not None:
        chain.append(current)
        current = regulation.by_eid.get(current.parent) if current.parent else None
    return list(reversed(chain))


def _clean(num: str | None) -> str:
    return (num or "").strip().rstrip(".")


# Parts of the regulation without a printed number, named in a citation (Indonesian, English). The
# first group is named wherever it stands in the chain; the second only when it is the unit cited,
# because its children already carry a name of their own ("Menimbang huruf a", "Pasal 5").
NAMED_PARTS = {
    "preface": ("judul", "title"),
    "formula": ("diktum", "enacting formula"),
    "conclusions": ("penutup", "closing"),
}
NAMED_WHEN_CITED = {
    "preamble": ("pembukaan", "preamble"),
    "recitals": ("Menimbang", "Considering"),
    "citations": ("Mengingat", "Observing"),
    "body": ("batang tubuh", "body"),
}
ROMAN = re.compile(r"[IVXLC]+")

# The words a printed number starts with, and their English (content/FORMAT.md, "English renderings").
NUMBER_WORDS = {"Pasal": "Article", "BAB": "Chapter", "LAMPIRAN": "ANNEX", "Lampiran": "Annex"}
_NUMBER_WORD = re.compile(r"^(" + "|".join(NUMBER_WORDS) + r")\b")


def printed_number(num: str | None, lang: str) -> str:
    """A unit's number as printed ("Pasal 5", "BAB II", "LAMPIRAN"), its leading word in English on
    English pages ("Article 5", "Chapter II", "ANNEX")."""
    if not num or lang == "id":
        return num or ""
    return _NUMBER_WORD.sub(lambda match: NUMBER_WORDS[match.group(1)], num)


def _passage(regulation: Regulation, unit: Unit) -> tuple[str, str]:
    """An unnumbered passage: "alinea setelah huruf D" after a numbered sibling, else its running
    number among the unnumbered siblings ("alinea ke-2")."""
    siblings = regulation.by_eid[unit.parent].children if unit.parent else regulation.units
    before = [s for s in siblings[: siblings.index(unit)] if _clean(s.num)]
    if before:
        num = _clean(before[-1].num)
        if before[-1].kind == "art":
            return f"alinea setelah {num}", f"passage after {printed_number(num, 'en')}"
        numbered = re.fullmatch(r"\d+\)?", num) or ROMAN.fullmatch(num)
        id_word, en_word = ("angka", "item") if numbered else ("huruf", "point")
        if before[-1].kind == "sec":
            en_word = "section"
        return f"alinea setelah {id_word} {num}", f"passage after {en_word} {num}"
    running = unit.local.rsplit("_", 1)[-1]
    return f"alinea ke-{running}", f"passage {running}"


def citation_parts(regulation: Regulation, unit: Unit) -> tuple[list[str], list[str]]:
    """The Indonesian and English pieces of the pinpoint (without the regulation's name)."""
    id_parts: list[str] = []
    en_parts: list[str] = []
    dotted: list[str] = []
    in_attachment = False

    def flush() -> None:
        if dotted:
            id_parts.append("angka " + ".".join(dotted))
            en_parts.append(".".join(dotted))
            dotted.clear()

    chain = _chain(regulation, unit)
    for node in chain:
        num = _clean(node.num)
        cited = node is chain[-1]
        if node.kind in NAMED_PARTS or (cited and node.kind in NAMED_WHEN_CITED):
            flush()
            id_name, en_name = NAMED_PARTS.get(node.kind) or NAMED_WHEN_CITED[node.kind]
            id_parts.append(id_name)
            en_parts.append(en_name)
        elif (node.kind == "block" and cited) or (node.kind == "point" and not num):
            # An unnumbered passage: its running number among its unnumbered siblings. A block that
            # only holds numbered points is not named, so those points keep their dotted number.
            flush()
            id_part, en_part = _passage(regulation, node)
            id_parts.append(id_part)
            en_parts.append(en_part)
        elif node.kind == "att":
            in_attachment = True
            id_parts.append("Lampiran")
            en_parts.append("Annex")
        elif node.kind == "art":
            id_parts.append(num)
            en_parts.append(printed_number(num, "en"))
        elif node.kind == "para":
            id_parts.append(f"ayat {num}")
            en_parts.append(f"paragraph {num}")
        elif node.kind == "chp" and num.upper().startswith("BAB"):
            id_parts.append(num.upper())
            en_parts.append(printed_number(num.upper(), "en"))
        elif node.kind in ("chp", "sec", "subsec") or (
            in_attachment and node.kind == "point" and re.fullmatch(r"\d+", num) and dotted
        ):
            if node.kind == "sec" and not dotted and id_parts and id_parts[-1].startswith("BAB"):
                id_parts.append(f"huruf {num}")
                en_parts.append(f"section {num}")
            else:
                dotted.append(num)
        elif node.kind == "point" and num:
            flush()
            if re.fullmatch(r"\d+\)?", num) or ROMAN.fullmatch(num):
                id_parts.append(f"angka {num}")
                en_parts.append(f"item {num}")
            else:
                id_parts.append(f"huruf {num}")
                en_parts.append(f"point {num}")
        elif node.kind in ("recital", "citation"):
            id_parts.append(("Menimbang huruf " if node.kind == "recital" else "Mengingat angka ") + num)
            en_parts.append(("Considering point " if node.kind == "recital" else "Observing item ") + num)
    flush()
    return id_parts, en_parts


def cite(regulation: Regulation, unit: Unit) -> dict[str, str]:
    """The formal citation of a unit, in Indonesian and English."""
    meta = regulation.metadata
    id_parts, en_parts = citation_parts(regulation, unit)
    name_id = f"Peraturan Menteri Perindustrian Nomor {meta['nomor']} Tahun {meta['tahun']}"
    name_en = f"Regulation of the Minister of Industry Number {meta['nomor']} of {meta['tahun']}"
    return {
        "id": " ".join([*id_parts, name_id]).strip(),
        "en": (", ".join(en_parts) + ", " if en_parts else "") + name_en,
        "short": " ".join([*id_parts, meta["singkatan"]]).strip(),
    }
