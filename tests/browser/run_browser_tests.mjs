// run_browser_tests.mjs GALACTA OUT_DIR — the web page in a real browser
// (CTest label "browser"): playwright-core drives Debian's chromium
// (/usr/bin/chromium, headless, no sandbox: CI runs as root; no browser is
// downloaded) against `galacta serve --port 0`. Completes the interview in
// English and in Chinese (single questions and groups of questions on one
// screen), checks the triage banner, the causes and the growth chart, that
// a bad number is refused (alone and inside a group), that back takes a
// whole group back, that an emergency is shown at once above the next
// question, keyboard use and focus, the phone-width layout, and that the
// page asks nothing of any other host.
// Screenshots go to OUT_DIR. Exit 77 (CTest: skipped) when playwright-core
// (npm ci in tests/browser) or chromium is missing. playwright-core is
// pinned at 1.61.1, the last release that runs on Debian 12's Node.js 18
// (1.62 wants Node.js 20); it drives Debian's chromium 150 and 156 alike.

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const [galacta, outArg] = process.argv.slice(2);
const CHROMIUM = process.env.GALACTA_CHROMIUM || "/usr/bin/chromium";
if (!galacta || !outArg) {
  console.error("usage: run_browser_tests.mjs GALACTA OUT_DIR");
  process.exit(2);
}
let chromium;
try {
  ({ chromium } = await import("playwright-core"));
} catch (e) {
  console.log("SKIPPED: playwright-core is not installed; run `npm ci` in tests/browser");
  process.exit(77);
}
if (!existsSync(CHROMIUM)) {
  console.log("SKIPPED: no " + CHROMIUM + " (Debian package chromium)");
  process.exit(77);
}
const OUT = resolve(outArg);
mkdirSync(OUT, { recursive: true });

// --- the server ----------------------------------------------------------

function startServer() {
  return new Promise((resolveStart, reject) => {
    const proc = spawn(galacta, ["serve", "--port", "0", "--threads", "2", "--quiet"], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    proc.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) resolveStart({ proc, base: m[1] });
    });
    proc.on("exit", (code) => reject(new Error("galacta serve exited with " + code)));
  });
}

// --- helpers -------------------------------------------------------------

const failures = [];
let currentTest = "";

function check(cond, what) {
  if (!cond) throw new Error(what);
}

// Waits until the page shows a new question (a higher data-step than
// before) or the result. Returns "question" or "result".
async function nextView(page, prevStep) {
  const handle = await page.waitForFunction((prev) => {
    const main = document.getElementById("main");
    if (main.getAttribute("aria-busy") === "true") return false;
    if (!document.getElementById("result").hidden) return "result";
    if (!document.getElementById("failure").hidden) return "failure";
    const q = document.getElementById("question");
    if (!q.hidden && q.dataset.step && q.dataset.step !== prev) return "question";
    return false;
  }, prevStep, { timeout: 20000 });
  return handle.jsonValue();
}

// The question shown; for a group also its items ({id, kind}).
async function currentQuestion(page) {
  return page.evaluate(() => {
    const q = document.getElementById("question");
    const items = [...q.querySelectorAll("[data-item]")].map((el) => ({ id: el.dataset.item, kind: el.dataset.kind }));
    return { id: q.dataset.questionId, kind: q.dataset.kind, step: q.dataset.step, items,
      text: document.getElementById("q-text").textContent, focused: document.activeElement && document.activeElement.id };
  });
}

// A scenario: answers by question id; findings not listed are "no", other
// questions "don't know". A number answer may name the unit to type it in.
const MASTITIS = {
  "infant.age_days": { value: "3", unit: "weeks" },
  fever: true,
  breast_redness: true,
  localized_tender_area: true,
  breast_warmth: true,
  breast_pain: true,
  "mother.temperature_c": { value: "102.2", unit: "°F" },
  "infant.weights": [{ age: "21", weight: "3.95", unit: "kg" }],
  "infant.birth_weight_g": { value: "3400" },
  "infant.sex": "female",
  "infant.wet_diapers_per_24h": { value: "6" },
  "mother.medications": []
};
const ZH_UNITS = { "weeks": "周", "°F": "°F", "kg": "千克", "g": "克", "days": "天" };

