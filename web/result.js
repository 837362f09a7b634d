// result.js — the assessment (galacta-assessment/1) for a parent: the
// triage banner first, then whether the baby gets enough milk (with the
// growth chart), the likely causes with probability bars and why, what to
// do, treatments a clinician may consider, medicines, sources and the
// disclaimer. Sources are numbered in the order of the "sources" list.

import * as api from "./api.js";
import { h, clear } from "./dom.js";
import { t } from "./i18n.js";

function percent(p) {
  const x = p * 100;
  if (x > 0 && x < 1) return "<1%";
  if (x < 100 && x > 99) return ">99%";
  return Math.round(x) + "%";
}

function lrText(lr) {
  if (lr >= 10) return "×" + Math.round(lr);
  if (lr >= 1) return "×" + (Math.round(lr * 10) / 10);
  return "×" + (Math.round(lr * 100) / 100);
}

// Superscript links to the numbered sources.
function cite(ctx, ids) {
  if (!ids || !ids.length) return null;
  const links = [];
  for (const id of ids) {
    const n = ctx.sourceNumber.get(id);
    if (!n) continue;
    if (links.length) links.push(",");
    links.push(h("a", { href: "#src-" + id, "aria-label": t(ctx.lang, "sources_label") + " " + n }, String(n)));
  }
  return links.length ? h("sup", { class: "cite" }, "[", links, "]") : null;
}

function triageBanner(ctx, a) {
  const tr = a.triage;
  return h("section", { class: "triage triage-" + tr.level, "aria-labelledby": "triage-title", "data-level": tr.level },
    h("h2", { id: "triage-title", tabindex: "-1" }, tr.title),
    h("p", { class: "triage-text" }, tr.text),
    tr.reasons.length ? h("ul", { class: "reasons" }, tr.reasons.map((r) =>
      h("li", {}, h("span", {}, r.text), " ", cite(ctx, r.sources),
        r.action ? h("p", { class: "action" }, r.action) : null))) : null);
}

function growthTable(ctx, g) {
  const rows = (g.measurements || []).filter((m) => typeof m.weight_g === "number");
  if (!rows.length) return null;
  const fmt = (x, d) => (typeof x === "number" ? (Math.round(x * Math.pow(10, d)) / Math.pow(10, d)).toString() : "—");
  return h("table", { class: "growth-table" },
    h("caption", {}, t(ctx.lang, "tbl_caption")),
    h("thead", {}, h("tr", {},
      ["tbl_age", "tbl_weight", "tbl_change", "tbl_percentile"].map((k) => h("th", { scope: "col" }, t(ctx.lang, k))))),
    h("tbody", {}, rows.map((m) => h("tr", {},
      h("td", {}, fmt(m.age_days, 1)),
      h("td", {}, fmt(m.weight_g, 0)),
      h("td", {}, typeof m.weight_change_pct_from_birth === "number"
        ? (m.weight_change_pct_from_birth > 0 ? "+" : "") + fmt(m.weight_change_pct_from_birth, 1) + "%" : "—"),
      h("td", {}, typeof m.weight_for_age_percentile === "number" ? fmt(m.weight_for_age_percentile, 1) : "—")))));
}

// The chart and its table come after the first paint: the banner must not
// wait for them.
function growthFigure(ctx) {
  const figure = h("figure", { class: "chart", id: "growth-chart" },
    h("figcaption", {}, h("h3", {}, t(ctx.lang, "h_growth"))));
  const inf = ctx.caseObj.infant || {};
  const hasWeight = typeof inf.birth_weight_g === "number" || (Array.isArray(inf.weights) && inf.weights.length);
  if (!inf.sex || !hasWeight) {
    figure.appendChild(h("p", { class: "muted" }, t(ctx.lang, "chart_none")));
    return figure;
  }
  const img = h("img", { alt: t(ctx.lang, "chart_alt"), width: "900", height: "600", decoding: "async" });
  figure.appendChild(img);
  api.chartUrl(ctx.caseObj, ctx.lang).then((url) => {
    if (ctx.chartUrl) URL.revokeObjectURL(ctx.chartUrl);
    ctx.chartUrl = url;
    img.src = url;
  }).catch(() => {
    img.replaceWith(h("p", { class: "muted" }, t(ctx.lang, "chart_none")));
  });
  api.growth(ctx.caseObj, ctx.lang).then((g) => {
    const table = growthTable(ctx, g);
    if (table) figure.appendChild(table);
  }).catch(() => {});
  return figure;
}

