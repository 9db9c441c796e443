// Building the page: elements are made from data; strings only ever become text nodes or attribute
// values (never markup), so nothing the reader enters or the engine says can run as script.

import { locale } from "./text.js";

export const MAX_FILE = 50 * 1024 * 1024; // a larger file is refused before it is read

let serial = 0;
export const nextId = (prefix) => `dak-${prefix}-${++serial}`;

export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") element.textContent = value;
    else if (key === "class") element.className = value;
    else if (key.startsWith("on") && typeof value === "function") element.addEventListener(key.slice(2), value);
    else if (key === "value" || key === "checked" || key === "selected") element[key] = value;
    else element.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

// Replaces an element's children (arrays flattened; null, undefined and false left out).
export function put(parent, ...children) {
  parent.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}

export function option(value, label, selected = false) {
  return h("option", { value, selected }, label);
}

export function select(id, options, props = {}) {
  return h("select", { id, class: "dak-input", ...props }, options);
}

export function describe(input, ...ids) {
  const all = new Set((input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean));
  ids.filter(Boolean).forEach((id) => all.add(id));
  if (all.size) input.setAttribute("aria-describedby", [...all].join(" "));
}

export function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function formatDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!match) return iso || "";
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  try {
    return new Intl.DateTimeFormat(locale(), { dateStyle: "long", timeZone: "UTC" }).format(date);
  } catch {
    return iso;
  }
}

export function errorText(error) {
  return (error && (error.message || String(error))) || "?";
}
