// The findings view: counts per level, where a finding is (in the reader's words), one finding with
// its provision, reading note and dispute, the years side by side and the comparison by field.

import { h } from "./dom.js";
import { VOCAB, fill, lang, levelNames, locale, pick, t, vocabLabel } from "./text.js";

export function countsText(findings) {
  const counts = {};
  for (const f of findings) counts[f.level] = (counts[f.level] || 0) + 1;
  return levelCountsText(counts);
}

// {level: how many} in words ("2 tidak boleh, 1 perlu persetujuan"), or "no findings".
export function levelCountsText(counts) {
  const parts = levelNames().filter((level) => counts[level]).map((level) => fill(VOCAB.levels[level].count, { n: counts[level] }));
  return parts.length ? parts.join(", ") : t("noFindings");
}

export function summaryText(findings, years) {
  return years
    .map((year) => t("summaryYear", { year, counts: countsText(findings.filter((f) => String(f.year) === String(year))) }))
    .join("; ");
}

// One checker's findings as the reader sees them; `home` is the root of the page's language, where
// the provisions' pages are.
export class FindingsView {
  constructor(home) {
    this.home = home;
  }

  link(source) {
    const href = `${this.home}peraturan/${encodeURIComponent(source.regulation)}/#${encodeURIComponent(source.unit)}`;
    const label = lang === "en" ? source.citation?.en : source.citation?.short || source.citation?.id;
    return h("a", { href, class: "dak-source-link" }, label || source.unit);
  }

  sourceBlock(source) {
    if (!source) return null;
    return h("div", { class: "dak-source" }, h("p", {}, this.link(source)), this.quote(source));
  }

  // The provision's authoritative Indonesian words; on English pages, beside them, the unofficial
  // English of the paragraph they are taken from (dakcore's `quote_en`, from the content).
  quote(source) {
    if (!source?.quote) return null;
    const english = lang === "en" && source.quote_en;
    return [
      english ? h("p", { class: "dak-authoritative-label" }, t("authoritative")) : null,
      h("blockquote", { class: "dak-quote", lang: "id", "aria-label": t("quoteLabel") }, source.quote),
      english
        ? h("p", { class: "dak-translation", lang: "en" }, h("span", { class: "dak-translation-label" }, t("unofficialTranslation")), " ", english)
        : null,
    ];
  }

  // A value the check read, in the reader's words: a budget category by its name, yes/no, a number
  // the locale's way, an empty field as "not stated".
  inputValue(input) {
    const value = input.value;
    if (input.value_label) return pick(input.value_label);
    if (value === null || value === undefined || value === "") return t("notStated");
    if (typeof value === "boolean") return t(value ? "yes" : "no");
    if (typeof value === "number") return new Intl.NumberFormat(locale()).format(value);
    if (typeof value === "string") return VOCAB.roles[value] ? pick(VOCAB.roles[value]) : value;
    return JSON.stringify(value);
  }

  // How the finding was reached (dakcore's trace): what was read, the rule of the year, the
  // comparison, whom it binds, the level and the text's words for it, and the provision. The reading
  // note, the disputed reading and the quote stay above, always in view.
  explanation(trace) {
    if (!trace) return null;
    return h("details", { class: "dak-explanation" }, h("summary", {}, t("explainSummary")), this.traceList(trace));
  }

  // An explanation whose trace is asked for only when the reader opens it (`load()` -> the trace),
  // for long lists (a participant list's rows), where tracing every finding up front would cost.
  lazyExplanation(load) {
    const details = h("details", { class: "dak-explanation" }, h("summary", {}, t("explainSummary")));
    details.addEventListener("toggle", () => {
      if (!details.open || details.dataset.asked) return;
      details.dataset.asked = "true";
      const waiting = h("p", { class: "dak-hint" }, t("checking"));
      details.append(waiting);
      Promise.resolve()
        .then(load)
        .then((trace) => waiting.replaceWith(trace ? this.traceList(trace) : ""))
        .catch((error) => {
          waiting.textContent = t("callFailed", { detail: error?.message || String(error) });
          delete details.dataset.asked;
        });
    });
    return details;
  }

