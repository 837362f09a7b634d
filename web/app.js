// app.js — the page: the interview one question (or one group of
// questions) at a time, then the result. The case (galacta-case/1) lives
// only in this page's memory: each step sends it whole to
// /v1/interview/next, writes the answer in at the question's id (a group:
// every item's answer at its id), and asks again; "back" restores the case
// before the last answer, a whole group at once. As soon as a step's
// assessment is an emergency, its banner is shown above each question
// (announced once). Nothing is stored in the browser.

import * as api from "./api.js";
import { h, clear } from "./dom.js";
import { LANGS, t, preferredLang } from "./i18n.js";
import { renderQuestion } from "./question.js";
import { renderResult } from "./result.js";

const state = {
  lang: "en",
  view: "intro",        // intro | question | result | error
  caseObj: null,
  history: [],          // cases before each answer, for "back"
  undone: null,         // the case with the answers just taken back (back, or refused), to show them again
  step: null,           // the last galacta-interview/1 step
  assessment: null,     // shown in the result view
  error: null,          // the server's message about the last answer
  emergencyShown: false, // the emergency banner was announced (role=alert) and still holds
  chartUrl: null
};

const $ = (id) => document.getElementById(id);

function announce(text) {
  const s = $("status");
  s.textContent = "";
  // A change of text after a tick is announced even when it repeats.
  setTimeout(() => { s.textContent = text; }, 50);
}

function busy(on) {
  $("main").setAttribute("aria-busy", on ? "true" : "false");
  $("loading").hidden = !on;
}

function show(view) {
  state.view = view;
  for (const id of ["intro", "question", "result", "failure"]) $(id).hidden = id !== view;
}

function applyLanguage() {
  const lang = state.lang;
  document.documentElement.lang = lang;
  document.title = t(lang, "page_title");
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(lang, el.dataset.i18n);
  for (const el of document.querySelectorAll("[data-i18n-label]")) el.setAttribute("aria-label", t(lang, el.dataset.i18nLabel));
  for (const b of document.querySelectorAll("button[data-lang]")) b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
  const url = new URL(window.location.href);
  url.searchParams.set("lang", lang);
  window.history.replaceState(null, "", url.pathname + url.search);
}

function setAnswer(caseObj, id, value) {
  if (!id.includes(".")) {
    caseObj.findings = caseObj.findings || {};
    caseObj.findings[id] = value;
    return;
  }
  const parts = id.split(".");
  let node = caseObj;
  for (const p of parts.slice(0, -1)) {
    if (typeof node[p] !== "object" || node[p] === null) node[p] = {};
    node = node[p];
  }
  node[parts[parts.length - 1]] = value;
}

// The answer at id in caseObj; undefined when it is not there.
function getAnswer(caseObj, id) {
  const parts = id.includes(".") ? id.split(".") : ["findings", id];
  let node = caseObj;
  for (const p of parts) {
    if (typeof node !== "object" || node === null || !Object.prototype.hasOwnProperty.call(node, p)) return undefined;
    node = node[p];
  }
  return node;
}

function failure(err, retry) {
  show("failure");
  const box = clear($("failure"));
  const msg = err && err.status ? (err.message || "HTTP " + err.status) : t(state.lang, "network_error");
  box.appendChild(h("p", { class: "error", role: "alert" }, msg));
  box.appendChild(h("button", { type: "button", id: "retry", onclick: retry }, t(state.lang, "retry")));
  $("retry").focus();
}

async function step() {
  busy(true);
  try {
    state.step = await api.interviewNext(state.caseObj, state.lang);
  } catch (err) {
    busy(false);
    if (err.status === 400 && state.history.length) {
      // The server refused the last answer: take it back, ask again.
      state.undone = state.caseObj;
      state.caseObj = state.history.pop();
      state.error = err.message;
      return step();
    }
    return failure(err, step);
  }
  busy(false);
  if (state.step.should_stop) return showResult(state.step.assessment);
  showQuestion();
}

function showQuestion() {
  show("question");
  const undone = state.undone;
  const a = state.step.assessment;
  const emergency = a && a.triage && a.triage.level === "emergency" ? a.triage : null;
  renderQuestion($("question"), state.step, {
    lang: state.lang,
    caseObj: state.caseObj,
    error: state.error,
    emergency,
    emergencyAlert: Boolean(emergency) && !state.emergencyShown,
    stepNumber: state.history.length + 1,
    prefill: undone ? (id) => getAnswer(undone, id) : null,
    onAnswer: answer,
    onAnswers: answerAll,
    onBack: back,
    onFinish: () => showResult(state.step.assessment)
  });
  state.error = null;
  state.undone = null;
  state.emergencyShown = Boolean(emergency);
  $("q-text").focus();
}

function answer(value) {
  answerAll([[state.step.question.id, value]]);
}

// Several answers as one step ([id, value] pairs: a group's items), so
// that "back" takes them back together.
function answerAll(pairs) {
  state.history.push(JSON.parse(JSON.stringify(state.caseObj)));
  for (const [id, value] of pairs) setAnswer(state.caseObj, id, value);
  step();
}

function back() {
  if (!state.history.length) {
    show("intro");
    $("start").focus();
    return;
  }
  state.undone = state.caseObj;
  state.caseObj = state.history.pop();
  step();
}

function showResult(assessment) {
  state.assessment = assessment;
  show("result");
  renderResult($("result"), assessment, {
    lang: state.lang,
    caseObj: state.caseObj,
    get chartUrl() { return state.chartUrl; },
    set chartUrl(u) { state.chartUrl = u; },
    onBack: back,
    onRestart: start
  });
  announce(t(state.lang, "result_ready") + " " + assessment.triage.title);
  $("triage-title").focus();
}

function start() {
  state.caseObj = { format: "galacta-case/1", language: state.lang };
  state.history = [];
  state.error = null;
  state.undone = null;
  state.emergencyShown = false;
  step();
}

async function switchLanguage(lang) {
  if (lang === state.lang || !LANGS.includes(lang)) return;
  state.lang = lang;
  applyLanguage();
  if (state.caseObj) state.caseObj.language = lang;
  if (state.view === "question") return step();
  if (state.view === "result") {
    busy(true);
    try {
      const a = await api.assess(state.caseObj, lang);
      busy(false);
      showResult(a);
    } catch (err) {
      busy(false);
      failure(err, () => switchLanguage(lang));
    }
  }
}

function init() {
  const fromUrl = new URLSearchParams(window.location.search).get("lang");
  state.lang = fromUrl === "zh-Hans" || fromUrl === "zh" ? "zh-Hans"
    : fromUrl === "en" ? "en" : preferredLang(navigator.languages || [navigator.language]);
  applyLanguage();
  for (const b of document.querySelectorAll("button[data-lang]")) {
    b.addEventListener("click", () => switchLanguage(b.dataset.lang));
  }
  $("start").addEventListener("click", start);
  show("intro");
}

init();
