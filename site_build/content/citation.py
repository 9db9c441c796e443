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

    for node in _chain(regulation, unit):
        num = _clean(node.num)
        if node.kind == "att":
            in_attachment = True
            id_parts.append("Lampiran")
            en_parts.append("Annex")
        elif node.kind == "art":
            id_parts.append(num)
            en_parts.append(num.replace("Pasal", "Article"))
        elif node.kind == "para":
            id_parts.append(f"ayat {num}")
            en_parts.append(f"paragraph {num}")
        elif node.kind == "chp" and num.upper().startswith("BAB"):
            id_parts.append(num.upper())
            en_parts.append(num.upper().replace("BAB", "Chapter"))
        elif node.kind in ("chp", "sec") or (
            in_attachment and node.kind == "point" and re.fullmatch(r"\d+", num) and dotted
        ):
            if node.kind == "sec" and not dotted and id_parts and id_parts[-1].startswith("BAB"):
                id_parts.append(f"huruf {num}")
                en_parts.append(f"section {num}")
            else:
                dotted.append(num)
        elif node.kind == "point" and num:
            flush()
            if re.fullmatch(r"\d+\)?", num):
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
