// Pagefind's search as its Default UI calls it, with the year filter meaning "applies to this year".
// dak-pagefind writes two indexes: the bundle's own, of every page as it is, and the year index in this
// folder, of every page of one year and, for a page covering both years, each year's content apart
// (the page without the other year's sections, columns and redline words; docs_plugins/pagefind/
// years.py). It copies this file here as `pagefind.js`, where the UI loads its bundle from
// (overrides/assets/javascripts/dak-search.js). Without a year the search reads the pages as they
// are; with one year, the year index, so a hit in the other year's column or section is no hit. The
// count beside each year is the number of results that ticking it alone shows.
import * as pagefind from "../pagefind.js";

const byYear = pagefind.createInstance({ basePath: new URL("./", import.meta.url).pathname });

let loading = null;
// Pagefind counts only the filters whose index it has loaded: all of them, once.
const loaded = () => (loading ??= Promise.all([pagefind.filters(), byYear.filters()]));

// The years ticked, per filter: [[name, [values]]].
function chosen(filters) {
  return Object.entries(filters || {})
    .map(([name, values]) => [name, [values].flat()])
    .filter(([, values]) => values.length);
}

const oneYear = (years) => years.length > 0 && years.every(([, values]) => values.length === 1);
// Several years ticked: the pages that apply to any of them, each once.
const anyOf = (years) => Object.fromEntries(years.map(([name, values]) => [name, { any: values }]));

export async function search(term, options = {}) {
  await loaded();
  const years = chosen(options.filters);
  if (oneYear(years)) {
    const shown = await byYear.search(term, options);
    return shown && { ...shown, filters: shown.totalFilters };
  }
  const [shown, perYear] = await Promise.all([
    pagefind.search(term, { ...options, filters: anyOf(years) }),
    byYear.search(term, { ...options, filters: {} }),
  ]);
  if (!shown || !perYear) return shown;
  return { ...shown, filters: perYear.filters, totalFilters: perYear.totalFilters };
}

export async function preload(term, options = {}) {
  const years = chosen(options.filters);
  if (oneYear(years)) return byYear.preload(term, options);
  return pagefind.preload(term, { ...options, filters: anyOf(years) });
}

// The filter panel before any query: what each year holds.
export async function filters() {
  await loaded();
  return byYear.filters();
}

export async function options(settings) {
  await pagefind.options(settings);
  await byYear.options(settings);
}

export async function init() {
  await pagefind.init();
  await byYear.init();
}

export const mergeIndex = (...args) => pagefind.mergeIndex(...args);

export async function destroy() {
  loading = null;
  await byYear.destroy();
  await pagefind.destroy();
}
