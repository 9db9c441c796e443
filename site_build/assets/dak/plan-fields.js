// The fields of one activity, built from the vocabulary's field specs: each field as inputs that read
// into plan JSON and fill from it, and a map from field paths to their inputs for the engine's words.

import { h, nextId, option, select } from "./dom.js";
import { booleanSelect, control, readNumber, readSelect, removeItem, rowObject, setSelect, shown, textInput } from "./controls.js";
import { VOCAB, fill, pick, t } from "./text.js";

export const PLAN_FORMAT = "dak-plan/1";

export class ActivityFields {
  constructor(form, categories) {
    this.form = form; // {fields, hints, field_years}
    this.categories = categories;
    this.parts = [];
    this.element = h("div", { class: "dak-fields" });
    for (const name of form.fields || []) {
      const part = this.build(name);
      if (part) {
        this.parts.push(part);
        this.element.append(part.element);
      }
    }
  }

  hint(name) {
    if (VOCAB.fields[name]?.type === "budget") return t("budgetHint");
    const titles = [...new Set((this.form.hints?.[name] || []).map(pick))];
    const years = this.form.field_years?.[name] || [];
    let text = titles.length ? t("checkedBy", { rules: titles.join("; ") }) : "";
    if (years.length === 1) text = `${text} ${t("onlyYear", { year: years[0] })}`.trim();
    return text || null;
  }

  // The inputs of a field follow its spec's type (a field the vocabulary does not know is left out).
  build(name) {
    const spec = VOCAB.fields[name];
    switch (spec?.type) {
      case "integer":
        return this.number(name, true);
      case "number":
        return this.number(name, false);
      case "ages":
        return this.ages(name);
      case "boolean":
        return this.boolean(name);
      case "parts":
        return this.group(name, Object.keys(spec.parts), spec.part_type === "integer");
      case "people":
        return this.rows(name, "addPerson", (row) => this.person(row));
      case "budget":
        return this.rows(name, "addBudget", (row) => this.budgetLine(row));
      default:
        return null;
    }
  }

  number(name, integer) {
    const input = textInput(nextId(name), { inputmode: integer ? "numeric" : "decimal", "data-path": name });
    const { element, box } = control(t(name), input, this.hint(name));
    return {
      name,
      element,
      read(out, map) {
        const value = readNumber(input.value, integer);
        if (value !== undefined) out[name] = value;
        map.push([name, input, box]);
      },
      fill(value) {
        input.value = shown(value);
      },
    };
  }

  ages(name) {
    const input = textInput(nextId(name), { inputmode: "numeric", placeholder: "19, 23, 31", "data-path": name });
    const { element, box } = control(t(name), input, this.hint(name));
    return {
      name,
      element,
      read(out, map) {
        const words = input.value.split(/[\s,;]+/).filter(Boolean);
        if (words.length) out[name] = words.map((word) => readNumber(word, true));
        map.push([name, input, box]);
      },
      fill(value) {
        input.value = Array.isArray(value) ? value.map(shown).join(", ") : shown(value);
      },
    };
  }

  boolean(name) {
    const input = booleanSelect(nextId(name));
    input.dataset.path = name;
    const { element, box } = control(t(name), input, this.hint(name));
    return {
      name,
      element,
      read(out, map) {
        const value = readSelect(input, "boolean");
        if (value !== undefined) out[name] = value;
        map.push([name, input, box]);
      },
      fill(value) {
        setSelect(input, value, "boolean");
      },
    };
  }

  group(name, keys, integer) {
    const legendId = nextId(name);
    const box = h("div", { class: "dak-field-msgs", id: `${legendId}-msgs` });
    const hint = this.hint(name);
    const inputs = {};
    const controls = keys.map((key) => {
      const input = textInput(nextId(key), { inputmode: integer ? "numeric" : "decimal", "data-path": `${name}.${key}` });
      inputs[key] = control(t(key), input);
      return inputs[key].element;
    });
    const fieldset = h(
      "fieldset",
      { class: "dak-group", "aria-describedby": box.id },
      h("legend", { id: legendId }, t(name)),
      hint ? h("p", { class: "dak-hint" }, hint) : null,
      h("div", { class: "dak-grid" }, controls),
      box,
    );
    let extra = {};
    return {
      name,
      element: fieldset,
      read(out, map) {
        const value = { ...extra };
        for (const key of keys) {
          const read = readNumber(inputs[key].element.querySelector("input").value, integer);
          if (read !== undefined) value[key] = read;
          map.push([`${name}.${key}`, inputs[key].element.querySelector("input"), inputs[key].box]);
        }
        if (Object.keys(value).length) out[name] = value;
        map.push([name, fieldset.querySelector("input"), box]);
      },
      fill(value) {
        extra = {};
        const object = value && typeof value === "object" && !Array.isArray(value) ? value : {};
        for (const key of keys) inputs[key].element.querySelector("input").value = shown(object[key]);
        for (const [key, v] of Object.entries(object)) if (!keys.includes(key)) extra[key] = v;
      },
    };
  }

