// The 404 page's search field: its words go to the header's Pagefind search (dak-search.js), whose
// results open under the header, so the page needs no second search of its own.
(() => {
  const form = document.querySelector(".dak-not-found-search");
  if (!form) return;
  const words = new URLSearchParams(location.search).get("q") || location.pathname.split("/").filter(Boolean).pop() || "";
  const field = form.querySelector("input");
  if (!field.value) field.value = decodeURIComponent(words).replace(/[-_.]+/g, " ").replace(/\bhtml?\b/g, "").trim();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const search = document.querySelector("#dak-search input");
    if (!search) return;
    search.value = field.value;
    search.dispatchEvent(new Event("input", { bubbles: true }));
    search.focus();
  });
})();
