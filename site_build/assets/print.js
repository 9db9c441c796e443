// "Print" one provision, or one activity's comparison table, alone on A4: it and the elements that
// hold it are marked, the print style sheet (handbook.css) hides everything else, and the marks go
// once the print dialog closes.
(function () {
  "use strict";
  var label = document.documentElement.lang === "en" ? "Print" : "Cetak";

  function addButtons(root) {
    root.querySelectorAll(".dak-unit[data-cite] > p > .dak-anchor").forEach(function (anchor) {
      var unit = anchor.closest(".dak-unit");
      if (unit.querySelector(":scope > p > .dak-print")) return;
      anchor.parentElement.appendChild(button(unit.getAttribute("data-cite")));
    });
    root.querySelectorAll("article table.dak-compare").forEach(function (table) {
      var previous = table.previousElementSibling;
      if (previous && previous.classList.contains("dak-print")) return;
      var heading = findHeading(table);
      var print = button(heading);
      print.classList.add("dak-print-table");
      table.before(print);
    });
  }

  function headingText(heading) {  // without its "¶" permalink
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (link) { link.remove(); });
    return copy.textContent.trim();
  }

  function findHeading(element) {
    var node = element;
    while (node && node.tagName !== "ARTICLE") {
      var sibling = node.previousElementSibling;
      while (sibling) {
        if (/^H[1-6]$/.test(sibling.tagName)) return headingText(document.querySelector("article h1")) + ": " + headingText(sibling);
        sibling = sibling.previousElementSibling;
      }
      node = node.parentElement;
    }
    return document.title;
  }

  function button(what) {
    var print = document.createElement("button");
    print.type = "button";
    print.className = "dak-cite dak-tool dak-print";
    print.textContent = label;
    print.setAttribute("aria-label", label + ": " + what);
    print.setAttribute("data-print-title", what);
    return print;
  }

  function clear() {
    document.body.classList.remove("dak-printing");
    document.querySelectorAll(".dak-print-path, .dak-print-target").forEach(function (node) {
      node.classList.remove("dak-print-path", "dak-print-target");
    });
  }

  document.addEventListener("click", function (event) {
    var print = event.target.closest && event.target.closest("button.dak-print");
    if (!print) return;
    clear();
    var target = print.classList.contains("dak-print-table") ? print.nextElementSibling : print.closest(".dak-unit");
    target.classList.add("dak-print-target");
    target.setAttribute("data-print-title", print.getAttribute("data-print-title"));
    for (var node = target.parentElement; node && node !== document.body; node = node.parentElement) {
      node.classList.add("dak-print-path");
    }
    document.body.classList.add("dak-printing");
    window.print();
  });
  window.addEventListener("afterprint", clear);

  function init() { addButtons(document); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
