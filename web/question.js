// question.js — one interview question (galacta-interview/1 "question")
// as a form: yes / no / don't know for a finding, a number with its unit
// (and the units a parent may have at hand), one of a few choices, the
// baby's weights, or a list of names. Every kind also has "don't know"
// (null in the case). Answers are checked here against the question's
// range before they are sent; the server checks them again.

import { h, clear } from "./dom.js";
import { t, unitWord } from "./i18n.js";
import { unitChoices, readNumber } from "./units.js";

let serial = 0;
let steps = 0; // counts questions shown, so a test can tell a new one

function unitSelect(ctx, q, id) {
  const choices = unitChoices(q.unit);
  if (choices.length < 2) {
    return { el: q.unit ? h("span", { class: "unit", id: id + "-unit" }, unitWord(ctx.lang, q.unit)) : null, get: () => choices[0] };
  }
  const sel = h("select", { id: id + "-unit", "aria-label": t(ctx.lang, "unit_label") },
    choices.map((c, i) => h("option", { value: String(i) }, unitWord(ctx.lang, c.unit))));
  return { el: sel, get: () => choices[Number(sel.value)] };
}

function numberField(ctx, q, id, labelText, value) {
  const input = h("input", {
    id, type: "text", inputmode: q.integer ? "numeric" : "decimal", autocomplete: "off",
    "aria-describedby": "q-help " + id + "-error", "aria-invalid": "false", value: value === undefined ? null : value
  });
  const unit = unitSelect(ctx, q, id);
  const error = h("p", { class: "error", id: id + "-error", "aria-live": "assertive" });
  const wrap = h("div", { class: "field" },
    h("label", { for: id }, labelText),
    h("div", { class: "input-row" }, input, unit.el),
    error);
  return {
    el: wrap, input,
    read() {
      const r = readNumber(input.value, unit.get(), q);
      if (r.error) {
        const vars = r.vars ? Object.assign({}, r.vars) : undefined;
        if (vars && vars.unit !== undefined) vars.unit = unitWord(ctx.lang, vars.unit);
        error.textContent = t(ctx.lang, r.error, vars);
        input.setAttribute("aria-invalid", "true");
        return null;
      }
      error.textContent = "";
      input.setAttribute("aria-invalid", "false");
      return r.value;
    }
  };
}

function buttons(ctx, extra) {
  return h("div", { class: "actions" },
    extra,
    h("button", { type: "button", class: "secondary", "data-answer": "dont-know", onclick: () => ctx.onAnswer(null) },
      t(ctx.lang, "dont_know")));
}

function findingForm(ctx, q) {
  return h("div", { class: "actions big" },
    h("button", { type: "button", "data-answer": "yes", onclick: () => ctx.onAnswer(true), "aria-describedby": "q-help" }, t(ctx.lang, "yes")),
    h("button", { type: "button", "data-answer": "no", onclick: () => ctx.onAnswer(false), "aria-describedby": "q-help" }, t(ctx.lang, "no")),
    h("button", { type: "button", class: "secondary", "data-answer": "dont-know", onclick: () => ctx.onAnswer(null) }, t(ctx.lang, "dont_know")));
}

function numberForm(ctx, q) {
  const f = numberField(ctx, q, "answer-" + (++serial), t(ctx.lang, "answer_label"));
  const form = h("form", { novalidate: true, onsubmit: (ev) => {
    ev.preventDefault();
    const v = f.read();
    if (v === null) f.input.focus();
    else ctx.onAnswer(v);
  } }, f.el, buttons(ctx, h("button", { type: "submit", "data-answer": "submit" }, t(ctx.lang, "next"))));
  return form;
}

function enumForm(ctx, q) {
  const name = "choice-" + (++serial);
  const error = h("p", { class: "error", id: name + "-error", "aria-live": "assertive" });
  const radios = q.choices.map((c, i) => h("label", { class: "choice" },
    h("input", { type: "radio", name, value: c, "aria-describedby": name + "-error" }), " ", q.choice_labels[i] || c));
  const form = h("form", { novalidate: true, onsubmit: (ev) => {
    ev.preventDefault();
    const sel = form.querySelector("input[type=radio]:checked");
    if (!sel) {
      error.textContent = t(ctx.lang, "choose_one");
      return;
    }
    ctx.onAnswer(sel.value);
  } },
  h("fieldset", {}, h("legend", { class: "visually-hidden" }, q.text), radios),
  error,
  buttons(ctx, h("button", { type: "submit", "data-answer": "submit" }, t(ctx.lang, "next"))));
  return form;
}

