// The form's controls: labelled inputs and selects, and reading what the reader typed. A value that
// is not a number is kept as typed: the engine then says exactly what is wrong with it, next to the
// field (never a silent loss).

import { describe, h, nextId, option, select } from "./dom.js";
import { VOCAB, t } from "./text.js";

export function readNumber(text, integer) {
  const compact = String(text).replace(/[\s\u00a0]/g, "");
  if (compact === "") return undefined;
  if (integer && /^\d{1,3}([.,]\d{3})+$/.test(compact)) return Number(compact.replace(/[.,]/g, ""));
  if (/^-?\d+$/.test(compact)) return Number(compact);
  if (/^-?\d*[.,]\d+$/.test(compact)) return Number(compact.replace(",", "."));
  return String(text).trim();
}

export function shown(value) {
  if (value === undefined || value === null) return "";
  if (typeof value === "number" || typeof value === "string") return String(value);
  return JSON.stringify(value);
}

// A select shows a value from a loaded file that is none of its options (a wrong type, an unknown id)
// as an extra option holding that very value, so the form shows what the file says.
export function setSelect(element, value, kind = "text") {
  if (value === undefined) {
    element.value = "";
    return;
  }
  const fits =
    (kind === "boolean" && typeof value === "boolean") ||
    (kind === "number" && typeof value === "number") ||
    (kind === "text" && typeof value === "string");
  if (fits && [...element.options].some((opt) => !opt.dataset.raw && opt.value === String(value))) {
    element.value = String(value);
    return;
  }
  const json = JSON.stringify(value);
  const extra = option(`raw:${json}`, t("unknownValue", { value: json }), true);
  extra.dataset.raw = json;
  element.append(extra);
  element.value = extra.value;
}

export function readSelect(element, kind = "text") {
  const chosen = element.selectedOptions[0];
  if (!chosen || chosen.value === "") return undefined;
  if (chosen.dataset.raw) return JSON.parse(chosen.dataset.raw);
  if (kind === "boolean") return chosen.value === "true";
  if (kind === "number") return Number(chosen.value);
  return chosen.value;
}

// Takes `item` off its list and the page, renumbers the rest and moves the focus to `next`, so the
// reader's place is not lost with the fieldset removed.
export function removeItem(items, item, renumber, next) {
  items.splice(items.indexOf(item), 1);
  item.element.remove();
  renumber();
  next.focus();
}

// A row's loaded value as the object its inputs show: a value that is no object is kept as it came
// (`row.raw`, the engine then says what is wrong), and keys the row has no input for are kept for
// saving (`row.extra`).
export function rowObject(row, value, keys) {
  const object = value && typeof value === "object" && !Array.isArray(value) ? value : {};
  row.raw = object === value ? undefined : value;
  row.extra = {};
  for (const [key, v] of Object.entries(object)) if (!keys.includes(key)) row.extra[key] = v;
  return object;
}

// The years to choose from (the rules' years unless given), the latest chosen.
export function yearSelect(years = VOCAB.years) {
  return select(nextId("year"), years.map((y) => option(y, y, y === years[years.length - 1])));
}

export function booleanSelect(id) {
  return select(id, [option("", t("notStated")), option("true", t("yes")), option("false", t("no"))]);
}

// One labelled control; `box` receives the engine's messages about it.
export function control(label, input, hint) {
  const box = h("div", { class: "dak-field-msgs", id: `${input.id}-msgs` });
  const hintElement = hint ? h("p", { class: "dak-hint", id: `${input.id}-hint` }, hint) : null;
  describe(input, hintElement && hintElement.id, box.id);
  return { element: h("div", { class: "dak-field" }, h("label", { for: input.id }, label), input, hintElement, box), box };
}

export function textInput(id, props = {}) {
  return h("input", { id, type: "text", class: "dak-input", autocomplete: "off", ...props });
}


// The input of the longest path in `map` that `path` starts with (at a '.' or '[' boundary).
export function route(map, path) {
  let best = null;
  for (const entry of map) {
    const key = entry[0];
    if (path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`)) {
      if (!best || key.length > best[0].length) best = entry;
    }
  }
  return best ? [best[1], best[2]] : null;
}
