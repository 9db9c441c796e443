"""dakcore reads only dakcore/data/rules.json: it must be exactly what rules/ compiles to, and the
compiler must refuse rules that do not match the law they cite."""

from __future__ import annotations

from pathlib import Path

import pytest

from dakcore.rules import load_rules
from site_build.content.loader import ContentError, load_content
from site_build.rules.compiler import COMPILED, RULES_DIR, compile_rules, render_json

CONTENT = load_content()


def test_compiled_rules_are_in_sync_with_rules_yml():
    assert COMPILED.read_text(encoding="utf-8") == render_json(compile_rules(content=CONTENT)), (
        "dakcore/data/rules.json is out of date: run `.venv/bin/handbook compile-rules`"
    )


def test_every_value_cites_its_provision_with_a_quote():
    rules = load_rules()
    for rule_id, values in rules.values.items():
        for value in values:
            assert value.sources, rule_id
            for source in value.sources:
                assert source.quote and source.unit and source.citation["id"], rule_id


GOOD = """rules:
  - id: test.participants
    check: range
    field: participants
    title: {id: Peserta, en: Participants}
    messages:
      above: {id: "{value} > {max}", en: "{value} > {max}"}
    values:
      - activities: [pelatihan-manajemen-wirausaha]
        "2023":
          params: {max: 30}
          levels: {above: needs_approval}
          source:
            - unit: att_1__chp_II__sec_A__point_1__point_f
              quote: berjumlah 20–30 orang per kegiatan
"""

BROKEN = [
    ("quote: berjumlah 20–30", "quote: berjumlah 20–40", "rules.yml:15: rules[0].values[0].2023.source[0].quote: quote is not in the words of att_1__chp_II__sec_A__point_1__point_f (Permenperin 7/2023)"),
    ("unit: att_1__chp_II__sec_A__point_1__point_f", "unit: att_1__chp_II__sec_A__point_9", "rules.yml:14: rules[0].values[0].2023.source[0].unit: unknown unit 'att_1__chp_II__sec_A__point_9' in permenperin-7-2023"),
    ("[pelatihan-manajemen-wirausaha]", "[pelatihan-lain]", "rules.yml:9: rules[0].values[0].activities: unknown activity 'pelatihan-lain' (allowed: catalog ids)"),
    ("levels: {above: needs_approval}", "levels: {above: maybe}", "rules.yml:12: rules[0].values[0].2023.levels.above: 'maybe' is not allowed (allowed: error, needs_approval, needs_statement, warning)"),
    ("levels: {above: needs_approval}", "levels: {below: error}", "rules.yml:12: rules[0].values[0].2023.levels.below: outcome 'below' has no message (allowed: above)"),
    ("    field: participants\n", "    field: participants\n    feild: x\n", "rules.yml:2: rules[0]: unknown key 'feild'"),
    ("\"2023\":", "\"2022\":", "rules.yml:14: rules[0].values[0].2022.source[0].unit: unknown unit 'att_1__chp_II__sec_A__point_1__point_f' in permenperin-5-2022"),
]  # fmt: skip


def test_a_good_rules_file_compiles(tmp_path):
    (tmp_path / "rules.yml").write_text(GOOD, encoding="utf-8")
    assert len(compile_rules(content=CONTENT, only=[tmp_path / "rules.yml"])["rules"]) == 1


@pytest.mark.parametrize(
    ("old", "new", "expected"), BROKEN, ids=[b[2].split(": ", 2)[2][:40] for b in BROKEN]
)
def test_broken_rules_are_reported_with_file_and_line(tmp_path, old, new, expected):
    assert old in GOOD
    (tmp_path / "rules.yml").write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        compile_rules(rules_dir=tmp_path, content=CONTENT)
    messages = [str(p) for p in raised.value.problems]
    assert any(expected in m for m in messages), messages


def test_rules_dir_is_where_we_think():
    assert Path(__file__).resolve().parents[1] / "rules" == RULES_DIR