  // The trace as a list of terms: what was read, the rule, the comparison, whom it binds, the level.
  traceList(trace) {
    const row = (term, ...details) => [h("dt", {}, term), details.filter(Boolean).map((d) => h("dd", {}, d))];
    const route = trace.level?.route;
    const routeEnglish = route && lang === "en" && route.quote_en
      ? h("span", { class: "dak-translation", lang: "en" }, h("span", { class: "dak-translation-label" }, t("unofficialTranslation")), " ", route.quote_en)
      : null;
    return h(
      "dl",
      { class: "dak-trace" },
      trace.inputs?.length ? row(t("explainRead"), ...trace.inputs.map((i) => `${pick(i.label)}: ${this.inputValue(i)}`)) : null,
      trace.rule ? row(t("explainRule", { year: trace.rule.year }), pick(trace.rule.title)) : null,
      row(t("explainComparison"), h("span", { class: "dak-comparison-words" }, pick(trace.comparison_words)), trace.counted ? pick(trace.counted.words) : null),
      trace.roles ? row(t("explainBinds"), pick(trace.roles.words)) : null,
      trace.level ? row(t("explainLevel"), `${pick(trace.level.label)}: ${pick(trace.level.why)}`, routeEnglish) : null,
      trace.provision ? row(t("explainProvision"), this.link(trace.provision)) : null,
    );
  }

  finding(finding) {
    return h(
      "li",
      {
        class: `dak-finding dak-level-${finding.level}`,
        "data-year": finding.year,
        "data-level": finding.level,
        "data-rule": finding.rule,
        "data-field": finding.field,
        "data-activity-index": finding.activity_index,
      },
      h("p", { class: "dak-finding-head" },
        h("span", { class: "dak-badge" }, t(finding.level)),
        finding.field ? h("span", { class: "dak-where" }, t("fieldWhere", { field: pick(finding.where) })) : null),
      h("p", { class: "dak-finding-message" }, pick(finding.message)),
      finding.disputed ? h("p", { class: "dak-disputed" }, t("disputed", { note: pick(finding.disputed) })) : null,
      finding.note ? h("p", { class: "dak-hint dak-reading-note" }, t("readingNote", { note: pick(finding.note) })) : null,
      this.sourceBlock(finding.source),
      this.explanation(finding.trace),
    );
  }

  // Findings of each year side by side (one column per year). Each column is a region a screen
  // reader can jump to; `context` (the plan's "Kegiatan 2") keeps the regions' names apart when a
  // page has one pair of columns per activity.
  yearColumns(findings, years, headingLevel, context = "") {
    return h(
      "div",
      { class: `dak-years dak-years-${years.length}` },
      years.map((year) => {
        const own = findings.filter((f) => String(f.year) === String(year));
        const title = `${year} · ${VOCAB.regulations[year] || ""}`;
        return h(
          "section",
          { class: "dak-year", "aria-label": context ? `${context} · ${title}` : title },
          h(`h${headingLevel}`, {}, title),
          h("p", { class: "dak-year-summary" }, countsText(own)),
          own.length
            ? h("ul", { class: "dak-findings" }, own.map((f) => this.finding(f)))
            : h("p", { class: "dak-none" }, t("noFindingsUnder", { regulation: VOCAB.regulations[year] || year })),
        );
      }),
    );
  }

  comparisonTable(rows, years) {
    if (!rows || !rows.length || years.length < 2) return null;
    return h(
      "details",
      { class: "dak-comparison" },
      h("summary", {}, t("comparison")),
      h("div", { class: "dak-table-wrap" },
        h("table", {},
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("field")), years.map((y) => h("th", { scope: "col" }, String(y))))),
          h("tbody", {}, rows.map((row) =>
            h("tr", {},
              h("th", { scope: "row" }, pick(row.where)),
              years.map((y) => {
                const level = row.by_year?.[String(y)];
                return h("td", { class: `dak-level-${level}` }, level === "ok" ? t("ok") : vocabLabel(level) || level || "");
              }),
            ))))),
    );
  }
}
