// The verdict of a test run, and the closing line CI reads: "N passed, N failed" (", N skipped"
// when any were). It never trusts a report's own totals: for each layer it compares the tests
// that were planned (listed before the run) with the results, and counts as failed every
// planned test that did not pass, every error outside the tests, a non-zero exit status, and a
// layer in which no test passed. Only tests marked skip/todo in the source count as skipped.
//
// Each layer NAME leaves these files in test-results/ (written by scripts/test.mjs):
//   NAME.plan.json    the planned tests (`vitest list --json`, `playwright test --list --reporter=json`;
//                     for the layer "check", the names of the checks)
//   NAME.json         the report (Vitest's or Playwright's JSON reporter; for "check", how each check ended)
//   NAME.errors.json  Vitest only: errors outside the tests (scripts/vitest-errors-reporter.mjs)
//   NAME.run.json     how the layer's commands ended: { runner, exitCode, signal, seconds }
//
// Usage: node scripts/test-summary.mjs NAME|path/NAME.json [...]; exits 1 when anything failed.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** How many test names a problem line quotes before "…". */
const QUOTED = 3;
/** How many failed tests of a layer have the start of their error quoted (CI's log shows only the summary). */
const EXPLAINED = 5;

/**
 * Reads one JSON file: its value, `undefined` when the file does not exist, or an Error when it
 * cannot be read or parsed.
 */
export function readJson(file) {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** The files of one layer, named by its name or by the path of its report. */
export function layerFiles(nameOrReport, dir = "test-results") {
  const base = nameOrReport.endsWith(".json") ? path.join(path.dirname(nameOrReport), path.basename(nameOrReport, ".json")) : path.join(dir, nameOrReport);
  return { name: path.basename(base), report: `${base}.json`, plan: `${base}.plan.json`, errors: `${base}.errors.json`, run: `${base}.run.json` };
}

export function loadLayer(nameOrReport, dir) {
  const f = layerFiles(nameOrReport, dir);
  return { name: f.name, report: readJson(f.report), plan: readJson(f.plan), errors: readJson(f.errors), run: readJson(f.run) };
}

const isVitestReport = (r) => r !== null && typeof r === "object" && Array.isArray(r.testResults);
const isPlaywrightReport = (r) => r !== null && typeof r === "object" && Array.isArray(r.suites) && r.stats !== undefined;

/** A multiset of test keys. */
class Bag {
  map = new Map();
  add(key, value) {
    const list = this.map.get(key) ?? [];
    list.push(value);
    this.map.set(key, list);
  }
  take(key) {
    const list = this.map.get(key);
    if (!list || list.length === 0) return undefined;
    return list.shift();
  }
  *rest() {
    for (const [key, list] of this.map) for (const v of list) yield [key, v];
  }
}

function shortFile(file) {
  const rel = path.isAbsolute(file) ? path.relative(process.cwd(), file) : file;
  return rel.startsWith("..") ? file : rel;
}

function quote(names) {
  const shown = names
    .slice(0, QUOTED)
    .map((n) => `"${n}"`)
    .join(", ");
  return names.length > QUOTED ? `${shown} and ${names.length - QUOTED} more` : shown;
}

/** The start of the error of the first few failed tests: what a reader of CI's log needs first. */
function explain(failed) {
  return failed
    .filter((t) => t.message)
    .slice(0, EXPLAINED)
    .map((t) => `  why "${t.name.slice(0, 80)}": ${errorStart(t.message)}`);
}

/** Groups test names by file into one problem line per file. */
function perFile(entries, what) {
  const byFile = new Map();
  for (const { file, name } of entries) byFile.set(file, [...(byFile.get(file) ?? []), name]);
  return [...byFile].map(([file, names]) => `${shortFile(file)}: ${names.length} ${what}: ${quote(names)}`);
}

// ---------------------------------------------------------------------------------------------
// Vitest

const vitestKey = (file, name) => `${file}\u0000${name}`;

/**
 * Vitest: the plan (`vitest list --json`) holds every test that is to run (those marked
 * skip/todo are left out of it); the report's own totals are not used.
 */
function judgeVitest({ report, plan, errors }) {
  const c = { passed: 0, failed: 0, skipped: 0 };
  const problems = [];
  const planned = new Bag();
  if (Array.isArray(plan)) for (const t of plan) planned.add(vitestKey(t.file, t.name), { file: t.file, name: t.name });

  const notRun = [];
  const failedTests = [];
  if (isVitestReport(report)) {
    for (const file of report.testResults) {
      let failedHere = 0;
      for (const a of file.assertionResults ?? []) {
        const name = [...(a.ancestorTitles ?? []), a.title].join(" > ");
        const wasPlanned = planned.take(vitestKey(file.name, name)) !== undefined;
        if (a.status === "passed") c.passed++;
        else if (a.status === "failed") {
          c.failed++;
          failedHere++;
          failedTests.push({ file: file.name, name, message: (a.failureMessages ?? [])[0] });
        } else if (!wasPlanned && (a.status === "skipped" || a.status === "todo")) c.skipped++;
        else {
          // Planned, yet skipped or still pending: it never ran to the end.
          c.failed++;
          failedHere++;
          notRun.push({ file: file.name, name });
        }
      }
      if (file.status === "failed" && failedHere === 0) {
        c.failed++;
        problems.push(`${shortFile(file.name)}: the file failed outside its tests: ${firstLine(file.message) || "no message"}`);
      }
    }
  }
  const missing = [...planned.rest()].map(([, t]) => t);
  c.failed += missing.length;
  problems.push(...perFile(failedTests, "failed"));
  problems.push(...explain(failedTests));
  problems.push(...perFile(notRun, "planned, did not run to the end"));
  problems.push(...perFile(missing, "planned, no result (crashed or never run)"));

  if (errors instanceof Error) {
    c.failed++;
    problems.push(`errors outside tests: unreadable record (${errors.message})`);
  } else if (errors === undefined) {
    c.failed++;
    problems.push("errors outside tests: no record (the run did not finish)");
  } else {
    const list = Array.isArray(errors.unhandledErrors) ? errors.unhandledErrors : [];
    c.failed += list.length;
    for (const e of list) problems.push(`error outside tests: ${firstLine(e.message) || "unknown"}`);
    if (errors.reason && errors.reason !== "passed" && errors.reason !== "failed") problems.push(`the run ended: ${errors.reason}`);
  }
  return { counts: c, problems };
}

// ---------------------------------------------------------------------------------------------
// Playwright

function* playwrightTests(suites, titles = []) {
  for (const suite of suites ?? []) {
    // The outermost suites are the files; their title is the file name, kept in `file` instead.
    const path_ = titles.length === 0 && suite.file === suite.title ? [] : [...titles, suite.title];
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const name = [...path_, spec.title].join(" > ");
        yield {
          key: `${test.projectName}\u0000${spec.file}\u0000${name}`,
          file: spec.file,
          name: test.projectName ? `[${test.projectName}] ${name}` : name,
          test,
        };
      }
    }
    yield* playwrightTests(suite.suites, path_);
  }
}