  // A list of rows (instructors, budget lines) with add and remove buttons.
  rows(name, addLabel, buildRow) {
    const rowLabel = (n) => fill(VOCAB.fields[name].row, { n });
    const legendId = nextId(name);
    const box = h("div", { class: "dak-field-msgs", id: `${legendId}-msgs` });
    const list = h("div", { class: "dak-rows" });
    const rows = [];
    const hint = this.hint(name);
    const renumber = () => {
      rows.forEach((row, index) => {
        row.legend.textContent = rowLabel(index + 1);
        row.removeButton.textContent = t("remove");
        row.removeButton.setAttribute("aria-label", t("removeRow", { what: rowLabel(index + 1) }));
      });
    };
    const add = (value, focus = false) => {
      const row = { legend: h("legend", {}), extra: {} };
      const inner = buildRow(row);
      row.removeButton = h("button", { type: "button", class: "dak-button dak-remove" });
      row.element = h("fieldset", { class: "dak-row" }, row.legend, h("div", { class: "dak-grid" }, inner), row.removeButton, row.box);
      row.removeButton.addEventListener("click", () => removeItem(rows, row, renumber, addButton));
      rows.push(row);
      list.append(row.element);
      if (value !== undefined) row.fill(value);
      renumber();
      if (focus) row.element.querySelector("input, select")?.focus();
      return row;
    };
    const addButton = h("button", { type: "button", class: "dak-button dak-add" }, t(addLabel));
    addButton.addEventListener("click", () => add(undefined, true));
    const fieldset = h(
      "fieldset",
      { class: "dak-group dak-list", "aria-describedby": box.id },
      h("legend", { id: legendId }, t(name)),
      hint ? h("p", { class: "dak-hint" }, hint) : null,
      list,
      addButton,
      box,
    );
    return {
      name,
      element: fieldset,
      read(out, map) {
        const values = [];
        for (const row of rows) {
          const value = row.read();
          if (value === undefined) continue;
          const at = `${name}[${values.length}]`;
          values.push(value);
          map.push([at, row.element.querySelector("input, select"), row.box]);
          for (const [key, input, fieldBox] of row.targets) map.push([`${at}.${key}`, input, fieldBox]);
        }
        if (values.length) out[name] = values;
        map.push([name, addButton, box]);
      },
      fill(value) {
        rows.splice(0).forEach((row) => row.element.remove());
        if (Array.isArray(value)) value.forEach((item) => add(item));
      },
    };
  }

  person(row) {
    const role = select(nextId("role"), [option("", t("notStated")), Object.entries(VOCAB.roles).map(([id, name]) => option(id, pick(name)))]);
    const education = select(nextId("education"), [option("", t("notStated")), VOCAB.education_levels.map((e) => option(e, e))]);
    const experience = textInput(nextId("experience"), { inputmode: "decimal" });
    const nib = booleanSelect(nextId("nib"));
    const certificate = booleanSelect(nextId("certificate"));
    const parts = {
      role: control(t("role"), role),
      education: control(t("education"), education),
      experience_years: control(t("experience_years"), experience),
      business_actor_with_nib: control(t("business_actor_with_nib"), nib),
      certificate: control(t("certificate"), certificate),
    };
    row.box = h("div", { class: "dak-field-msgs" });
    row.targets = [
      ["role", role, parts.role.box],
      ["education", education, parts.education.box],
      ["experience_years", experience, parts.experience_years.box],
      ["business_actor_with_nib", nib, parts.business_actor_with_nib.box],
      ["certificate", certificate, parts.certificate.box],
    ];
    row.read = () => {
      const value = { ...row.extra };
      const set = (key, v) => v !== undefined && (value[key] = v);
      if (row.raw !== undefined && !role.value && !education.value && !experience.value && !nib.value && !certificate.value) return row.raw;
      set("role", readSelect(role));
      set("education", readSelect(education));
      set("experience_years", readNumber(experience.value, false));
      set("business_actor_with_nib", readSelect(nib, "boolean"));
      set("certificate", readSelect(certificate, "boolean"));
      return Object.keys(value).length ? value : undefined;
    };
    row.fill = (value) => {
      const object = rowObject(row, value, Object.keys(parts));
      setSelect(role, object.role);
      setSelect(education, object.education);
      experience.value = shown(object.experience_years);
      setSelect(nib, object.business_actor_with_nib, "boolean");
      setSelect(certificate, object.certificate, "boolean");
    };
    return Object.values(parts).map((part) => part.element);
  }

  budgetLine(row) {
    const category = select(nextId("category"), [
      option("", t("choose")),
      this.categories.map((c) => option(c.id, `${pick(c.name)} (${c.id})`)),
    ]);
    const amount = textInput(nextId("amount"), { inputmode: "numeric", placeholder: "12.000.000" });
    const parts = { category: control(t("category"), category), amount: control(t("amount"), amount) };
    row.box = h("div", { class: "dak-field-msgs" });
    row.targets = [
      ["category", category, parts.category.box],
      ["amount", amount, parts.amount.box],
    ];
    row.read = () => {
      const value = { ...row.extra };
      if (row.raw !== undefined && !category.value && !amount.value) return row.raw;
      const chosen = readSelect(category);
      const sum = readNumber(amount.value, true);
      if (chosen !== undefined) value.category = chosen;
      if (sum !== undefined) value.amount = sum;
      return Object.keys(value).length ? value : undefined;
    };
    row.fill = (value) => {
      const object = rowObject(row, value, Object.keys(parts));
      setSelect(category, object.category);
      amount.value = shown(object.amount);
    };
    return Object.values(parts).map((part) => part.element);
  }

  // {values, map}: the plan fields as JSON, and [path, input, box] for every input.
  read() {
    const values = {};
    const map = [];
    for (const part of this.parts) part.read(values, map);
    return { values, map };
  }

  fill(activity) {
    for (const part of this.parts) part.fill(activity[part.name]);
  }

  has(name) {
    return this.parts.some((part) => part.name === name);
  }
}
