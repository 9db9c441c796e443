"""The dated obligations of a year (deadlines) and the recipient-region criteria (eligibility)."""

from __future__ import annotations

from typing import Any

from .errors import InputError, problem
from .rules import RuleSet
from .vocabulary import LANGS


def deadlines(rules: RuleSet, year: int) -> list[dict[str, Any]]:
    """The year's deadlines in date order, each with its source."""
    out = []
    for deadline in rules.data["deadlines"]:
        value = deadline["values"].get(str(year))
        if value is None:
            continue
        out.append(
            {
                "id": deadline["id"],
                "title": deadline["title"],
                "year": year,
                "date": value["date"],
                **{k: value[k] for k in ("end_of", "to", "note") if k in value},
                "sources": value["sources"],
            }
        )
    return sorted(out, key=lambda d: d["date"])


def _ics_escape(text: str) -> str:
    # Any line break (CR LF, CR or LF) becomes the escaped "\n": a bare CR would end the content line.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """RFC 5545 folding: lines of at most 75 octets, continued with a leading space."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode("utf-8")) > (75 if not out else 74):
            out.append(current)
            current = ""
        current += char
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def ics_stamp(year: int) -> str:
    """A calendar's DTSTAMP: fixed per year, so the same deadlines make the same file."""
    return f"{year}0101T000000Z"


def to_ics(items: list[dict[str, Any]], lang: str, stamp: str) -> str:
    """An iCalendar file of all-day events, one per deadline (stable UIDs, so re-imports update)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//DAK Nonfisik IKM handbook//dakcore//ID",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for item in items:
        day = item["date"].replace("-", "")
        source = item["sources"][0] if item["sources"] else None
        description = item["title"][lang]
        if source:
            description += f'\n{source["citation"][lang]}\n"{source["quote"]}"'
        if "note" in item:
            description += f"\n{item['note'][lang]}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{item['id']}-{item['year']}@dak-nonfisik-ikm",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day}",
            f"SUMMARY:{_ics_escape(item['title'][lang])}",
            f"DESCRIPTION:{_ics_escape(description)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))


ANSWERS = {
    "ya": True,
    "yes": True,
    "true": True,
    "y": True,
    "1": True,
    "tidak": False,
    "no": False,
    "false": False,
    "t": False,
    "n": False,
    "0": False,
}


def eligibility(rules: RuleSet, year: int, answers: dict[str, Any]) -> dict[str, Any]:
    """Whether a kabupaten/kota meets the recipient criteria of a year, criterion by criterion.

    Answers are booleans (or ya/tidak); a criterion left unanswered is reported as unknown, and the
    region is then not yet shown to be eligible. Unknown criterion ids are an input error.
    """
    criteria = [c for c in rules.data["eligibility"] if str(year) in c["values"]]
    known = {c["id"] for c in criteria}
    problems = [
        problem(
            key,
            id=f"kriteria tidak dikenal (yang ada: {', '.join(sorted(known))})",
            en=f"unknown criterion (known: {', '.join(sorted(known))})",
        )
        for key in answers
        if key not in known
    ]
    results = []
    for criterion in criteria:
        raw = answers.get(criterion["id"])
        if isinstance(raw, str):
            answer = ANSWERS.get(raw.strip().lower())
            if answer is None:
                problems.append(
                    problem(
                        criterion["id"],
                        id="jawaban harus ya atau tidak",
                        en="the answer must be ya (yes) or tidak (no)",
                    )
                )
        elif raw is None or isinstance(raw, bool):
            answer = raw
        else:
            answer = None
            problems.append(
                problem(
                    criterion["id"],
                    id="jawaban harus ya atau tidak",
                    en="the answer must be ya (yes) or tidak (no)",
                )
            )
        value = criterion["values"][str(year)]
        results.append(
            {
                "id": criterion["id"],
                "question": criterion["question"],
                "criterion": value["criterion"],
                "answer": answer,
                "met": answer,
                "sources": value["sources"],
                **({"note": value["note"]} if "note" in value else {}),
            }
        )
    if problems:
        raise InputError(problems)
    unmet = [r["id"] for r in results if r["met"] is False]
    unknown = [r["id"] for r in results if r["met"] is None]
    # 2022 chooses the regions "dengan memperhatikan" its criteria: considerations, not conditions.
    binding = all(c["values"][str(year)].get("binding", True) for c in criteria)
    return {
        "format": "dak-eligibility/1",
        "year": year,
        "binding": binding,
        "criteria": results,
        "eligible": not unmet and not unknown,
        "unmet": unmet,
        "unanswered": unknown,
        "status": _eligibility_status(binding, unmet, unknown),
        "verdict": _eligibility_verdict(year, binding, [r for r in results if r["met"] is False], unknown),
    }


def _eligibility_status(binding: bool, unmet: list[str], unknown: list[str]) -> str:
    """The verdict in one word, in the order the verdict's words take: a condition not met decides
    before an open question; considerations not met (2022) only weigh in the choice."""
    if unmet:
        return "unmet" if binding else "considered"
    return "unanswered" if unknown else "met"


def _eligibility_verdict(year: int, binding: bool, unmet: list[dict], unknown: list[str]) -> dict[str, str]:
    """The answer in words, as strong as the year's text: 'must meet' (2023) or 'having regard to' (2022)."""
    names = {lang: "; ".join(r["criterion"][lang] for r in unmet) for lang in LANGS}
    if unmet and binding:
        return {
            "id": f"Tidak memenuhi kriteria daerah penerima tahun {year}: {names['id']}.",
            "en": f"Does not meet the {year} recipient-region criteria: {names['en']}.",
        }
    if unmet:
        return {
            "id": (
                f"Kriteria tahun {year} adalah pertimbangan penentuan daerah penerima, bukan syarat; "
                f"yang tidak terpenuhi menjadi bahan pertimbangan kementerian: {names['id']}."
            ),
            "en": (
                f"The {year} criteria are considerations for choosing the recipient regions, not conditions; "
                f"those not met weigh in the ministry's choice: {names['en']}."
            ),
        }
    if unknown:
        return {
            "id": f"Belum dapat dinilai: {len(unknown)} pertanyaan belum dijawab.",
            "en": f"Cannot be judged yet: {len(unknown)} questions unanswered.",
        }
    return {
        "id": f"Memenuhi semua kriteria daerah penerima tahun {year}.",
        "en": f"Meets every recipient-region criterion of {year}.",
    }