const unitLabel = (lang, u) => (lang === "zh-Hans" ? ZH_UNITS[u] || u : u);

// Fills in one item of a group (nothing is sent): a finding's radio
// button (not in the scenario: "no"), a number (not in the scenario: left
// blank, which is "don't know"), an enum's choice.
async function answerItem(page, item, scenario, lang) {
  const a = Object.prototype.hasOwnProperty.call(scenario, item.id) ? scenario[item.id] : undefined;
  const row = page.locator(`#question [data-item="${item.id}"]`);
  if (item.kind === "finding") {
    const which = a === true ? "yes" : a === null ? "dont-know" : "no";
    await row.locator(`input[type=radio][value="${which}"]`).check();
  } else if (item.kind === "number") {
    if (a === undefined || a === null) return;
    await row.locator("input[type=text]").fill(a.value);
    if (a.unit) await row.locator("select").selectOption({ label: unitLabel(lang, a.unit) });
  } else if (item.kind === "enum") {
    if (a !== undefined && a !== null) await row.locator("select").selectOption(a);
  } else {
    throw new Error("a group item of kind " + item.kind);
  }
}

async function fillGroup(page, q, scenario, lang) {
  check(q.items.length > 0, "group " + q.id + " has no items");
  for (const item of q.items) await answerItem(page, item, scenario, lang);
}

async function answerQuestion(page, q, scenario, lang) {
  const a = Object.prototype.hasOwnProperty.call(scenario, q.id) ? scenario[q.id] : undefined;
  if (q.kind === "group") {
    await fillGroup(page, q, scenario, lang);
    await page.click('#question [data-answer="submit"]');
    return;
  }
  if (q.kind === "finding") {
    const which = a === true ? "yes" : a === null ? "dont-know" : "no";
    await page.click(`#question [data-answer="${which}"]`);
    return;
  }
  if (a === undefined || a === null) {
    await page.click('#question [data-answer="dont-know"]');
    return;
  }
  if (q.kind === "number") {
    const input = page.locator("#question input[type=text]").first();
    await input.fill(a.value);
    if (a.unit) await page.locator("#question select").first().selectOption({ label: unitLabel(lang, a.unit) });
    await page.click('#question [data-answer="submit"]');
    return;
  }
  if (q.kind === "enum") {
    await page.check(`#question input[type=radio][value="${a}"]`);
    await page.click('#question [data-answer="submit"]');
    return;
  }
  if (q.kind === "weights") {
    for (let i = 0; i < a.length; i++) {
      if (i > 0) await page.click('#question [data-action="add-weight"]');
      const row = page.locator("#question fieldset.weight-row").nth(i);
      await row.locator("input").nth(0).fill(a[i].age);
      await row.locator("input").nth(1).fill(a[i].weight);
      if (a[i].unit) await row.locator("select").last().selectOption({ label: unitLabel(lang, a[i].unit) });
    }
    await page.click('#question [data-answer="submit"]');
    return;
  }
  if (q.kind === "list") {
    if (!a.length) await page.click('#question [data-answer="none"]');
    else {
      await page.fill("#question input[type=text]", a.join(", "));
      await page.click('#question [data-answer="submit"]');
    }
  }
}

const shotKinds = new Set();

// Runs the interview to the result; returns the question ids asked (a
// group's items one by one, after its own id).
async function interview(page, scenario, lang, shotPrefix) {
  const asked = [];
  let view = await nextView(page, "");
  for (let i = 0; view === "question"; i++) {
    check(i < 40, "the interview did not end in 40 questions");
    const q = await currentQuestion(page);
    check(q.focused === "q-text", `focus is on ${q.focused}, not the new question (${q.id})`);
    if (lang === "zh-Hans") check(/[\u4e00-\u9fff]/.test(q.text), `question ${q.id} is not in Chinese: ${q.text}`);
    asked.push(q.id, ...q.items.map((it) => it.id));
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    check(widths.scroll <= widths.inner + 1, `question ${q.id}: the page is ${widths.scroll} px wide in a ${widths.inner} px window`);
    if (i === 0 && shotPrefix) await page.screenshot({ path: join(OUT, shotPrefix + "-question.png"), fullPage: true });
    // One picture of each kind of question, as first asked (a group filled in).
    const shot = shotPrefix && !shotKinds.has(shotPrefix + q.kind);
    if (shot) shotKinds.add(shotPrefix + q.kind);
    if (q.kind === "group") {
      await fillGroup(page, q, scenario, lang);
      if (shot) await page.screenshot({ path: join(OUT, `${shotPrefix}-kind-group.png`), fullPage: true });
      await page.click('#question [data-answer="submit"]');
    } else {
      if (shot) await page.screenshot({ path: join(OUT, `${shotPrefix}-kind-${q.kind}.png`), fullPage: true });
      await answerQuestion(page, q, scenario, lang);
    }
    view = await nextView(page, q.step);
  }
  check(view === "result", "the interview ended in " + view);
  // Every answer reached the case: nothing was asked twice.
  const ids = asked.filter((id) => !id.startsWith("group:"));
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  check(!twice.length, "asked again: " + twice.join(", "));
  return asked;
}

