"""dakcore reads only dakcore/data/rules.json: it must be exactly what rules/ compiles to, and the
compiler must refuse rules that do not match the law they cite (every broken-rules case, with its
exact message, is in tests/broken_content/cases.yml)."""

from __future__ import annotations

from pathlib import Path

from dakcore.rules import load_rules
from site_build.content.loader import load_content
from site_build.rules.compiler import COMPILED, RULES_DIR, compile_rules, render_json, write_compiled

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


def test_a_good_rules_file_compiles(tmp_path):
    (tmp_path / "rules.yml").write_text(GOOD, encoding="utf-8")
    assert len(compile_rules(content=CONTENT, only=[tmp_path / "rules.yml"])["rules"]) == 1


def test_rules_dir_is_where_we_think():
    assert Path(__file__).resolve().parents[1] / "rules" == RULES_DIR


def test_the_build_rewrites_the_compiled_rules_only_when_they_differ(tmp_path):
    data = compile_rules(content=CONTENT)
    target = tmp_path / "rules.json"
    target.write_text('{"format": "dak-rules/1", "rules": []}\n', encoding="utf-8")  # a stale copy
    assert write_compiled(data, target) is True
    assert target.read_text(encoding="utf-8") == render_json(data)
    assert write_compiled(data, target) is False
