// "Share" beside copy-citation on every provision: the device's share sheet (Web Share API) where
// there is one; otherwise a WhatsApp link and the text to paste. The page itself sends nothing: the
// WhatsApp link is a plain link the reader chooses to follow, the text is in the page.
(function () {
  "use strict";
  var en = document.documentElement.lang === "en";
  var labels = en
    ? { share: "Share", whatsapp: "Send with WhatsApp", text: "Text to paste", group: "Share this provision" }
    : { share: "Bagikan", whatsapp: "Kirim lewat WhatsApp", text: "Teks untuk ditempel", group: "Bagikan ketentuan ini" };
  var FIRST_WORDS = 12;

  function firstWords(unit) {
    var lead = unit.querySelector(":scope > p");
    if (!lead) return "";
    var copy = lead.cloneNode(true);
    copy.querySelectorAll("button, .dak-anchor").forEach(function (node) { node.remove(); });
    var words = copy.textContent.trim().split(/\s+/);
    return words.slice(0, FIRST_WORDS).join(" ") + (words.length > FIRST_WORDS ? " …" : "");
  }

  // The formal citation, the provision's first words and its link: what a reader pastes into a chat.
  function shareText(unit) {
    var link = location.href.split("#")[0] + "#" + unit.id;
    return unit.getAttribute("data-cite") + "\n“" + firstWords(unit) + "”\n" + link;
  }

  function addButtons(root) {
    root.querySelectorAll(".dak-unit[data-cite] > p > .dak-anchor").forEach(function (anchor) {
      var unit = anchor.closest(".dak-unit");
      if (unit.querySelector(":scope > p > .dak-share")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "dak-cite dak-tool dak-share";
      button.textContent = labels.share;
      button.setAttribute("aria-label", labels.share + ": " + unit.getAttribute("data-cite"));
      button.setAttribute("aria-expanded", "false");
      var after = anchor.parentElement.querySelector("button.dak-cite:not(.dak-tool)") || anchor;
      after.after(button);
    });
  }

  function panelFor(unit, text) {
    var panel = document.createElement("div");
    panel.className = "dak-share-panel";
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-label", labels.group);
    var line = document.createElement("p");
    var link = document.createElement("a");
    link.href = "https://wa.me/?text=" + encodeURIComponent(text);
    link.rel = "noopener noreferrer";
    link.target = "_blank";
    link.className = "dak-share-whatsapp";
    link.textContent = labels.whatsapp;
    line.appendChild(link);
    var label = document.createElement("label");
    label.textContent = labels.text;
    var area = document.createElement("textarea");
    area.readOnly = true;
    area.className = "dak-share-text";
    area.value = text;
    label.appendChild(area);
    panel.append(line, label);
    return panel;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.dak-share");
    if (!button) return;
    var unit = button.closest(".dak-unit");
    var text = shareText(unit);
    if (navigator.share) {
      navigator.share({ title: unit.getAttribute("data-cite"), text: text }).catch(function () {});
      return;
    }
    var lead = button.parentElement;
    var open = lead.nextElementSibling && lead.nextElementSibling.classList.contains("dak-share-panel");
    if (open) {
      lead.nextElementSibling.remove();
    } else {
      lead.after(panelFor(unit, text));
      lead.nextElementSibling.querySelector("textarea").select();
    }
    button.setAttribute("aria-expanded", open ? "false" : "true");
  });

  function init() { addButtons(document); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