/**
 * Playwright: the plan (`playwright test --list --reporter=json`) holds every test; Playwright
 * counts interrupted and never-run tests as "skipped", which here they are not.
 */
function judgePlaywright({ report, plan }) {
  const c = { passed: 0, failed: 0, skipped: 0 };
  const problems = [];
  const planned = new Bag();
  if (plan && !(plan instanceof Error) && Array.isArray(plan.suites)) {
    for (const t of playwrightTests(plan.suites)) planned.add(t.key, t);
    for (const e of plan.errors ?? []) {
      c.failed++;
      problems.push(`error while listing the tests: ${firstLine(e.message) || "unknown"}`);
    }
  }
  const failedTests = [];
  const notRun = [];
  if (isPlaywrightReport(report)) {
    for (const t of playwrightTests(report.suites)) {
      planned.take(t.key);
      const { status, expectedStatus, results = [] } = t.test;
      if (status === "expected" || status === "flaky") c.passed++;
      else if (status === "skipped" && expectedStatus === "skipped" && !results.some((r) => r.status === "interrupted")) c.skipped++;
      else if (status === "unexpected") {
        c.failed++;
        const last = results.at(-1);
        failedTests.push({ ...t, message: last?.error?.message ?? last?.errors?.[0]?.message });
      } else {
        // Interrupted, or never run (Playwright's "skipped" without a skip in the source).
        c.failed++;
        notRun.push(t);
      }
    }
    for (const e of report.errors ?? []) {
      c.failed++;
      problems.push(`error outside tests: ${firstLine(e.message) || "unknown"}`);
    }
  }
  const missing = [];
  for (const [, t] of planned.rest()) {
    if (t.test.expectedStatus === "skipped") c.skipped++;
    else {
      c.failed++;
      missing.push(t);
    }
  }
  problems.push(...perFile(failedTests, "failed"));
  problems.push(...explain(failedTests));
  problems.push(...perFile(notRun, "interrupted or never run"));
  problems.push(...perFile(missing, "planned, no result"));
  return { counts: c, problems };
}

// ---------------------------------------------------------------------------------------------
// Checks: the typecheck and the lint (`node scripts/test.mjs check`), each one test

const isCheckReport = (r) => r !== null && typeof r === "object" && r.runner === "check" && Array.isArray(r.checks);

/**
 * Checks: the plan lists the checks' names; the report holds how each command ended, and what it
 * found (`summary`, e.g. "3 problems (3 errors, 0 warnings)"). A check passed when its command
 * exited 0; a planned check without a result failed.
 */
