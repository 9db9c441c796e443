// The handbook's own behaviour: "copy citation" on every provision. No inline handlers (CSP), no
// requests: the citation is in the page (data-cite), the link is this page's URL with the anchor.
(function () {
  "use strict";
  var labels = document.documentElement.lang === "en"
    ? { copy: "Copy citation", done: "Citation copied", failed: "Copy failed: select the text" }
    : { copy: "Salin sitasi", done: "Sitasi disalin", failed: "Gagal menyalin: pilih teksnya" };

  function citationOf(unit) {
    var url = location.href.split("#")[0] + "#" + unit.id;
    return unit.getAttribute("data-cite") + " — " + url;
  }

  function addButtons(root) {
    root.querySelectorAll(".dak-unit[data-cite] > p > .dak-anchor").forEach(function (anchor) {
      if (anchor.parentElement.querySelector("button.dak-cite:not(.dak-tool)")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "dak-cite";
      button.textContent = labels.copy;
      button.setAttribute("aria-label", labels.copy + ": " + anchor.closest(".dak-unit").getAttribute("data-cite"));
      anchor.after(button);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.dak-cite");
    if (!button || button.classList.contains("dak-tool")) return;
    var text = citationOf(button.closest(".dak-unit"));
    var status = document.getElementById("dak-status");
    function say(message) { if (status) status.textContent = message; button.textContent = message; }
    var done = function () { say(labels.done); setTimeout(function () { button.textContent = labels.copy; }, 2000); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { say(labels.failed); });
    } else {
      say(labels.failed);
    }
  });

  function init() {
    if (!document.getElementById("dak-status")) {
      var status = document.createElement("div");
      status.id = "dak-status";
      status.className = "dak-visually-hidden";
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    addButtons(document);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
