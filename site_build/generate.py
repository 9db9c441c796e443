"""Render content/ and the compiled rules into the handbook's docs tree (Markdown + HTML blocks).

The tree is generated, never edited by hand, and not committed. Indonesian pages are `name.md`,
English pages `name.en.md` (mkdocs-static-i18n's suffix structure). Files are written only when their
text changed, so `mkdocs serve` does not rebuild in a loop.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

import jinja2
import yaml

from dakcore.api import call as dak_call
from dakcore.plan import PLAN_FIELDS
from dakcore.rules import RuleSet
from dakcore.vocabulary import LANGS, REPORT
from site_build.compare import Comparisons
from site_build.content.citation import cite, printed_number
from site_build.content.crosswalk import Crosswalk
from site_build.content.loader import Content, Regulation, Unit, load_content
from site_build.key_facts import KEY_FACTS, key_facts
from site_build.og_image import og_image
from site_build.render import (
    GlossaryMarker,
    Renderer,
    disputed_readings,
    md_escape,
    plain,
    redline,
    unit_head,
)
from site_build.rule_text import date_in_words, route_places, value_in_words
from site_build.rules.compiler import compile_rules
from site_build.words import t

TEMPLATES = Path(__file__).parent / "templates"
ASSETS = Path(__file__).parent / "assets"
EXAMPLE_PLAN = Path(__file__).resolve().parents[1] / "examples" / "plan-2023.json"
# The checker pages (docs path without `.md`): the plan, a participant list, deadlines, a region.
CHECKERS = ("periksa-rencana", "periksa-peserta", "batas-waktu", "kelayakan")
# The plan fields a validator form can hold, in the order the form shows them (README: dak-plan/1).
FORM_FIELDS = PLAN_FIELDS

FIELD_NAMES = {
    "tujuan": ("Tujuan", "Objective"),
    "sasaran": ("Sasaran", "Target"),
    "tujuan_sasaran": ("Tujuan dan sasaran", "Objective and target"),
    "bentuk": ("Bentuk", "Form"),
    "metode": ("Metode", "Method"),
    "jangka_waktu": ("Jangka waktu", "Duration"),
    "tempat": ("Tempat", "Place"),
    "target_peserta": ("Target peserta", "Participants"),
    "narasumber": ("Narasumber", "Resource persons"),
    "instruktur": ("Instruktur", "Instructors"),
    "tenaga_pendamping": ("Tenaga pendamping", "Mentors"),
    "materi_pokok": ("Materi pokok", "Core material"),
    "keluaran": ("Keluaran", "Output"),
    "penyelenggara": ("Penyelenggara", "Organiser"),
}


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md_escape
    env.filters["config_json"] = _config_json
    env.globals.update(unit_head=unit_head, field_names=FIELD_NAMES, date_in_words=date_in_words, t=t)
    return env


def _years(rules: dict) -> dict[str, Any]:
    """The years the templates address, from the compiled rules (never a literal): YEARS in order (as
    text, the keys of the data), YEAR_NUMBERS, OLD and NEW (the first and the last, for the pages that
    say what changed) and SHORT (each year's regulation by its short name)."""
    years = sorted(rules["regulations"], key=int)
    return {
        "YEARS": years,
        "YEAR_NUMBERS": [int(year) for year in years],
        "OLD": years[0],
        "NEW": years[-1],
        "SHORT": {year: rules["regulations"][year]["short"] for year in years},
    }


def _config_json(data: Any) -> str:
    """JSON for a single-quoted HTML attribute: `<`, `>`, `&` and `'` as \\u escapes, never markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char in "<>&'":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def _write(path: Path, text: str, written: set[Path]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    written.add(path)


def _page_name(base: str, lang: str) -> str:
    return f"{base}.md" if lang == "id" else f"{base}.{lang}.md"


def editor_notes(content: Content) -> dict[str, dict[str, dict[str, str]]]:
    """content/editor-notes.yml: per regulation, the editor's note shown beside each unit it concerns.
    A note naming a unit the text does not have stops the build."""
    data = yaml.safe_load((content.root / "editor-notes.yml").read_text(encoding="utf-8"))
    out: dict[str, dict[str, dict[str, str]]] = {r: {} for r in content.regulations}
    for entry in data["notes"]:
        regulation = content.regulations[entry["regulation"]]
        for eid in entry["units"]:
            if eid not in regulation.by_eid:
                raise ValueError(f"content/editor-notes.yml: {regulation.id} has no unit {eid}")
            out[regulation.id][eid] = entry["note"]
    return out


def _editor_note(note: dict[str, str], lang: str) -> dict[str, str]:
    label = "Catatan editor" if lang == "id" else "Editor's note"
    text = f"<p><strong>{label}:</strong> {escape(note[lang])}</p>"
    return {"html": f'<aside class="dak-editor-note">{text}</aside>'}


def _reading_blocks(
    renderer: Renderer, landmarks: dict[str, dict[str, str]], notes: dict[str, dict[str, str]] | None = None
) -> list[dict[str, Any]]:
    """The reading view as a list of headings (for the table of contents, search's sub-results and
    links) and HTML blocks. Every chapter and section, Pasal, activity and lettered field gets a
    heading; so do the `landmarks` (the deadlines' provisions, the list of costs that may not be
    funded: eId -> their titles by language), or their ancestor where they sit deeper than <h6>."""
    regulation, lang = renderer.regulation, renderer.lang
    blocks: list[dict[str, Any]] = []
    named = {eid: titles for eid, titles in landmarks.items()}
    for eid in landmarks:
        # Too deep for a heading: its ancestor at <h6> instead; and the units between a landmark and
        # its chapter get headings too, or the landmark would be rendered whole inside one of them.
        parts = eid.split("__")[: MAX_HEADING_DEPTH + 1]
        for depth in range(1, len(parts) + 1):
            named.setdefault("__".join(parts[:depth]), {})

    def visit(unit: Unit, depth: int) -> None:
        structural = unit.kind in ("preface", "preamble", "body", "conclusions", "att", "chp") or (
            unit.kind == "sec" and unit.parent.count("__") <= 1 and unit.parent.startswith("att")
        )
        heading = depth <= MAX_HEADING_DEPTH and (
            (structural and (unit.children or unit.kind == "sec") and depth < 4)
            or unit.kind == "art"
            or bool(unit.activity)
            or bool(unit.field)
            or unit.eid in named
        )
        if heading:
            titles = named.get(unit.eid) or {}
            block = {"heading": _heading_title(unit, lang, titles), "level": depth + 2, "eid": unit.eid}
            blocks.append({**block, "weight": titles["weight"]} if "weight" in titles else block)
            marker = renderer.marker(unit.eid)
            if marker:
                blocks.append({"html": marker})
            if unit.text:
                blocks.append({"html": renderer.unit(_leaf(unit), anchors=False)})
            for child in unit.children:
                visit(child, depth + 1)
            if unit.wrap:
                blocks.append(
                    {"html": "\n".join(f"<p>{renderer.para(p)}</p>" for p in unit.wrap.paragraphs(lang))}
                )
        else:
            blocks.append({"html": renderer.unit(unit)})
        if notes and unit.eid in notes:
            blocks.append(_editor_note(notes[unit.eid], lang))

    for unit in regulation.units:
        visit(unit, 0)
    return blocks


# <h2> is a unit of depth 0; Markdown's deepest heading, <h6>, is depth 4.
MAX_HEADING_DEPTH = 4


def _heading_title(unit: Unit, lang: str, titles: dict[str, str]) -> str:
    """A heading that says what the unit is: its number and printed heading; a given title (an
    activity's name, 'Costs that may not be funded') where the text prints none; else the number with
    the first words of its text ("A. Peningkatan SDM dan daya saing IKM"), never a bare "A."."""
    head = unit_head(unit, lang)
    if unit.heading or unit.kind in ("art", "att"):  # "Pasal 3", "LAMPIRAN" are names enough
        return head
    if titles and titles.get(lang):
        return " ".join(p for p in (printed_number(unit.num, lang), titles[lang]) if p)
    if unit.text:
        first = unit.text.paragraphs(lang)[0]
        words = first.split(":")[0].split(",")[0].split()
        clause = " ".join(words[:10]) + (" …" if len(words) > 10 else "")
        return " ".join(p for p in (printed_number(unit.num, lang), clause) if p)
    return head or _section_name(unit, lang)


def reading_landmarks(content: Content, rules: dict[str, Any]) -> dict[str, dict[str, dict[str, str]]]:
    """Per regulation, the units a reader looks for by name and that get a heading of their own: each
    activity (its name from the catalog), each deadline's provision, the list of costs that may not be
    funded (the unit most forbidden-cost rules cite)."""
    out: dict[str, dict[str, dict[str, str]]] = {r: {} for r in content.regulations}
    names = {activity["id"]: activity["name"] for activity in content.catalog["activities"]}
    for regulation in content.regulations.values():
        for unit in regulation.walk():
            if unit.activity:
                out[regulation.id][unit.eid] = names[unit.activity]
    for deadline in rules["deadlines"]:
        for value in deadline["values"].values():
            for source in value["sources"]:
                out[source["regulation"]].setdefault(source["unit"], {})
    cited: dict[tuple[str, str], int] = {}
    for rule in rules["rules"]:
        if rule["check"] != "forbidden_category":
            continue
        for value in rule["values"]:
            for source in {(s["regulation"], s["unit"]) for s in value["sources"]}:
                cited[source] = cited.get(source, 0) + 1
    for (regulation_id, eid), count in cited.items():
        if count >= FORBIDDEN_LIST_CITED:
            # Weighted in search: the list answers "costs that may not be funded" before the activity
            # pages' rule tables, which only name each cost.
            out[regulation_id][eid] = {**dict(zip(LANGS, FORBIDDEN_LIST_TITLE, strict=True)), "weight": "10"}
    return out


# The list of costs that may not be funded is cited by every forbidden-cost rule of its year (the
# rules cite each item and the list); any unit cited this often is that list.
FORBIDDEN_LIST_CITED = 4
FORBIDDEN_LIST_TITLE = ("Pembiayaan yang tidak diperbolehkan", "Costs that may not be funded")


def legislation_json_ld(regulation: Regulation, lang: str) -> str:
    """schema.org `Legislation` of a reading view, from the regulation's JDIH metadata, as the text of a
    `<script type="application/ld+json">` data block (never run; `<` escaped so it cannot end the
    block). The English page is the Indonesian work's unofficial translation and says so; each links
    the other (URLs relative to the page, which JSON-LD resolves against it)."""
    meta = regulation.metadata
    root = "../../" if lang == "id" else "../../../"  # from peraturan/<id>/ or en/peraturan/<id>/
    indonesian = f"{root}peraturan/{regulation.id}/"
    english = f"{root}en/peraturan/{regulation.id}/"
    work = {
        "@type": "Legislation",
        "@id": meta["frbr_work"],
        "identifier": meta["frbr_work"],
        "legislationIdentifier": meta["singkatan"],
        "name": meta["judul"]["id"],
        "alternateName": meta["singkatan"],
        "legislationType": meta["jenis"],
        "legislationDate": str(meta["tanggal_penetapan"]),
        "datePublished": str(meta["tanggal_pengundangan"]),
        "legislationJurisdiction": "ID",
        "publisher": {"@type": "GovernmentOrganization", "name": meta["teu_badan"]},
        "inLanguage": "id",
        "legislationLegalForce": "https://schema.org/"
        + ("InForce" if meta["status"]["id"].startswith("Berlaku") else "NotInForce"),
        "url": indonesian,
    }
    translation = {
        "@type": "Legislation",
        "name": meta["judul"]["en"],
        "inLanguage": "en",
        "url": english,
        "description": f"Unofficial English translation of {meta['singkatan']}; only the Indonesian text is "
        "authoritative.",
        "translator": {"@type": "Organization", "name": "DAK Nonfisik IKM Centre Handbook"},
    }
    if lang == "id":
        data = {**work, "workExample": translation}
    else:
        data = {**translation, "translationOfWork": work}
    return _config_json({"@context": "https://schema.org", **data})


def contents_list(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The reading view's own contents list, one foldable group per chapter: each heading of the
    Lampiran's chapters and above opens a group holding the headings under it."""
    groups: list[dict[str, Any]] = []
    for block in blocks:
        if "heading" not in block:
            continue
        if block["level"] <= 3 or not groups:
            groups.append({**block, "items": []})
        else:
            groups[-1]["items"].append(block)
    return groups


def _leaf(unit: Unit) -> Unit:
    """The unit's own words without its heading or children (shown under a Markdown heading)."""
    from dataclasses import replace

    return replace(unit, eid=f"{unit.eid}__text", num=None, heading=None, children=[], wrap=None)


SECTION_NAMES = {
    "preface": ("Judul", "Title"),
    "preamble": ("Pembukaan", "Preamble"),
    "body": ("Batang tubuh", "Body"),
    "conclusions": ("Penutup", "Closing"),
    "att": ("Lampiran", "Annex"),
}


def _section_name(unit: Unit, lang: str) -> str:
    names = SECTION_NAMES.get(unit.kind, (unit.eid, unit.eid))
    return names[LANGS.index(lang)]


# The latest regulation's provisions that differ from the one before, with their redlines.
CHANGES_ONLY_PAGE = "peraturan/perubahan-saja.md"


def navigation(content: Content) -> list:
    """The site's navigation (section names are translated by mkdocs-static-i18n's nav_translations)."""
    regulations = sorted(content.regulations.values(), key=lambda r: r.year)
    menus = {m["id"]: m for m in content.catalog["menus"]}
    by_menu: dict[str, list[str]] = {}
    for activity in content.catalog["activities"]:
        by_menu.setdefault(activity["menu"], []).append(f"kegiatan/{activity['id']}.md")
    return [
        "index.md",
        {"Peraturan": [*(f"peraturan/{r.id}.md" for r in regulations), CHANGES_ONLY_PAGE]},
        {
            "Kegiatan": [
                "kegiatan/index.md",
                "kegiatan/fakta-kunci.md",
                *[p for menu in menus for p in by_menu.get(menu, [])],
            ]
        },
        {"Pemeriksa": [*(f"{name}.md" for name in CHECKERS), "laporan.md"]},
        "perubahan.md",
        {"Rujukan": ["glosarium.md", "sumber.md", "data.md"]},
    ]


def generate(docs_dir: Path, content: Content | None = None, rules: dict | None = None) -> int:
    """Write the whole docs tree (from `rules`, the compiled rules, if given); remove generated files
    that are no longer produced. Returns pages."""
    content = content or load_content()
    rules = rules or compile_rules(content=content)
    comparisons = Comparisons(content, Crosswalk(content))
    env = _environment()
    env.globals["value_in_words"] = functools.partial(value_in_words, categories=budget_categories(rules))
    env.globals.update(_years(rules))
    written: set[Path] = set()
    regulations = sorted(content.regulations.values(), key=lambda r: r.year)
    other_ids = {r.year: next(o.id for o in regulations if o is not r) for r in regulations}
    activities = rules["activities"]
    rules_by_activity: dict[str, list[dict]] = {}
    for rule in rules["rules"]:
        for value in rule["values"]:
            for activity in value["activities"]:
                bucket = rules_by_activity.setdefault(activity, [])
                if rule not in bucket:
                    bucket.append(rule)
    common = {"regulations": regulations, "activities": activities, "rules": rules, "content": content}
    checkers = validator_configs(rules)
    data_needs = activity_data_needs(rules)
    facts = checker_facts(content, rules)
    landmarks = reading_landmarks(content, rules)
    notes = editor_notes(content)
    all_facts = {
        "facts": [{"id": f["id"], "name": f["name"]} for f in KEY_FACTS],
        "activities": [
            {
                "id": a["id"],
                "name": a["name"],
                "years": a["years"],
                "facts": key_facts(rules, a, budget_categories(rules)),
            }
            for a in activities
        ],
    }
    data_files = _data_files(docs_dir, content, rules, written)  # the same files for both languages
    for lang in LANGS:
        page = {**common, "lang": lang}
        # The regulations' text appears on pages two folders deep (peraturan/<id>/, kegiatan/<id>/).
        renderers = {
            r.year: Renderer(
                r,
                lang,
                mark=GlossaryMarker(content, lang, "../../glosarium/"),
                readings=disputed_readings(rules, r.year),
                marker=functools.partial(
                    comparisons.marker, r.year, lang=lang, other_href=f"../{other_ids[r.year]}/"
                ),
            )
            for r in regulations
        }
        home = env.get_template("home.md.j2").render(page, **_paths(0, lang))
        _write(docs_dir / _page_name("index", lang), home, written)
        for regulation in regulations:
            blocks = _reading_blocks(
                renderers[regulation.year], landmarks[regulation.id], notes[regulation.id]
            )
            text = env.get_template("regulation.md.j2").render(
                page,
                regulation=regulation,
                blocks=blocks,
                contents=contents_list(blocks),
                json_ld=legislation_json_ld(regulation, lang),
                counts=comparisons.counts()[regulation.year],
                changes_only=CHANGES_ONLY_PAGE,
                latest=regulations[-1],
            )
            _write(docs_dir / "peraturan" / _page_name(regulation.id, lang), text, written)
        latest, previous = regulations[-1], regulations[0]
        _write(
            docs_dir / _page_name(CHANGES_ONLY_PAGE.removesuffix(".md"), lang),
            env.get_template("changes-only.md.j2").render(
                page,
                regulation=latest,
                previous=previous,
                changes=comparisons.changes(latest.year, lang, f"../{latest.id}/"),
                removed=[
                    change
                    for change in comparisons.changes(previous.year, lang, f"../{previous.id}/")
                    if change["status"] == "removed"
                ],
                counts=comparisons.counts()[latest.year],
            ),
            written,
        )
        _write(
            docs_dir / "kegiatan" / _page_name("index", lang),
            env.get_template("activities.md.j2").render(page),
            written,
        )
        for activity in activities:
            text = env.get_template("activity.md.j2").render(
                page,
                activity=activity,
                rows=_field_rows(content, activity, renderers),
                activity_rules=rules_by_activity.get(activity["id"], []),
                citations={
                    r.year: cite(r, r.by_eid[activity["years"][str(r.year)]["unit"]])[lang]
                    for r in regulations
                    if str(r.year) in activity["years"]
                },
                validator={"kind": "activity", **checkers["activity"][activity["id"]]},
                facts=key_facts(rules, activity, budget_categories(rules)),
                needs=data_needs[activity["id"]],
                **_paths(2, lang),
            )
            _write(docs_dir / "kegiatan" / _page_name(activity["id"], lang), text, written)
        for name in CHECKERS:
            text = env.get_template(f"{name}.md.j2").render(
                page, validator=checkers[name], facts=facts[name](lang), **_paths(1, lang)
            )
            _write(docs_dir / _page_name(name, lang), text, written)
        _write(
            docs_dir / _page_name("laporan", lang),
            env.get_template("laporan.md.j2").render(
                page, validator=report_config(rules), facts=report_outlines(rules, lang), **_paths(1, lang)
            ),
            written,
        )
        _write(
            docs_dir / "kegiatan" / _page_name("fakta-kunci", lang),
            env.get_template("key-facts.md.j2").render(page, table=all_facts, **_paths(2, lang)),
            written,
        )
        _write(
            docs_dir / _page_name("perubahan", lang),
            env.get_template("changes.md.j2").render(page, **_changes(content, rules, lang)),
            written,
        )
        _write(
            docs_dir / _page_name("glosarium", lang),
            env.get_template("glossary.md.j2").render(page, terms=_glossary(content, rules, lang)),
            written,
        )
        _write(
            docs_dir / _page_name("sumber", lang),
            env.get_template("sources.md.j2").render(page, corrections=_corrections(content)),
            written,
        )
        _write(
            docs_dir / _page_name("data", lang),
            env.get_template("data.md.j2").render(
                page,
                files=data_files,
                latest_frbr=regulations[-1].metadata["frbr_work"],
            ),
            written,
        )
    for path in ASSETS.rglob("*"):
        if path.is_file():
            _write(docs_dir / "assets" / path.relative_to(ASSETS), path.read_text(encoding="utf-8"), written)
    image = docs_dir / "assets" / "og.png"
    if not image.exists() or image.read_bytes() != og_image():
        image.write_bytes(og_image())
    written.add(image)
    for stale in [p for p in docs_dir.rglob("*") if p.is_file() and p not in written]:
        stale.unlink()
    return sum(1 for p in written if p.suffix == ".md")


def _paths(depth: int, lang: str) -> dict[str, str]:
    """Relative URLs from a page `depth` folders below its language's root: `root` is the site's root
    (the assets, the validators' runtime), `home` the root of the page's language (its pages)."""
    home = "../" * depth
    return {"root": home + ("" if lang == "id" else "../"), "home": home}


def activity_data_needs(rules: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Activity -> year -> the data its rules need (dakcore's `form`, as a checker would ask it)."""
    ruleset = RuleSet(rules)
    needs: dict[str, dict[str, Any]] = {}
    for activity in rules["activities"]:
        response = dak_call("form", {"activity": activity["id"]}, rules=ruleset)
        if not response["ok"]:
            raise ValueError(f"dakcore form {activity['id']}: {response['problems']}")
        needs[activity["id"]] = {year: entry["needs"] for year, entry in response["result"]["years"].items()}
    return needs


def validator_configs(rules: dict[str, Any]) -> dict[str, Any]:
    """What each validator's form needs before the engine runs, asked of the engine itself (dakcore's
    `form`, `activities` and `budget_categories`, as the browser would ask them) at build time, so a
    page can show its form at once and start Pyodide only when the reader uses it."""
    ruleset = RuleSet(rules)

    def ask(method: str, params: dict[str, Any] | None = None) -> Any:
        response = dak_call(method, params, rules=ruleset)
        if not response["ok"]:
            raise ValueError(f"dakcore {method} {params}: {response['problems']}")
        return response["result"]

    titles = {rule["id"]: rule["title"] for rule in rules["rules"]}
    categories = [{"id": c["id"], "name": c["name"]} for c in ask("budget_categories")]
    catalog = ask("activities")
    forms: dict[str, Any] = {}
    for activity in catalog:
        form = ask("form", {"activity": activity["id"]})
        reads: dict[str, dict[str, list[str]]] = {}  # field -> year -> the rules that read it
        for year, entry in form["years"].items():
            for field, rule_ids in entry["fields"].items():
                reads.setdefault(field, {})[year] = rule_ids
        unknown = set(reads) - set(FORM_FIELDS)
        if unknown:
            raise ValueError(f"{activity['id']}: the validator form has no input for {sorted(unknown)}")
        # Each field's hint names the rules that read it (their titles say what the field counts).
        hints = {field: sorted({r for ids in reads[field].values() for r in ids}) for field in reads}
        forms[activity["id"]] = {
            "activity": activity["id"],
            "name": activity["name"],
            "years": {
                year: f"{entry['menu']}.{entry['number']}" for year, entry in activity["years"].items()
            },
            "fields": [f for f in FORM_FIELDS if f in reads],
            "field_years": {f: sorted(reads[f]) for f in FORM_FIELDS if f in reads},
            "hints": {f: [titles[r] for r in hints[f] if r in titles] for f in FORM_FIELDS if f in reads},
        }
    example = json.loads(EXAMPLE_PLAN.read_text(encoding="utf-8")) if EXAMPLE_PLAN.exists() else None
    roster_activities = [
        {
            "activity": a["id"],
            "name": a["name"],
            "years": sorted(a["years"]),
            "checked": sorted(
                year for year in a["years"] if ruleset.values_for(int(year), a["id"], scope="participant")
            ),
        }
        for a in catalog
    ]
    criteria = {
        str(year): [
            {"id": c["id"], "question": c["question"]}
            for c in rules["eligibility"]
            if str(year) in c["values"]
        ]
        for year in ruleset.years
    }
    words = ask("vocabulary")  # every checker's form and results speak the engine's vocabulary
    return {
        "activity": {
            activity_id: {**form, "categories": categories, "vocabulary": words}
            for activity_id, form in forms.items()
        },
        "periksa-rencana": {
            "kind": "plan",
            "activities": list(forms.values()),
            "categories": categories,
            "example": example,
            "vocabulary": words,
        },
        "periksa-peserta": {"kind": "roster", "activities": roster_activities, "vocabulary": words},
        "batas-waktu": {"kind": "deadlines", "years": [str(y) for y in ruleset.years], "vocabulary": words},
        "kelayakan": {"kind": "eligibility", "criteria": criteria, "vocabulary": words},
    }


def report_outlines(rules: dict[str, Any], lang: str) -> dict[str, dict[str, Any]]:
    """Each year's report skeletons of a plan with no activities, asked of dakcore as the report page's
    script asks it: the outline the page shows before (or without) a plan."""
    ruleset = RuleSet(rules)
    out: dict[str, dict[str, Any]] = {}
    for year in ruleset.years:
        for kind in REPORT["kinds"]:
            params = {
                "plan": {"format": "dak-plan/1", "year": year, "activities": []},
                "kind": kind,
                "lang": lang,
            }
            response = dak_call("report", params, rules=ruleset)
            if not response["ok"]:
                raise ValueError(f"dakcore report {params}: {response['problems']}")
            out.setdefault(str(year), {})[kind] = response["result"]
    return out


def report_config(rules: dict[str, Any]) -> dict[str, Any]:
    """What the report page's script needs before the engine runs: the kinds and the example plan."""
    example = json.loads(EXAMPLE_PLAN.read_text(encoding="utf-8")) if EXAMPLE_PLAN.exists() else None
    return {"kind": "report", "kinds": REPORT["kinds"], "example": example}


def checker_facts(content: Content, rules: dict[str, Any]) -> dict[str, Callable[[str], Any]]:
    """What each checker page states before the reader enters anything, asked of dakcore at build time
    exactly as the browser's checker asks it (the deadlines of each year, the criteria of each year),
    so the facts are in the HTML: found by search, read without JavaScript or before the runtime loads."""
    ruleset = RuleSet(rules)

    def ask(method: str, params: dict[str, Any]) -> Any:
        response = dak_call(method, params, rules=ruleset)
        if not response["ok"]:
            raise ValueError(f"dakcore {method} {params}: {response['problems']}")
        return response["result"]

    def sources(items: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
        return [
            {**item, "sources": [source_view(content, s, lang) for s in item["sources"]]} for item in items
        ]

    def deadlines(lang: str) -> dict[str, Any]:
        return {
            year: sources(ask("deadlines", {"year": year, "lang": lang})["deadlines"], lang)
            for year in ruleset.years
        }

    def eligibility(lang: str) -> dict[str, Any]:
        return {
            year: sources(ask("eligibility", {"year": year, "answers": {}})["criteria"], lang)
            for year in ruleset.years
        }

    return {
        "batas-waktu": deadlines,
        "kelayakan": eligibility,
        "periksa-rencana": lambda lang: None,
        "periksa-peserta": lambda lang: None,
    }


def source_view(content: Content, source: dict[str, Any], lang: str) -> dict[str, Any]:
    """A rule's source as a page shows it: its citation linked to the provision, the authoritative
    Indonesian words, and on English pages the provision's unofficial English translation beside them."""
    regulation = content.regulations[source["regulation"]]
    unit = regulation.by_eid[source["unit"]]
    # The English of the paragraph quoted, as dakcore gives it to the checkers (the unit's whole
    # English only for a source compiled without it).
    english = (source.get("quote_en") or " ".join(plain(unit, "en").split())) if lang == "en" else ""
    return {
        "href": f"peraturan/{regulation.id}/#{unit.eid}",  # raw HTML: the built URL, not the .md
        "citation": source["citation"][lang],
        "quote": source["quote"],
        "english": english,
    }


def _field_rows(content: Content, activity: dict, renderers: dict[int, Renderer]) -> list[dict[str, Any]]:
    """One row per field of the rincian: 2022 and 2023 side by side, and the word-level redline."""
    lang = next(iter(renderers.values())).lang
    units = {r.year: r.activity_unit(activity["id"]) for r in content.regulations.values()}
    rows = []
    seen: set[tuple[int, str]] = set()
    for entry in content.crosswalk["fields"]:
        pair = {2022: entry.get("2022"), 2023: entry.get("2023")}
        cells, words = {}, {}
        for year, field in pair.items():
            unit = units.get(year)
            children = [c for c in unit.children if c.field == field] if unit and field else []
            if not children or (year, field) in seen:
                merged = (year, field) in seen  # shown in an earlier row (e.g. 2023 tujuan_sasaran)
                cells[year], words[year] = ("merged" if merged else None), ""
                continue
            seen.add((year, field))
            cells[year] = "\n".join(renderers[year].unit(c, anchors=False) for c in children)
            words[year] = " ".join(plain(c, lang) for c in children)
        if not ({cells[2022], cells[2023]} - {None, "merged"}):
            continue
        name = FIELD_NAMES[pair[2023] or pair[2022]][LANGS.index(lang)]
        if pair[2022] and pair[2023] and pair[2022] != pair[2023]:
            name = FIELD_NAMES[pair[2022]][LANGS.index(lang)] + " → " + name
        both = cells[2022] not in (None, "merged") and cells[2023] not in (None, "merged")
        rows.append(
            {
                "name": name,
                "cells": cells,
                "redline": redline(words[2022], words[2023]) if both and words[2022] != words[2023] else None,
                "same": bool(both) and words[2022] == words[2023],
            }
        )
    return rows


def budget_categories(rules: dict) -> dict[str, dict]:
    """The compiled rules' budget categories by id (their names, for rule values in words)."""
    return {category["id"]: category for category in rules["budget_categories"]}


def _changes(content: Content, rules: dict, lang: str) -> dict[str, Any]:
    """Everything the 'what changed' page lists, computed from the data (never written by hand)."""
    activities = rules["activities"]
    categories = budget_categories(rules)
    new = [a for a in activities if "2022" not in a["years"]]
    removed = [a for a in activities if "2023" not in a["years"]]
    moved = [
        a
        for a in activities
        if len(a["years"]) == 2 and a["years"]["2022"]["menu"] != a["years"]["2023"]["menu"]
    ]
    groups: dict[tuple, dict[str, Any]] = {}  # one row per rule and change, listing its activities
    for rule in rules["rules"]:
        for activity in activities:
            if len(activity["years"]) < 2:
                continue  # new in 2023: listed above, its rules are all new
            by_year = {str(v["year"]): v for v in rule["values"] if activity["id"] in v["activities"]}
            texts = {year: value_in_words(rule["check"], v, lang, categories) for year, v in by_year.items()}
            if texts.get("2022") == texts.get("2023"):
                continue
            key = (rule["id"], texts.get("2022"), texts.get("2023"))
            group = groups.setdefault(
                key, {"rule": rule, "values": by_year, "texts": texts, "activities": []}
            )
            group["activities"].append(activity)
    in_both = sum(1 for a in activities if len(a["years"]) == 2)
    changed_rules = [{**g, "everywhere": len(g["activities"]) == in_both} for g in groups.values()]
    notes = []
    for entry in content.crosswalk["units"]:
        if entry.get("note"):
            notes.append({"2022": entry.get("2022"), "2023": entry.get("2023"), "note": entry["note"][lang]})
    return {
        "new": new,
        "removed": removed,
        "moved": moved,
        "menus": content.catalog["menus"],
        "changed_rules": changed_rules,
        "deadlines": rules["deadlines"],
        "eligibility": rules["eligibility"],
        "notes": notes,
    }


def _data_files(docs_dir: Path, content: Content, rules: dict, written: set[Path]) -> list[dict[str, str]]:
    """The static API: JSON of the content and of the rules per year, with their schemas."""
    files = []
    for regulation in sorted(content.regulations.values(), key=lambda r: r.year):
        year = str(regulation.year)
        data = {
            "format": "dak-content/1",
            "regulation": regulation.id,
            "metadata": regulation.metadata,
            "units": [_unit_json(u) for u in regulation.units],
        }
        files.append(_data_file(docs_dir, f"content-{year}.json", data, written, "dak-content/1", year))
        year_rules = {
            **{
                k: v for k, v in rules.items() if k not in ("rules", "deadlines", "eligibility", "activities")
            },
            "year": regulation.year,
            "activities": [a for a in rules["activities"] if year in a["years"]],
            "rules": [
                {**r, "values": [v for v in r["values"] if str(v["year"]) == year]}
                for r in rules["rules"]
                if any(str(v["year"]) == year for v in r["values"])
            ],
            "deadlines": [d for d in rules["deadlines"] if year in d["values"]],
            "eligibility": [c for c in rules["eligibility"] if year in c["values"]],
        }
        files.append(_data_file(docs_dir, f"rules-{year}.json", year_rules, written, "dak-rules/1", year))
    files.append(_data_file(docs_dir, "rules.json", rules, written, "dak-rules/1", "2022, 2023"))
    key_facts_data = {
        "format": "dak-key-facts/1",
        "facts": [{"id": f["id"], "name": f["name"]} for f in KEY_FACTS],
        "activities": [
            {
                "id": a["id"],
                "name": a["name"],
                "facts": {
                    fact["id"]: {
                        year: None if entry == "absent" else entry for year, entry in fact["years"].items()
                    }
                    for fact in key_facts(rules, a, budget_categories(rules))
                },
            }
            for a in rules["activities"]
        ],
    }
    files.append(
        _data_file(docs_dir, "key-facts.json", key_facts_data, written, "dak-key-facts/1", "2022, 2023")
    )
    files.append(
        _data_file(docs_dir, "catalog.json", content.catalog, written, "catalog.schema.json", "2022, 2023")
    )
    for schema in sorted((content.root / "schema").glob("*.schema.json")):
        _write(docs_dir / "data" / "schema" / schema.name, schema.read_text(encoding="utf-8"), written)
    return files


def _data_file(
    docs_dir: Path, name: str, data: Any, written: set[Path], kind: str, years: str
) -> dict[str, str]:
    text = json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n"
    _write(docs_dir / "data" / name, text, written)
    return {"name": name, "kind": kind, "years": years, "size": f"{len(text.encode()) / 1024:.0f} KB"}


def _unit_json(unit: Unit) -> dict[str, Any]:
    out: dict[str, Any] = {"eid": unit.eid}
    for key in ("num", "field", "activity", "menu"):
        if getattr(unit, key):
            out[key] = getattr(unit, key)
    for key in ("heading", "text", "wrap"):
        text = getattr(unit, key)
        if text:
            out[key] = {"id": text.id, "en": text.en}
    if unit.corrections:
        out["corrections"] = unit.corrections
    if unit.children:
        out["children"] = [_unit_json(c) for c in unit.children]
    return out


def _glossary(content: Content, rules: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    terms = []
    for term in sorted(content.glossary.get("terms", []), key=lambda t: t["term"].lower()):
        refs = []
        for ref in term["refs"]:
            regulation_id, _, eid = ref.partition("#")
            regulation = content.regulations[regulation_id]
            refs.append(
                {
                    "href": f"peraturan/{regulation_id}.md#{eid}",
                    "label": cite(regulation, regulation.by_eid[eid])["short"],
                }
            )
        routes = {level: route_places(rules, level, lang) for level in term.get("routes", [])}
        terms.append({**term, "refs_out": refs, "routes_out": routes})
    return terms


def _corrections(content: Content) -> list[dict[str, Any]]:
    out = []
    for regulation in content.regulations.values():
        for unit in regulation.walk():
            for correction in unit.corrections:
                out.append(
                    {"regulation": regulation, "unit": unit, "citation": cite(regulation, unit), **correction}
                )
    return out