function judgeChecks({ report, plan }) {
  const c = { passed: 0, failed: 0, skipped: 0 };
  const problems = [];
  const planned = Array.isArray(plan) ? [...plan] : [];
  for (const check of isCheckReport(report) ? report.checks : []) {
    const i = planned.indexOf(check.name);
    if (i >= 0) planned.splice(i, 1);
    if (check.exitCode === 0 && !check.signal) c.passed++;
    else {
      c.failed++;
      const how = check.signal ? `killed by ${check.signal}` : `exited with status ${check.exitCode}`;
      problems.push(`${check.name} failed: ${check.summary ? `${firstLine(check.summary)} (${how})` : how}`);
    }
  }
  for (const name of planned) {
    c.failed++;
    problems.push(`${name}: planned, no result`);
  }
  return { counts: c, problems };
}

// ---------------------------------------------------------------------------------------------

/** The first lines of an error message that say something (no colours, no stack), up to 400 characters. */
function errorStart(text) {
  const clean = String(text ?? "").replace(/\u001b\[[0-9;]*m/g, "");
  const lines = clean
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("at "));
  return lines.slice(0, 6).join(" ⏎ ").slice(0, 400);
}

function firstLine(text) {
  // Strip ANSI colours, keep the first non-empty line.
  const clean = String(text ?? "").replace(/\u001b\[[0-9;]*m/g, "");
  return (clean.split("\n").find((l) => l.trim() !== "") ?? "").trim().slice(0, 200);
}

/**
 * The verdict on one layer from what it left behind: `report`, `plan`, `errors` and `run` are
 * each the parsed file, `undefined` when missing, or an Error when unreadable.
 * Returns the counts and the problems, one line each, naming what failed.
 */
export function judgeLayer({ report, plan, errors, run }) {
  const runner =
    run && !(run instanceof Error) && run.runner
      ? run.runner
      : isPlaywrightReport(report) || isPlaywrightReport(plan)
        ? "playwright"
        : isCheckReport(report)
          ? "check"
          : "vitest";
  const isReport = { vitest: isVitestReport, playwright: isPlaywrightReport, check: isCheckReport }[runner] ?? isVitestReport;
  const head = [];
  let extra = 0;
  if (plan === undefined || plan instanceof Error) {
    extra++;
    head.push(plan === undefined ? "no list of planned tests (the listing did not run)" : `unreadable list of planned tests: ${plan.message}`);
  }
  if (report === undefined) head.push("no report: the layer did not run or did not finish");
  else if (report instanceof Error) head.push(`unreadable report: ${report.message}`);
  else if (!isReport(report)) head.push(`not a ${{ playwright: "Playwright", check: "check" }[runner] ?? "Vitest"} JSON report`);
  const reportUsable = isReport(report);

  const judged =
    runner === "playwright" ? judgePlaywright({ report, plan }) : runner === "check" ? judgeChecks({ report, plan }) : judgeVitest({ report, plan, errors });
  const counts = { ...judged.counts };
  counts.failed += extra;
  // Without a usable report, the planned tests are all counted as failed; at least one failure.
  if (!reportUsable && counts.failed === 0) counts.failed = 1;
  const problems = [...head, ...judged.problems];

  if (run === undefined || run instanceof Error) {
    counts.failed++;
    problems.push(run === undefined ? "no record of how the layer ended" : `unreadable record of how the layer ended: ${run.message}`);
  } else {
    const how = [];
    if (run.listExitCode !== undefined && run.listExitCode !== 0) how.push(`listing the planned tests exited with status ${run.listExitCode}`);
    if (run.exitCode !== 0 || run.signal) how.push(run.signal ? `the run was killed by ${run.signal}` : `the run exited with status ${run.exitCode}`);
    if (how.length > 0) {
      // A non-zero exit is a failure; counted once unless the failures above already explain it.
      if (counts.failed === 0) {
        counts.failed = 1;
        problems.push(`${how.join("; ")}, though the report shows no failure`);
      } else problems.push(how.join("; "));
    }
  }
  if (counts.passed === 0) {
    counts.failed++;
    problems.push("no test passed");
  }
  return { counts, problems };
}

/** The summary of several layers: one line per layer (and its problems), then the closing line. */
export function summarize(layers, dir = "test-results") {
  const total = { passed: 0, failed: 0, skipped: 0 };
  const lines = [];
  for (const layer of layers) {
    const loaded = typeof layer === "string" ? loadLayer(layer, dir) : layer;
    const { counts, problems } = judgeLayer(loaded);
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
    lines.push(`  ${loaded.name.padEnd(24)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    for (const p of problems) lines.push(`      - ${p}`);
  }
  const closing = `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`;
  return { total, lines, closing, ok: total.failed === 0 && total.passed > 0 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { lines, closing, ok } = summarize(process.argv.slice(2));
  console.log("Test summary:");
  for (const l of lines) console.log(l);
  console.log(closing);
  process.exit(ok ? 0 : 1);
}