function supplySection(ctx, a) {
  const s = a.supply;
  return h("section", { class: "supply supply-" + s.status, "aria-labelledby": "supply-title" },
    h("h2", { id: "supply-title" }, t(ctx.lang, "h_supply")),
    h("p", { class: "supply-status" }, h("strong", {}, s.title)),
    h("p", {}, s.text),
    s.evidence.length ? h("ul", {}, s.evidence.map((e) => h("li", {}, e.text, " ", cite(ctx, e.sources)))) : null,
    a.data && a.data.sparse && a.data.note ? h("p", { class: "note" }, h("strong", {}, t(ctx.lang, "sparse") + ": "), a.data.note) : null,
    growthFigure(ctx));
}

function bar(ctx, p) {
  const fill = h("span", { class: "bar-fill" });
  // CSSOM, not a style attribute: the page's CSP allows no inline styles.
  fill.style.width = Math.max(0.5, Math.min(100, p * 100)) + "%";
  return h("span", { class: "bar", "aria-hidden": "true" }, fill);
}

function explanation(ctx, c) {
  const items = c.explanation.map((e) => {
    const up = e.likelihood_ratio >= 1;
    return h("li", { class: up ? "for" : "against" },
      h("span", { class: "lr", title: t(ctx.lang, up ? "points_to" : "points_away") }, lrText(e.likelihood_ratio)),
      " ", e.label, ": ", t(ctx.lang, e.state === "present" ? "state_present" : "state_absent"),
      e.detail ? " (" + e.detail + ")" : "",
      h("span", { class: "visually-hidden" }, " — " + t(ctx.lang, up ? "points_to" : "points_away")),
      " ", cite(ctx, e.sources));
  });
  return h("details", { class: "why" },
    h("summary", {}, t(ctx.lang, "why")),
    items.length ? h("ul", {}, items) : h("p", {}, t(ctx.lang, "no_contributions")),
    h("p", { class: "muted small" }, t(ctx.lang, "lr_hint")));
}

function causeCard(ctx, c) {
  const id = "cause-" + c.id;
  return h("article", { class: "cause", "aria-labelledby": id, "data-cause": c.id },
    h("div", { class: "cause-head" },
      h("h3", { id }, c.name),
      h("span", { class: "pct" }, h("span", { class: "visually-hidden" }, t(ctx.lang, "probability") + " "), percent(c.probability))),
    bar(ctx, c.probability),
    c.summary ? h("p", {}, c.summary, " ", cite(ctx, c.sources)) : null,
    explanation(ctx, c));
}

function causesSection(ctx, a) {
  const likely = a.causes.filter((c) => c.likely);
  const others = a.causes.filter((c) => !c.likely);
  return h("section", { class: "causes", "aria-labelledby": "causes-title" },
    h("h2", { id: "causes-title" }, t(ctx.lang, "h_causes")),
    likely.map((c) => causeCard(ctx, c)),
    others.length ? h("details", { class: "less-likely" },
      h("summary", {}, t(ctx.lang, "h_less_likely") + " (" + others.length + ")"),
      h("ul", { class: "compact" }, others.map((c) => h("li", { "data-cause": c.id },
        h("span", { class: "name" }, c.name), " ", h("span", { class: "pct" }, percent(c.probability)),
        bar(ctx, c.probability))))) : null);
}

