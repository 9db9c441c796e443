"""The key facts of each activity per year (participants, ages, education, NIB, lesson hours or
duration, method mix, the people's education and experience), read from the compiled rules: one
reading for the activity pages' compact table, the page comparing all activities and its open data.
A fact is the rule values that state it, worded by rule_text (the same words as the rules tables)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dakcore.vocabulary import LANGS
from site_build.rule_text import allowed_in_words

# Each key fact: its name and the rules that state it, in the order a reader looks for them.
KEY_FACTS: tuple[dict[str, Any], ...] = (
    {"id": "participants", "name": {"id": "Jumlah peserta", "en": "Participants"},
     "rules": ("participants.count",)},
    {"id": "ages", "name": {"id": "Usia peserta", "en": "Participants' ages"},
     "rules": ("participants.ages",)},
    {"id": "participant_education", "name": {"id": "Pendidikan peserta", "en": "Participants' education"},
     "rules": ("participant.education",)},
    {"id": "nib", "name": {"id": "NIB peserta", "en": "Participants' NIB"},
     "rules": ("participant.nib",)},
    {"id": "length", "name": {"id": "JPL atau jangka waktu", "en": "Lesson hours (JPL) or duration"},
     "rules": ("jpl.training", "jpl.business_process_training", "duration.months")},
    {"id": "method", "name": {"id": "Komposisi metode", "en": "Method mix"},
     "rules": ("method.mix", "method.upt_operator_training")},
    {"id": "visits", "name": {"id": "Kunjungan dan pendampingan", "en": "Visits and mentoring"},
     "rules": ("visits.per_ikm_per_week", "visits.per_month", "visits.per_ikm_total",
               "mentoring.ikm_per_mentor")},
    {"id": "people_education",
     "name": {"id": "Pendidikan narasumber/instruktur/pendamping", "en": "Education of those who teach"},
     "rules": ("experts.education",)},
    {"id": "people_experience",
     "name": {"id": "Pengalaman narasumber/instruktur/pendamping", "en": "Experience of those who teach"},
     "rules": ("experts.experience", "experts.certificate")},
)  # fmt: skip

YEARS = ("2022", "2023")


def key_facts(
    rules: Mapping[str, Any], activity: Mapping[str, Any], categories: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Per key fact, per year of the regulations: `absent` (no such activity that year), or the list
    of its values (empty: the year sets no requirement the rules hold), each worded in both languages
    with the rule's title and its sources."""
    by_id = {rule["id"]: rule for rule in rules["rules"]}
    out = []
    for fact in KEY_FACTS:
        years: dict[str, Any] = {}
        for year in YEARS:
            if year not in activity["years"]:
                years[year] = "absent"
                continue
            values = []
            for rule_id in fact["rules"]:
                rule = by_id.get(rule_id)
                for value in rule["values"] if rule else ():
                    if str(value["year"]) == year and activity["id"] in value["activities"]:
                        values.append(
                            {
                                "rule": rule_id,
                                "title": rule["title"],
                                "text": {
                                    lang: allowed_in_words(rule["check"], value, lang, categories)
                                    for lang in LANGS
                                },
                                "sources": [
                                    {k: s[k] for k in ("regulation", "unit", "citation")}
                                    for s in value["sources"]
                                ],
                            }
                        )
            years[year] = values
        out.append(
            {"id": fact["id"], "name": fact["name"], "years": years, "rules_count": len(fact["rules"])}
        )
    return out