function weightsForm(ctx, q) {
  const list = h("div", { class: "weights" });
  const rows = [];
  const age = ctx.caseObj.infant && typeof ctx.caseObj.infant.age_days === "number" ? ctx.caseObj.infant.age_days : undefined;
  const ageQ = { unit: "days", min: 0, max: 1856, integer: false };
  const weightQ = { unit: q.unit || "g", min: q.min, max: q.max, integer: false };
  function addRow() {
    const n = rows.length + 1;
    const id = "w" + (++serial);
    const ageField = numberField(ctx, ageQ, id + "-age", t(ctx.lang, "weights_age"), rows.length ? undefined : age);
    const wField = numberField(ctx, weightQ, id + "-g", t(ctx.lang, "weights_weight"));
    const row = { ageField, wField, el: null };
    row.el = h("fieldset", { class: "weight-row" },
      h("legend", {}, t(ctx.lang, "weight_n", { n })), ageField.el, wField.el,
      n > 1 ? h("button", { type: "button", class: "link", onclick: () => {
        rows.splice(rows.indexOf(row), 1);
        row.el.remove();
      } }, t(ctx.lang, "remove")) : null);
    rows.push(row);
    list.appendChild(row.el);
    return row;
  }
  addRow();
  return h("form", { novalidate: true, onsubmit: (ev) => {
    ev.preventDefault();
    const out = [];
    for (const r of rows) {
      const a = r.ageField.read(), w = r.wField.read();
      if (a === null) { r.ageField.input.focus(); return; }
      if (w === null) { r.wField.input.focus(); return; }
      out.push({ age_days: a, weight_g: w });
    }
    out.sort((x, y) => x.age_days - y.age_days);
    ctx.onAnswer(out);
  } },
  list,
  h("button", { type: "button", class: "link", "data-action": "add-weight", onclick: () => addRow().ageField.input.focus() }, t(ctx.lang, "add_weight")),
  buttons(ctx, h("button", { type: "submit", "data-answer": "submit" }, t(ctx.lang, "next"))));
}

function listForm(ctx, q) {
  const id = "list-" + (++serial);
  const input = h("input", { id, type: "text", autocomplete: "off", "aria-describedby": "q-help " + id + "-error" });
  const error = h("p", { class: "error", id: id + "-error", "aria-live": "assertive" });
  return h("form", { novalidate: true, onsubmit: (ev) => {
    ev.preventDefault();
    const names = input.value.split(/[,，、;；\n]/).map((s) => s.trim()).filter(Boolean);
    if (!names.length) {
      error.textContent = t(ctx.lang, "list_empty");
      input.focus();
      return;
    }
    ctx.onAnswer(names);
  } },
  h("div", { class: "field" }, h("label", { for: id }, t(ctx.lang, "list_label")), input, error),
  buttons(ctx, [h("button", { type: "submit", "data-answer": "submit" }, t(ctx.lang, "next")),
    h("button", { type: "button", class: "secondary", "data-answer": "none", onclick: () => ctx.onAnswer([]) }, t(ctx.lang, "none"))]));
}

const FORMS = { finding: findingForm, number: numberForm, enum: enumForm, weights: weightsForm, list: listForm };

export function renderQuestion(root, step, ctx) {
  const q = step.question;
  const p = step.progress || { answered: 0, max_questions: 0 };
  const n = Math.min(p.answered + 1, p.max_questions || p.answered + 1);
  clear(root);
  root.dataset.questionId = q.id;
  root.dataset.step = String(++steps);
  root.dataset.kind = q.kind;
  const form = (FORMS[q.kind] || findingForm)(ctx, q);
  root.appendChild(h("div", { class: "progress" },
    h("progress", { max: String(p.max_questions || 1), value: String(Math.min(p.answered, p.max_questions || 1)), "aria-labelledby": "progress-label" }),
    h("span", { id: "progress-label" }, t(ctx.lang, "progress", { n, m: p.max_questions }))));
  root.appendChild(h("h2", { id: "q-text", tabindex: "-1", class: "question" }, q.text));
  if (q.reason === "safety_first") root.appendChild(h("p", { class: "badge safety-badge" }, t(ctx.lang, "safety_note")));
  root.appendChild(h("p", { id: "q-help", class: "help" }, q.help || ""));
  if (ctx.error) {
    root.appendChild(h("p", { class: "error server-error", role: "alert" }, t(ctx.lang, "refused") + " " + ctx.error));
  }
  root.appendChild(form);
  root.appendChild(h("div", { class: "nav" },
    h("button", { type: "button", class: "link", id: "back", onclick: ctx.onBack }, "← " + t(ctx.lang, "back")),
    h("button", { type: "button", class: "link", id: "finish-now", onclick: ctx.onFinish }, t(ctx.lang, "finish_now"))));
}