async function checkResult(page, lang) {
  // The announcement comes a moment after the result (see app.js).
  await page.waitForFunction(() => document.getElementById("status").textContent.length > 0, null, { timeout: 5000 })
    .catch(() => {});
  const r = await page.evaluate(() => {
    const banner = document.querySelector("#result .triage");
    const causes = [...document.querySelectorAll("#result article.cause")].map((c) => ({
      id: c.dataset.cause, name: c.querySelector("h3").textContent, pct: c.querySelector(".pct").textContent,
      bar: c.querySelector(".bar-fill").style.width, why: c.querySelectorAll(".why li").length }));
    const first = document.querySelector("#result > :not(h1)");
    return {
      level: banner && banner.dataset.level, title: banner && banner.querySelector("h2").textContent,
      bannerFirst: first === banner, focused: document.activeElement && document.activeElement.id,
      causes, treatments: document.querySelectorAll("#result .treatment .badge").length,
      badge: (document.querySelector("#result .treatment .badge") || {}).textContent,
      sources: [...document.querySelectorAll("#result .sources a")].map((a) => a.getAttribute("href")),
      disclaimer: (document.querySelector("#result .disclaimer") || {}).textContent,
      status: document.getElementById("status").textContent,
      htmlLang: document.documentElement.lang
    };
  });
  check(["emergency", "urgent", "consult", "self_care"].includes(r.level), "no triage banner");
  check(r.bannerFirst, "the triage banner is not the first thing in the result");
  check(r.focused === "triage-title", "focus is not on the triage banner: " + r.focused);
  check(r.causes.length >= 1, "no causes shown");
  check(r.causes.every((c) => /%$/.test(c.pct) && /%$/.test(c.bar)), "a cause lacks its probability bar");
  check(r.sources.length > 0 && r.sources.every((h) => /^https?:\/\//.test(h)), "sources are not links");
  check(r.disclaimer && r.disclaimer.length > 20, "no disclaimer");
  check(r.status.length > 0, "the result was not announced (aria-live status)");
  check(r.htmlLang === lang, "html lang is " + r.htmlLang);
  if (lang === "zh-Hans") {
    check(/[\u4e00-\u9fff]/.test(r.title), "the banner is not in Chinese: " + r.title);
    check(r.causes.every((c) => /[\u4e00-\u9fff]/.test(c.name)), "cause names are not in Chinese");
  }
  return r;
}

async function chartLoaded(page) {
  await page.waitForFunction(() => {
    const img = document.querySelector("#growth-chart img");
    return img && img.complete && img.naturalWidth > 0;
  }, null, { timeout: 15000 });
  await page.waitForSelector("#growth-chart table.growth-table", { timeout: 15000 });
}

// The full page in one image, and screen by screen (easier to look at).
async function shoot(page, name) {
  await page.screenshot({ path: join(OUT, name + ".png"), fullPage: true });
  const h = await page.evaluate(() => document.documentElement.scrollHeight);
  const vh = page.viewportSize().height;
  for (let i = 0, y = 0; y < h && i < 20; i++, y += vh) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.screenshot({ path: join(OUT, `${name}-${i + 1}.png`) });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

// --- tests ---------------------------------------------------------------

async function run(name, fn) {
  currentTest = name;
  const t0 = Date.now();
  try {
    await fn();
    console.log(`ok   ${name.padEnd(48)} ${((Date.now() - t0) / 1000).toFixed(2)}s`);
  } catch (e) {
    failures.push(name);
    console.log(`FAIL ${name}: ${e.stack || e}`);
  }
}

const { proc, base } = await startServer();
// Whatever happens below, the server does not outlive the test.
process.on("exit", () => { if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL"); });
const profile = mkdtempSync(join(tmpdir(), "galacta-chromium-"));
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  // Playwright gives every launch a new, empty --user-data-dir of its own;
  // the rest keeps Chromium off the network it has no business with.
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-proxy-server", `--disk-cache-dir=${profile}`]
});
const foreign = [];

async function newPage(opts) {
  const context = await browser.newContext(Object.assign({ viewport: { width: 1000, height: 900 }, locale: "en-GB" }, opts || {}));
  const page = await context.newPage();
  page.on("request", (req) => {
    const u = req.url();
    if (!u.startsWith(base) && !u.startsWith("blob:") && !u.startsWith("data:")) foreign.push(u);
  });
  const consoleErrors = [];
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  page.consoleErrors = consoleErrors;
  return page;
}

try {
  await run("interview in English to an urgent result", async () => {
    const page = await newPage();
    await page.goto(base + "?lang=en");
    check((await page.textContent("#start")) === "Start", "start button");
    await page.screenshot({ path: join(OUT, "en-intro.png"), fullPage: true });
    await page.click("#start");
    const asked = await interview(page, MASTITIS, "en", "en");
    check(asked[0] === "infant.age_days", "the first question is " + asked[0]);
    check(asked.includes("mother.temperature_c") && asked.includes("infant.weights"), "asked: " + asked.join(", "));
    const r = await checkResult(page, "en");
    check(r.level === "urgent", "triage is " + r.level + ", expected urgent (fever 39 °C with a red breast)");
    check(r.causes.some((c) => c.id === "mastitis"), "mastitis is not among the likely causes: " + r.causes.map((c) => c.id));
    check(r.causes.find((c) => c.id === "mastitis").why > 0, "mastitis has no 'why'");
    if (r.treatments) check(r.badge === "A clinician may consider", "treatment badge: " + r.badge);
    await chartLoaded(page);
    await page.click("#result details.why >> nth=0");
    await shoot(page, "en-result");
    check(page.consoleErrors.length === 0, "console errors: " + page.consoleErrors.join("; "));
    await page.context().close();
  });

  await run("interview in Chinese (简体中文)", async () => {
    const page = await newPage({ locale: "zh-CN" });
    await page.goto(base + "?lang=zh-Hans");
    check((await page.textContent("#start")) === "开始", "start button not in Chinese");
    check((await page.getAttribute("html", "lang")) === "zh-Hans", "html lang");
    await page.click("#start");
    await interview(page, MASTITIS, "zh-Hans", "zh");
    const r = await checkResult(page, "zh-Hans");
    check(r.level === "urgent", "triage is " + r.level);
    check(r.causes.some((c) => c.id === "mastitis"), "mastitis not shown");
    if (r.treatments) check(r.badge === "医生可能考虑", "treatment badge: " + r.badge);
    await chartLoaded(page);
    await shoot(page, "zh-result");
    check(page.consoleErrors.length === 0, "console errors: " + page.consoleErrors.join("; "));
    await page.context().close();
  });

  await run("a bad number is refused, in the unit chosen", async () => {
    const page = await newPage();
    let posts = 0;
    page.on("request", (req) => { if (req.method() === "POST") posts++; });
    await page.goto(base + "?lang=en");
    await page.click("#start");
    await nextView(page, "");
    const q = await currentQuestion(page);
    check(q.kind === "number", "the first question is not a number");
    const before = posts;
    const input = page.locator("#question input[type=text]").first();
    const error = page.locator("#question .error").first();
    await input.fill("abc");
    await page.click('#question [data-answer="submit"]');
    check(/is not a number/.test(await error.textContent()), "letters accepted");
    check((await input.getAttribute("aria-invalid")) === "true", "aria-invalid not set");
    check((await page.evaluate(() => document.activeElement.tagName)) === "INPUT", "focus did not return to the input");
    await input.fill("9000");
    await page.click('#question [data-answer="submit"]');
    check(/from 0 to 1856 days/.test(await error.textContent()), "out of range accepted: " + (await error.textContent()));
    await page.locator("#question select").selectOption({ label: "weeks" });
    await input.fill("300");
    await page.keyboard.press("Enter");
    check(/from 0 to 265\.1 weeks/.test(await error.textContent()), "range not in weeks: " + (await error.textContent()));
    check(posts === before, "a refused number was sent to the server");
    await page.screenshot({ path: join(OUT, "en-bad-number.png"), fullPage: true });
    // Accepted in another unit: 2 weeks is 14 days.
    await input.fill("2");
    await page.keyboard.press("Enter");
    check((await nextView(page, q.step)) === "question", "no next question");
    check(posts === before + 1, "the good number was not sent");
    await page.context().close();
  });

  await run("an answer the server refuses is shown and asked again", async () => {
    const page = await newPage();
    await page.goto(base + "?lang=en");
    await page.click("#start");
    let view = await nextView(page, "");
    let refused = false;
    for (let i = 0; view === "question" && i < 40; i++) {
      const q = await currentQuestion(page);
      if (q.id === "infant.weights" && !refused) {
        // Weighed at 30 days, but the baby is 21 days old: each number is
        // in its range, only the server sees they cannot both be true.
        await answerQuestion(page, q, { "infant.weights": [{ age: "30", weight: "4000" }] }, "en");
        view = await nextView(page, q.step);
        const again = await currentQuestion(page);
        check(again.id === "infant.weights", "the refused question was not asked again: " + again.id);
        const msg = await page.textContent("#question .server-error");
        check(/after the infant's age/.test(msg) && /infant\.weights\[0\]/.test(msg), "server message: " + msg);
        check(again.focused === "q-text", "focus after a refused answer: " + again.focused);
        await page.screenshot({ path: join(OUT, "en-refused-by-server.png"), fullPage: true });
        refused = true;
        continue;
      }
      await answerQuestion(page, q, MASTITIS, "en");
      view = await nextView(page, q.step);
    }
    check(refused, "the interview never asked for the weights");
    check(view === "result", "the interview did not reach the result after the refusal");
    await page.context().close();
  });

  // Start, answer the age (10 days) and "don't know" to the weights, and
  // wait for the first group of questions. Returns it.
  async function toFirstGroup(page) {
    await page.goto(base + "?lang=en");
    await page.click("#start");
    let view = await nextView(page, "");
    for (let i = 0; view === "question" && i < 10; i++) {
      const q = await currentQuestion(page);
      if (q.kind === "group") return q;
      await answerQuestion(page, q, { "infant.age_days": { value: "10" } }, "en");
      view = await nextView(page, q.step);
    }
    throw new Error("no group of questions among the first ones");
  }

  await run("a bad number inside a group is refused, naming the question", async () => {
    const page = await newPage();
    let posts = 0;
    page.on("request", (req) => { if (req.method() === "POST") posts++; });
    const q = await toFirstGroup(page);
    const num = q.items.find((it) => it.kind === "number" && it.id === "infant.wet_diapers_per_24h")
      || q.items.find((it) => it.kind === "number");
    check(num, "the group " + q.id + " has no number: " + q.items.map((it) => it.id));
    const row = page.locator(`#question [data-item="${num.id}"]`);
    const label = (await row.locator("label").first().textContent()).trim();
    const input = row.locator("input[type=text]");
    const error = row.locator(".error");
    const summary = page.locator("#question .group-error");
    const before = posts;
    await input.fill("abc");
    await page.click('#question [data-answer="submit"]');
    check(/is not a number/.test(await error.textContent()), "letters accepted: " + (await error.textContent()));
    check((await summary.textContent()).includes(label), "the message does not name the question: " + (await summary.textContent()));
    check((await input.getAttribute("aria-invalid")) === "true", "aria-invalid not set");
    check((await page.evaluate(() => document.activeElement.closest("[data-item]") && document.activeElement.closest("[data-item]").dataset.item)) === num.id,
      "focus did not go to the refused number");
    await input.fill("9999");
    await page.keyboard.press("Enter");
    check(/^Enter a number from -?\d+(\.\d+)? to \d+(\.\d+)?/.test(await error.textContent()), "out of range accepted: " + (await error.textContent()));
    check(posts === before, "a refused number was sent to the server");
    await page.screenshot({ path: join(OUT, "en-group-bad-number.png"), fullPage: true });
    // A good number, the rest left blank ("don't know"): the group is sent
    // once, and none of its questions comes back.
    await input.fill("6");
    await page.click('#question [data-answer="submit"]');
    check((await nextView(page, q.step)) === "question", "no question after the group");
    check(posts === before + 1, "the group was not sent once: " + (posts - before));
    const next = await currentQuestion(page);
    check(next.id !== q.id || next.items.every((it) => !q.items.some((o) => o.id === it.id)),
      "the group came back: " + next.id);
    check(![next.id, ...next.items.map((it) => it.id)].some((id) => q.items.some((o) => o.id === id)),
      "an answered question was asked again: " + next.id);
    await page.context().close();
  });

  await run("back takes a whole group back, with its answers", async () => {
    const page = await newPage();
    const q = await toFirstGroup(page);
    const finding = q.items.find((it) => it.kind === "finding");
    const num = q.items.find((it) => it.kind === "number");
    check(finding && num, "the group has no finding and number: " + q.items.map((it) => it.kind));
    const answers = { [finding.id]: true, [num.id]: { value: "6" } };
    // Keyboard: Tab from the title reaches the first item's "Yes"; the
    // arrow keys move between its answers.
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => ({ value: document.activeElement.value,
      item: document.activeElement.closest("[data-item]") && document.activeElement.closest("[data-item]").dataset.item }));
    check(first.item === q.items[0].id && first.value === "yes", "Tab from the title reaches " + JSON.stringify(first));
    if (q.items[0].kind === "finding") {
      await page.keyboard.press("ArrowRight");
      check(await page.isChecked(`#question [data-item="${q.items[0].id}"] input[value="no"]`), "the arrow key did not choose No");
    }
    await fillGroup(page, q, answers, "en");
    await page.click('#question [data-answer="submit"]');
    check((await nextView(page, q.step)) === "question", "no question after the group");
    const after = await currentQuestion(page);
    await page.click("#back");
    await nextView(page, after.step);
    const again = await currentQuestion(page);
    check(again.id === q.id && JSON.stringify(again.items) === JSON.stringify(q.items), "back did not return to the group: " + again.id);
    check(again.focused === "q-text", "focus after back: " + again.focused);
    check(await page.isChecked(`#question [data-item="${finding.id}"] input[value="yes"]`), "the group's answer was not shown again");
    check((await page.inputValue(`#question [data-item="${num.id}"] input[type=text]`)) === "6", "the number was not shown again");
    await page.click("#back");
    await nextView(page, again.step);
    const before = await currentQuestion(page);
    check(before.kind !== "group" && before.id === "infant.weights", "a second back went to " + before.id + ", not the question before the group");
    await page.context().close();
  });

  await run("an emergency is shown at once, above the next question", async () => {
    // The words of the emergency banner, from galacta itself: the triage of
    // a case with thoughts of self-harm (kb/triage.yaml self_harm).
    const resp = await fetch(base + "v1/assess?lang=en", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ format: "galacta-case/1", findings: { self_harm_thoughts: true } }) });
    const want = (await resp.json()).triage;
    check(want.level === "emergency", "self-harm is not an emergency: " + want.level);
    const action = want.reasons.find((r) => r.rule === "self_harm").action;
    const page = await newPage();
    const q = await toFirstGroup(page);
    check(q.items.some((it) => it.id === "self_harm_thoughts"), "the first group does not ask about self-harm: " + q.id);
    check(!(await page.$("#emergency-now")), "an emergency banner before anything points to one");
    await fillGroup(page, q, { self_harm_thoughts: true }, "en");
    await page.click('#question [data-answer="submit"]');
    check((await nextView(page, q.step)) === "question", "no question after the group");
    const banner = await page.evaluate(() => {
      const b = document.getElementById("emergency-now");
      if (!b) return null;
      const qt = document.getElementById("q-text");
      return { role: b.getAttribute("role"), title: b.querySelector("h2").textContent, text: b.textContent,
        before: Boolean(b.compareDocumentPosition(qt) & Node.DOCUMENT_POSITION_FOLLOWING),
        button: (b.querySelector("#emergency-result") || {}).textContent };
    });
    check(banner, "no emergency banner after self-harm was ticked");
    check(banner.role === "alert", "the banner is not announced: role " + banner.role);
    check(banner.title === want.title && banner.text.includes(want.text) && banner.text.includes(action),
      "the banner does not have the result's words: " + banner.text);
    check(banner.before, "the banner is not above the question");
    check(banner.button === "See the result now", "no button to the result: " + banner.button);
    await page.screenshot({ path: join(OUT, "en-emergency-banner.png"), fullPage: true });
    // The next question: the banner stays, announced once.
    const next = await currentQuestion(page);
    await answerQuestion(page, next, {}, "en");
    if ((await nextView(page, next.step)) === "question") {
      const role = await page.evaluate(() => {
        const b = document.getElementById("emergency-now");
        return b ? String(b.getAttribute("role")) : "none";
      });
      check(role === "null", "the banner at the question after: " + role + " (it stays, announced once)");
    }
    const shown = await currentQuestion(page);
    await page.click("#emergency-result");
    check((await nextView(page, shown.step)) === "result", "the button did not show the result");
    const r = await checkResult(page, "en");
    check(r.level === "emergency" && r.title === want.title, "the result is " + r.level);
    check(page.consoleErrors.length === 0, "console errors: " + page.consoleErrors.join("; "));
    await page.context().close();
  });

  await run("keyboard only, back, and switching language", async () => {
    const page = await newPage();
    await page.goto(base + "?lang=en");
    await page.focus("#start");
    await page.keyboard.press("Enter");
    await nextView(page, "");
    let q = await currentQuestion(page);
    check(q.focused === "q-text", "focus not on the question");
    await page.keyboard.press("Tab");
    await page.keyboard.type("10");
    await page.keyboard.press("Enter");
    await nextView(page, q.step);
    const q2 = await currentQuestion(page);
    check(q2.id !== q.id, "no new question after keyboard answer");
    if (q2.kind === "finding") {
      await page.keyboard.press("Tab"); // the first answer button: "Yes"
      const label = await page.evaluate(() => document.activeElement.dataset.answer);
      check(label === "yes", "Tab from the question reaches " + label + ", not Yes");
    }
    await page.click("#back");
    await nextView(page, q2.step);
    check((await currentQuestion(page)).id === q.id, "back did not return to the previous question");
    const prev = await currentQuestion(page);
    await page.click('button[data-lang="zh-Hans"]');
    await nextView(page, prev.step);
    const zq = await currentQuestion(page);
    check(zq.id === q.id && /[\u4e00-\u9fff]/.test(zq.text), "the question did not switch to Chinese: " + zq.text);
    check((await page.getAttribute('button[data-lang="zh-Hans"]', "aria-pressed")) === "true", "aria-pressed");
    await page.context().close();
  });

  await run("phone width (375 px): no sideways scrolling", async () => {
    const page = await newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await page.goto(base + "?lang=zh-Hans");
    await page.click("#start");
    await nextView(page, "");
    await page.screenshot({ path: join(OUT, "phone-zh-question.png") });
    // Every question, groups too, is checked for sideways scrolling.
    await interview(page, MASTITIS, "zh-Hans", "phone-zh");
    await checkResult(page, "zh-Hans");
    await chartLoaded(page);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    check(widths.scroll <= widths.inner + 1, `the page is ${widths.scroll} px wide in a ${widths.inner} px window`);
    await shoot(page, "phone-zh-result");
    await page.context().close();
  });

  await run("nothing but this server was asked", async () => {
    check(foreign.length === 0, "requests to other hosts: " + foreign.join(", "));
  });
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
  // A graceful stop, and (in sanitized builds) no leak report: status 0.
  proc.removeAllListeners("exit");
  const exited = new Promise((res) => proc.once("exit", (code, sig) => res(code === null ? sig : code)));
  proc.kill("SIGTERM");
  const status = await exited;
  if (status !== 0) failures.push("galacta serve exit status " + status);
}

console.log("screenshots in " + OUT);
if (failures.length) {
  console.log(`${failures.length} failed: ${failures.join(", ")}`);
  process.exit(1);
}
console.log("all browser tests passed");
