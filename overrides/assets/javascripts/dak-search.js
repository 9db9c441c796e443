// Pagefind's Default UI in Material's header (overrides/partials/search.html). pagefind-ui.js finds its
// bundle from its own URL and the results' base from the bundle's, so links work under any sub-path; it
// loads the index of the page's <html lang>, so results are in the reader's language only.
(() => {
  // Pagefind matches every word of a query as a prefix, so "menu B 2023" marked every word starting
  // with b. A word of one or two letters means itself: alone, it is searched exactly (a quoted term);
  // beside longer words it is dropped, as it would only add noise. Words with a digit (D3, S1) stay.
  const SHORT = /^[^\d\s"]{1,2}$/u;
  function shortWordsExact(query) {
    const words = query.trim().split(/\s+/).filter(Boolean);
    const long = words.filter((w) => !SHORT.test(w));
    if (long.length) return long.join(" ");
    return words.map((w) => `"${w}"`).join(" ");
  }
  const root = document.getElementById("dak-search");
  if (!root || typeof PagefindUI === "undefined") return;
  new PagefindUI({
    element: "#dak-search",
    // The search with the year filter meaning "applies to this year" (docs_plugins/pagefind/years.js),
    // as an absolute path: Pagefind imports it from its own script, not from this page.
    ...(root.dataset.bundle ? { bundlePath: new URL(root.dataset.bundle, document.baseURI).pathname } : {}),
    showImages: false,
    showSubResults: true, // the provisions of a long reading view, each with its anchor
    excerptLength: 20,
    // The two regulations are long pages that answer many questions; Pagefind's default penalty for
    // length (0.75) buries them under short pages that only mention a word ("report deadline").
    ranking: { pageLength: 0.4 },
    // The year filter (docs_plugins/pagefind), open from the start.
    openFilters: root.dataset.yearFilter ? [root.dataset.yearFilter] : [],
    processTerm: shortWordsExact,
  });
  // Pagefind names its field only by title and placeholder, which vanish as the reader types: the
  // same words as its accessible name ("Cari", "Search"), as Material's own search field has.
  const field = root.querySelector("input.pagefind-ui__search-input");
  if (field && !field.hasAttribute("aria-label")) {
    field.setAttribute("aria-label", field.getAttribute("placeholder") || "");
  }
  // The results panel is open while the search is in use: closed by Escape, a click elsewhere, or
  // following a result (which may be an anchor on the page already shown).
  const open = (yes) => root.classList.toggle("dak-search--open", yes);
  root.addEventListener("focusin", () => open(true));
  root.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      open(false);
      document.activeElement?.blur();
    }
  });
  root.addEventListener("click", (event) => {
    if (event.target.closest("a")) open(false);
  });
  document.addEventListener("click", (event) => {
    if (!root.contains(event.target)) open(false);
  });
  // "/" goes to the search field, as in Material, unless the reader is typing somewhere.
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.closest?.("input, textarea, select, [contenteditable]")) return;
    const input = root.querySelector("input");
    if (input) {
      event.preventDefault();
      input.focus();
    }
  });
})();