function todoSection(ctx, a) {
  const groups = a.causes.filter((c) => c.likely && c.advice && c.advice.length).map((c) =>
    h("div", { class: "advice-group" },
      h("h3", {}, c.name),
      h("ul", {}, c.advice.map((x) => h("li", {}, x.text, " ", cite(ctx, x.sources))))));
  return h("section", { class: "todo", "aria-labelledby": "todo-title" },
    h("h2", { id: "todo-title" }, t(ctx.lang, "h_todo")),
    groups,
    a.advice.length ? h("div", { class: "advice-group" },
      h("h3", {}, t(ctx.lang, "h_general")),
      h("ul", {}, a.advice.map((x) => h("li", {}, x.text, " ", cite(ctx, x.sources))))) : null);
}

function treatment(ctx, tr) {
  return h("article", { class: "treatment", "data-kind": tr.kind },
    tr.requires_clinician ? h("p", { class: "badge" }, t(ctx.lang, "clinician_may_consider")) : null,
    h("h4", {}, tr.name),
    h("p", {}, tr.text, " ", cite(ctx, tr.sources)),
    tr.lactation_safety ? h("p", { class: "safety" }, h("strong", {}, t(ctx.lang, "safety") + ": "), tr.lactation_safety) : null,
    h("p", { class: "small" }, h("strong", {}, t(ctx.lang, "evidence") + ": "), t(ctx.lang, "ev_" + tr.evidence_level),
      tr.evidence_note ? h("span", {}, ". " + tr.evidence_note) : null));
}

// Grouped by cause; those that need a prescriber or a procedure carry
// "A clinician may consider".
function treatmentsSection(ctx, a) {
  const causes = a.causes.filter((c) => c.likely && c.treatments && c.treatments.length);
  if (!causes.length) return null;
  return h("section", { class: "treatments", "aria-labelledby": "treatments-title" },
    h("h2", { id: "treatments-title" }, t(ctx.lang, "h_treatments")),
    h("p", { class: "note" }, t(ctx.lang, "treatments_note")),
    causes.map((c) => h("div", { class: "treatment-group" },
      h("h3", {}, c.name),
      c.treatments.map((tr) => treatment(ctx, tr)))));
}

function medicinesSection(ctx, a) {
  if (!a.medications || !a.medications.length) return null;
  return h("section", { class: "medicines", "aria-labelledby": "medicines-title" },
    h("h2", { id: "medicines-title" }, t(ctx.lang, "h_medicines")),
    h("ul", {}, a.medications.map((m) => h("li", { class: "med-" + m.status },
      h("strong", {}, m.label || m.name), ": ", t(ctx.lang, "med_" + m.status),
      m.note ? ". " + m.note : "", " ", cite(ctx, m.sources)))));
}

function sourcesSection(ctx, a) {
  return h("section", { class: "sources", "aria-labelledby": "sources-title" },
    h("h2", { id: "sources-title" }, t(ctx.lang, "h_sources")),
    h("ol", {}, a.sources.map((s) => h("li", { id: "src-" + s.id },
      s.url ? h("a", { href: s.url, rel: "noopener noreferrer", target: "_blank" }, s.citation) : s.citation,
      h("span", { class: "muted small" }, " (" + t(ctx.lang, "ev_" + s.evidence_level) + ")")))));
}

export function renderResult(root, a, ctx) {
  ctx.sourceNumber = new Map(a.sources.map((s, i) => [s.id, i + 1]));
  clear(root);
  root.appendChild(h("h1", { class: "visually-hidden" }, t(ctx.lang, "result_title")));
  root.appendChild(triageBanner(ctx, a));
  root.appendChild(supplySection(ctx, a));
  root.appendChild(causesSection(ctx, a));
  root.appendChild(todoSection(ctx, a));
  const tr = treatmentsSection(ctx, a);
  if (tr) root.appendChild(tr);
  const meds = medicinesSection(ctx, a);
  if (meds) root.appendChild(meds);
  root.appendChild(sourcesSection(ctx, a));
  root.appendChild(h("p", { class: "disclaimer" }, a.disclaimer));
  root.appendChild(h("div", { class: "actions" },
    h("button", { type: "button", class: "secondary", id: "change-last", onclick: ctx.onBack }, t(ctx.lang, "change_last")),
    h("button", { type: "button", id: "start-again", onclick: ctx.onRestart }, t(ctx.lang, "start_again"))));
}
