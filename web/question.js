// question.js — one interview question (galacta-interview/1 "question")
// as a form: yes / no / don't know for a finding, a number with its unit
// (and the units a parent may have at hand), one of a few choices, the
// baby's weights, a list of names, or a group of findings, numbers and
// choices on one screen. Every kind also has "don't know" (null in the
// case). Answers are checked here against the question's range before
// they are sent; the server checks them again. When the answers so far
// make the case an emergency, the assessment's emergency banner comes
// first, above the question, with a button to the result.

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

// A labelled number input with its unit. opts.describedBy: ids of texts
// that describe it (besides its error); opts.emptyIsNull: an empty input
// reads as null ("don't know", in a group) instead of an error.
function numberField(ctx, q, id, labelText, value, opts) {
  const o = opts || {};
  const input = h("input", {
    id, type: "text", inputmode: q.integer ? "numeric" : "decimal", autocomplete: "off",
    "aria-describedby": ((o.describedBy !== undefined ? o.describedBy : "q-help") + " " + id + "-error").trim(), "aria-invalid": "false",
    value: value === undefined || value === null ? null : value
  });
  const unit = unitSelect(ctx, q, id);
  const error = h("p", { class: "error", id: id + "-error", "aria-live": "assertive" });
  const wrap = h("div", { class: "field" },
    h("label", { for: id }, labelText),
    h("div", { class: "input-row" }, input, unit.el),
    o.help || null,
    error);
  return {
    el: wrap, input,
    read() {
      if (o.emptyIsNull && input.value.trim() === "") {
        error.textContent = "";
        input.setAttribute("aria-invalid", "false");
        return null;
      }
      const r = readNumber(input.value, unit.get(), q);
      if (r.error) {
        const vars = r.vars ? Object.assign({}, r.vars) : undefined;
        if (vars && vars.unit !== undefined) vars.unit = unitWord(ctx.lang, vars.unit);
        error.textContent = t(ctx.lang, r.error, vars);
        input.setAttribute("aria-invalid", "true");
        return undefined;
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
    if (v === undefined) f.input.focus();
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
      if (a === undefined) { r.ageField.input.focus(); return; }
      if (w === undefined) { r.wField.input.focus(); return; }
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

// A group: several questions on one screen (galacta extension kind
// "group"). Each item is answered as a question of its own kind would be —
// a finding by three radio buttons, a number in a text field, an enum by a
// select — and "Next" hands every item's answer to ctx.onAnswers at once;
// what is left blank is "don't know" (null), so every item is answered.
// ctx.prefill(id) gives an answer to show (after "back" or a refusal).
const FINDING_CHOICES = [["yes", true], ["no", false], ["dont-know", null]];

function groupItem(ctx, item) {
  const id = "item-" + (++serial);
  const before = ctx.prefill ? ctx.prefill(item.id) : undefined;
  // Only a number's help is shown (its range): a finding's says "yes, no
  // or don't know" and an enum's how to type a choice, which the radio
  // buttons and the list say here.
  const help = item.help && item.kind === "number" ? h("p", { class: "help item-help", id: id + "-help" }, item.help) : null;
  if (item.kind === "finding") {
    const name = id + "-answer";
    const radios = FINDING_CHOICES.map(([value, answer]) => h("label", { class: "choice" },
      h("input", { type: "radio", name, value, checked: answer !== null && before === answer }),
      " ", t(ctx.lang, value === "dont-know" ? "dont_know" : value)));
    const el = h("fieldset", { class: "item item-finding", "data-item": item.id, "data-kind": "finding" },
      h("legend", {}, item.text), h("div", { class: "item-choices" }, radios));
    return {
      el, item, focus: () => el.querySelector("input").focus(),
      read() {
        const sel = el.querySelector("input[type=radio]:checked");
        const found = sel && FINDING_CHOICES.find(([value]) => value === sel.value);
        return found ? found[1] : null;
      }
    };
  }
  if (item.kind === "number") {
    const f = numberField(ctx, item, id, item.text, before, { describedBy: help ? id + "-help" : "", emptyIsNull: true, help });
    f.el.classList.add("item", "item-number");
    f.el.dataset.item = item.id;
    f.el.dataset.kind = "number";
    return { el: f.el, item, focus: () => f.input.focus(), read: () => f.read() };
  }
  if (item.kind === "enum") {
    const labels = item.choice_labels || [];
    const sel = h("select", { id },
      h("option", { value: "" }, t(ctx.lang, "dont_know")),
      (item.choices || []).map((c, i) => h("option", { value: c, selected: before === c }, labels[i] || c)));
    const el = h("div", { class: "field item item-enum", "data-item": item.id, "data-kind": "enum" },
      h("label", { for: id }, item.text), sel);
    return { el, item, focus: () => sel.focus(), read: () => (sel.value === "" ? null : sel.value) };
  }
  // A kind this page does not know: "don't know", so the group moves on.
  return { el: null, item, focus: () => {}, read: () => null };
}

function groupForm(ctx, q) {
  const items = (q.items || []).map((item) => groupItem(ctx, item));
  const error = h("p", { class: "error group-error", id: "group-error", role: "alert" });
  const form = h("form", { novalidate: true, class: "group", onsubmit: (ev) => {
    ev.preventDefault();
    const answers = [], bad = [];
    for (const it of items) {
      const v = it.read();
      if (v === undefined) bad.push(it);
      else answers.push([it.item.id, v]);
    }
    if (bad.length) {
      error.textContent = t(ctx.lang, "group_fix", { items: bad.map((it) => "“" + it.item.text + "”").join(t(ctx.lang, "list_sep")) });
      bad[0].focus();
      return;
    }
    error.textContent = "";
    ctx.onAnswers(answers);
  } },
  h("div", { class: "group-items" }, items.map((it) => it.el)),
  error,
  h("div", { class: "actions" }, h("button", { type: "submit", "data-answer": "submit" }, t(ctx.lang, "next"))));
  return form;
}

const FORMS = { finding: findingForm, number: numberForm, enum: enumForm, weights: weightsForm, list: listForm, group: groupForm };

const REASON_NOTES = { safety_first: "safety_note", screening: "screening_note" };

// The assessment's triage title and text, and its emergency reasons with
// what to do (the words of the result's banner), then that the result can
// be seen now or the interview go on. alert: announce it (role=alert) —
// only when it is new, not again at each question while it lasts.
function emergencyBanner(ctx, triage, alert) {
  const reasons = (triage.reasons || []).filter((r) => r.level === "emergency");
  return h("section", { class: "triage triage-emergency emergency-now", id: "emergency-now", "data-level": "emergency",
    role: alert ? "alert" : null, "aria-labelledby": alert ? null : "emergency-title" },
  h("h2", { id: "emergency-title" }, triage.title),
  h("p", { class: "triage-text" }, triage.text),
  reasons.length ? h("ul", { class: "reasons" }, reasons.map((r) =>
    h("li", {}, h("span", {}, r.text), r.action ? h("p", { class: "action" }, r.action) : null))) : null,
  h("p", { class: "emergency-continue" }, t(ctx.lang, "emergency_continue")),
  h("div", { class: "actions" },
    h("button", { type: "button", id: "emergency-result", onclick: ctx.onFinish }, t(ctx.lang, "finish_now"))));
}

export function renderQuestion(root, step, ctx) {
  const q = step.question;
  const p = step.progress || { answered: 0, max_questions: 0 };
  const max = p.max_questions || 1;
  clear(root);
  root.dataset.questionId = q.id;
  root.dataset.step = String(++steps);
  root.dataset.kind = q.kind;
  const form = (FORMS[q.kind] || findingForm)(ctx, q);
  if (ctx.emergency) root.appendChild(emergencyBanner(ctx, ctx.emergency, ctx.emergencyAlert));
  // The server's progress counts the answers its budget counts (not the
  // safety and screening questions, asked of everyone), so the page
  // numbers its own screens and the bar shows the budget used.
  root.appendChild(h("div", { class: "progress" },
    h("progress", { max: String(max), value: String(Math.min(p.answered, max)), "aria-labelledby": "progress-label" }),
    h("span", { id: "progress-label" }, t(ctx.lang, "progress", { n: ctx.stepNumber || 1 }))));
  root.appendChild(h("h2", { id: "q-text", tabindex: "-1", class: "question" }, q.text));
  if (REASON_NOTES[q.reason]) {
    root.appendChild(h("p", { class: "badge reason-badge", "data-reason": q.reason }, t(ctx.lang, REASON_NOTES[q.reason])));
  }
  root.appendChild(h("p", { id: "q-help", class: "help" }, q.help || ""));
  if (ctx.error) {
    root.appendChild(h("p", { class: "error server-error", role: "alert" }, t(ctx.lang, "refused") + " " + ctx.error));
  }
  root.appendChild(form);
  root.appendChild(h("div", { class: "nav" },
    h("button", { type: "button", class: "link", id: "back", onclick: ctx.onBack }, "← " + t(ctx.lang, "back")),
    h("button", { type: "button", class: "link", id: "finish-now", onclick: ctx.onFinish }, t(ctx.lang, "finish_now"))));
}
