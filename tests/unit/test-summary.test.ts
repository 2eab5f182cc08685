// The verdict of a test run (scripts/test-summary.mjs), fed crafted reports shaped like the ones
// Vitest 4 and Playwright write (the shapes were taken from real runs that crashed a worker,
// rejected a promise late, and interrupted Playwright). The expected counts are worked out by
// hand: the closing line must never say "0 failed" over a failure.
import { describe, expect, it } from "vitest";
import { judgeLayer, summarize } from "@/scripts/test-summary.mjs";

const A = "/repo/tests/unit/a.test.ts";
const B = "/repo/tests/unit/b.test.ts";

type Assertion = { ancestorTitles: string[]; title: string; status: string };
const t = (title: string, status = "passed", ancestorTitles: string[] = []): Assertion => ({ ancestorTitles, title, status });
const file = (
  name: string,
  assertionResults: Assertion[],
  status = assertionResults.some((a) => a.status === "failed") ? "failed" : "passed",
  message = "",
) => ({
  name,
  status,
  message,
  assertionResults,
});
/** A Vitest JSON report; its own totals claim success, as they did over the crashes. */
const vitestReport = (...files: ReturnType<typeof file>[]) => ({
  numTotalTests: files.reduce((n, f) => n + f.assertionResults.length, 0),
  numPassedTests: files.reduce((n, f) => n + f.assertionResults.filter((a) => a.status === "passed").length, 0),
  numFailedTests: 0,
  numPendingTests: 0,
  numTodoTests: 0,
  success: true,
  testResults: files,
});
const planned = (f: string, ...names: string[]) => names.map((name) => ({ name, file: f, projectName: "unit" }));
const vitestRun = (exitCode = 0) => ({ runner: "vitest", exitCode, signal: null, listExitCode: 0, seconds: 1 });
const noErrors = { reason: "passed", unhandledErrors: [] };

describe("Vitest layers", () => {
  const plan = [...planned(A, "one", "group > two"), ...planned(B, "three", "four")];
  const clean = vitestReport(file(A, [t("one"), t("two", "passed", ["group"])]), file(B, [t("three"), t("four")]));

  it("a clean run: every planned test passed, nothing outside the tests, exit 0", () => {
    expect(judgeLayer({ plan, report: clean, errors: noErrors, run: vitestRun(0) })).toEqual({ counts: { passed: 4, failed: 0, skipped: 0 }, problems: [] });
  });

  it("a crashed file whose tests appear nowhere: each planned test is a failure, even if the run exited 0", () => {
    const report = vitestReport(file(A, [t("one"), t("two", "passed", ["group"])]));
    const verdict = judgeLayer({ plan, report, errors: noErrors, run: vitestRun(0) });
    expect(verdict.counts).toEqual({ passed: 2, failed: 2, skipped: 0 });
    expect(verdict.problems).toEqual([expect.stringMatching(/b\.test\.ts: 2 planned, no result \(crashed or never run\): "three", "four"/)]);
  });

  it("a killed worker: its file's tests left pending, and the worker's exit as an error outside tests", () => {
    // What Vitest 4 wrote when a test sent SIGKILL to its own worker.
    const report = vitestReport(file(A, [t("one"), t("two", "passed", ["group"])]), file(B, [t("three", "pending"), t("four", "pending")]));
    const errors = {
      reason: "failed",
      unhandledErrors: [{ name: "Error", message: "[vitest-pool]: Worker forks emitted error.: Worker exited unexpectedly" }],
    };
    const verdict = judgeLayer({ plan, report, errors, run: vitestRun(1) });
    expect(verdict.counts).toEqual({ passed: 2, failed: 3, skipped: 0 });
    expect(verdict.problems).toContain("error outside tests: [vitest-pool]: Worker forks emitted error.: Worker exited unexpectedly");
    expect(verdict.problems).toContain("the run exited with status 1");
  });

  it("a late unhandled rejection: every test passed, the report says success, yet one failure", () => {
    const errors = { reason: "failed", unhandledErrors: [{ name: "Error", message: "late rejection" }] };
    const verdict = judgeLayer({ plan, report: clean, errors, run: vitestRun(1) });
    expect(verdict.counts).toEqual({ passed: 4, failed: 1, skipped: 0 });
    expect(verdict.problems).toEqual(["error outside tests: late rejection", "the run exited with status 1"]);
  });

  it("a missing report: every planned test failed", () => {
    const verdict = judgeLayer({ plan, report: undefined, errors: undefined, run: vitestRun(1) });
    // 4 planned tests without a result, and no record of errors outside tests.
    expect(verdict.counts).toEqual({ passed: 0, failed: 6, skipped: 0 });
    expect(verdict.problems[0]).toBe("no report: the layer did not run or did not finish");
    expect(verdict.problems).toContain("no test passed");
  });

  it("nothing at all (no plan, no report, no record): still a failure", () => {
    const verdict = judgeLayer({});
    expect(verdict.counts.passed).toBe(0);
    expect(verdict.counts.failed).toBeGreaterThanOrEqual(1);
  });

  it("an unreadable report is a failure", () => {
    const verdict = judgeLayer({ plan, report: new Error("Unexpected end of JSON input"), errors: noErrors, run: vitestRun(1) });
    expect(verdict.counts).toEqual({ passed: 0, failed: 5, skipped: 0 });
    expect(verdict.problems[0]).toBe("unreadable report: Unexpected end of JSON input");
  });

  it("a non-zero exit over a clean report is one failure, and it is named", () => {
    const verdict = judgeLayer({ plan, report: clean, errors: noErrors, run: vitestRun(1) });
    expect(verdict).toEqual({ counts: { passed: 4, failed: 1, skipped: 0 }, problems: ["the run exited with status 1, though the report shows no failure"] });
  });

  it("a layer killed by a signal is a failure", () => {
    const verdict = judgeLayer({ plan, report: clean, errors: noErrors, run: { ...vitestRun(0), exitCode: null, signal: "SIGKILL" } });
    expect(verdict.counts).toEqual({ passed: 4, failed: 1, skipped: 0 });
    expect(verdict.problems).toEqual(["the run was killed by SIGKILL, though the report shows no failure"]);
  });

  it("a failed listing is a failure even when the run passed", () => {
    const verdict = judgeLayer({ plan: undefined, report: clean, errors: noErrors, run: { ...vitestRun(0), listExitCode: 1 } });
    expect(verdict.counts).toEqual({ passed: 4, failed: 1, skipped: 0 });
    expect(verdict.problems).toEqual(["no list of planned tests (the listing did not run)", "listing the planned tests exited with status 1"]);
  });

  it("an empty layer (nothing planned, nothing run, exit 0) fails: each layer must pass a test", () => {
    const verdict = judgeLayer({ plan: [], report: vitestReport(), errors: noErrors, run: vitestRun(0) });
    expect(verdict).toEqual({ counts: { passed: 0, failed: 1, skipped: 0 }, problems: ["no test passed"] });
  });

  it("only tests marked skip or todo in the source count as skipped; a planned test that was skipped failed", () => {
    // `it.skip` and `it.todo` are left out of `vitest list`; "three" was planned, then skipped (a failed hook, a bail).
    const report = vitestReport(
      file(A, [t("one"), t("two", "passed", ["group"]), t("later", "skipped"), t("idea", "todo")]),
      file(B, [t("three", "skipped"), t("four")]),
    );
    const verdict = judgeLayer({ plan, report, errors: noErrors, run: vitestRun(0) });
    expect(verdict.counts).toEqual({ passed: 3, failed: 1, skipped: 2 });
    expect(verdict.problems).toEqual([expect.stringMatching(/b\.test\.ts: 1 planned, did not run to the end: "three"/)]);
  });

  it("a failed test counts once, named", () => {
    const report = vitestReport(file(A, [t("one", "failed"), t("two", "passed", ["group"])]), file(B, [t("three"), t("four")]));
    const verdict = judgeLayer({ plan, report, errors: { reason: "failed", unhandledErrors: [] }, run: vitestRun(1) });
    expect(verdict.counts).toEqual({ passed: 3, failed: 1, skipped: 0 });
    expect(verdict.problems).toEqual([expect.stringMatching(/a\.test\.ts: 1 failed: "one"/), "the run exited with status 1"]);
  });

  it("a failed test's error is quoted, its first lines without colours or stack, so CI's log says why", () => {
    const failing = {
      ...t("one", "failed"),
      failureMessages: ["\u001b[31mAssertionError: seed 42: expected [ 1 ] to deeply equal []\u001b[39m\n\n    at Object.<anonymous> (a.test.ts:3:1)"],
    };
    const report = vitestReport(file(A, [failing, t("two", "passed", ["group"])]), file(B, [t("three"), t("four")]));
    const verdict = judgeLayer({ plan, report, errors: { reason: "failed", unhandledErrors: [] }, run: vitestRun(1) });
    expect(verdict.counts).toEqual({ passed: 3, failed: 1, skipped: 0 });
    expect(verdict.problems).toEqual([
      expect.stringMatching(/a\.test\.ts: 1 failed: "one"/),
      '  why "one": AssertionError: seed 42: expected [ 1 ] to deeply equal []',
      "the run exited with status 1",
    ]);
  });

  it("a file that failed outside its tests (an afterAll hook) is a failure", () => {
    const report = vitestReport(file(A, [t("one"), t("two", "passed", ["group"])], "failed", "Error: close failed"), file(B, [t("three"), t("four")]));
    const verdict = judgeLayer({ plan, report, errors: noErrors, run: vitestRun(1) });
    expect(verdict.counts).toEqual({ passed: 4, failed: 1, skipped: 0 });
    expect(verdict.problems[0]).toMatch(/a\.test\.ts: the file failed outside its tests: Error: close failed/);
  });

  it("tests with the same name are matched one for one", () => {
    const twice = [...planned(A, "same", "same")];
    const report = vitestReport(file(A, [t("same")]));
    expect(judgeLayer({ plan: twice, report, errors: noErrors, run: vitestRun(0) }).counts).toEqual({ passed: 1, failed: 1, skipped: 0 });
  });
});

// Playwright JSON: suites are files, then describes; each spec holds one test per project.
type PwTest = { expectedStatus: string; status: string; results: { status: string }[] };
const pwTest = (status: string, results: string[], expectedStatus = "passed"): PwTest => ({
  expectedStatus,
  status,
  results: results.map((s) => ({ status: s })),
});
const spec = (title: string, test: PwTest, f = "a.spec.ts") => ({ title, file: f, tests: [{ projectName: "chromium", annotations: [], ...test }] });
const pwReport = (specs: ReturnType<typeof spec>[], errors: { message: string }[] = []) => ({
  suites: [{ title: "a.spec.ts", file: "a.spec.ts", specs: specs.slice(0, 1), suites: [{ title: "a group", file: "a.spec.ts", specs: specs.slice(1) }] }],
  errors,
  stats: {
    expected: specs.filter((s) => s.tests[0]!.status === "expected").length,
    unexpected: 0,
    flaky: 0,
    skipped: specs.filter((s) => s.tests[0]!.status === "skipped").length,
  },
});
const pwRun = (exitCode = 0) => ({ runner: "playwright", exitCode, signal: null, listExitCode: 0, seconds: 1 });
// The plan: what `playwright test --list --reporter=json` writes (no results yet).
const pwPlan = pwReport([
  spec("signs in", pwTest("skipped", [])),
  spec("writes a story", pwTest("skipped", [])),
  spec("exports", pwTest("skipped", [])),
  spec("not on phones yet", pwTest("skipped", [], "skipped")),
]);

describe("Playwright layers", () => {
  it("interrupted and never-run tests are failures, not skips; a skip in the source is a skip", () => {
    const report = pwReport([
      spec("signs in", pwTest("expected", ["passed"])),
      spec("writes a story", pwTest("skipped", ["interrupted"])),
      spec("exports", pwTest("skipped", [])),
      spec("not on phones yet", pwTest("skipped", ["skipped"], "skipped")),
    ]);
    const verdict = judgeLayer({ plan: pwPlan, report, run: pwRun(1) });
    expect(verdict.counts).toEqual({ passed: 1, failed: 2, skipped: 1 });
    expect(verdict.problems).toEqual([
      'a.spec.ts: 2 interrupted or never run: "[chromium] a group > writes a story", "[chromium] a group > exports"',
      "the run exited with status 1",
    ]);
  });

  it("an error outside the tests (the web server did not start) counts, and the tests it stopped failed", () => {
    const report = pwReport([], [{ message: "Error: Timed out waiting 240000ms from config.webServer." }]);
    const verdict = judgeLayer({ plan: pwPlan, report, run: pwRun(1) });
    // 3 planned tests without a result (the fourth is a skip in the source) and the error.
    expect(verdict.counts).toEqual({ passed: 0, failed: 5, skipped: 1 });
    expect(verdict.problems[0]).toBe("error outside tests: Error: Timed out waiting 240000ms from config.webServer.");
  });

  it("a test that passed its runtime test.skip() counts as skipped", () => {
    const report = pwReport([
      spec("signs in", pwTest("expected", ["passed"])),
      spec("writes a story", pwTest("expected", ["passed"])),
      spec("exports", pwTest("skipped", ["skipped"], "skipped")),
      spec("not on phones yet", pwTest("skipped", ["skipped"], "skipped")),
    ]);
    expect(judgeLayer({ plan: pwPlan, report, run: pwRun(0) })).toEqual({ counts: { passed: 2, failed: 0, skipped: 2 }, problems: [] });
  });

  it("a missing report: every planned test failed", () => {
    const verdict = judgeLayer({ plan: pwPlan, report: undefined, run: pwRun(1) });
    expect(verdict.counts).toEqual({ passed: 0, failed: 4, skipped: 1 });
  });
});

// The layer "check" (scripts/test.mjs): `npm run typecheck` and `npm run lint`, one test each.
const checkPlan = ["typecheck", "lint"];
const checkResult = (name: string, exitCode: number | null, summary = "", signal: string | null = null) => ({ name, exitCode, signal, summary });
const checkReport = (...checks: ReturnType<typeof checkResult>[]) => ({ runner: "check", checks });
const checkRun = (exitCode = 0) => ({ runner: "check", exitCode, signal: null, listExitCode: 0, seconds: 1 });

describe("check layers (typecheck and lint)", () => {
  it("both checks passed: two tests passed", () => {
    const report = checkReport(checkResult("typecheck", 0), checkResult("lint", 0));
    expect(judgeLayer({ plan: checkPlan, report, run: checkRun(0) })).toEqual({ counts: { passed: 2, failed: 0, skipped: 0 }, problems: [] });
  });

  it("a forbidden import fails the lint: one failure, named with what ESLint found", () => {
    const report = checkReport(checkResult("typecheck", 0), checkResult("lint", 1, "1 problem (1 error, 0 warnings)"));
    const verdict = judgeLayer({ plan: checkPlan, report, run: checkRun(1) });
    expect(verdict.counts).toEqual({ passed: 1, failed: 1, skipped: 0 });
    expect(verdict.problems).toEqual(["lint failed: 1 problem (1 error, 0 warnings) (exited with status 1)", "the run exited with status 1"]);
  });

  it("a check without a result (the run stopped) failed", () => {
    const report = checkReport(checkResult("typecheck", 2, "3 type errors"));
    const verdict = judgeLayer({ plan: checkPlan, report, run: checkRun(2) });
    expect(verdict.counts).toEqual({ passed: 0, failed: 3, skipped: 0 });
    expect(verdict.problems).toEqual([
      "typecheck failed: 3 type errors (exited with status 2)",
      "lint: planned, no result",
      "the run exited with status 2",
      "no test passed",
    ]);
  });

  it("a check killed by a signal failed", () => {
    const report = checkReport(checkResult("typecheck", 0), checkResult("lint", null, "", "SIGKILL"));
    expect(judgeLayer({ plan: checkPlan, report, run: checkRun(1) }).counts).toEqual({ passed: 1, failed: 1, skipped: 0 });
  });

  it("no report at all: both planned checks failed", () => {
    const verdict = judgeLayer({ plan: checkPlan, report: undefined, run: checkRun(1) });
    expect(verdict.counts).toEqual({ passed: 0, failed: 3, skipped: 0 });
    expect(verdict.problems).toContain("lint: planned, no result");
  });

  it('a failing check is counted in the closing line: never "0 failed"', () => {
    const unit = { name: "unit", plan: planned(A, "one"), report: vitestReport(file(A, [t("one")])), errors: noErrors, run: vitestRun(0) };
    const check = {
      name: "check",
      plan: checkPlan,
      report: checkReport(checkResult("typecheck", 0), checkResult("lint", 1, "2 problems (2 errors, 0 warnings)")),
      run: checkRun(1),
    };
    const both = summarize([check, unit]);
    expect(both.closing).toBe("2 passed, 1 failed");
    expect(both.ok).toBe(false);
    expect(both.lines[0]).toMatch(/^ {2}check +1 passed, 1 failed, 0 skipped$/);
  });
});

describe("the closing line", () => {
  it("sums the layers and keeps the format CI reads", () => {
    const plan = planned(A, "one");
    const report = vitestReport(file(A, [t("one"), t("later", "skipped")]));
    const good = { name: "unit", plan, report, errors: noErrors, run: vitestRun(0) };
    const crashed = { name: "integration", plan, report: vitestReport(), errors: noErrors, run: vitestRun(1) };
    expect(summarize([good]).closing).toBe("1 passed, 0 failed, 1 skipped");
    expect(summarize([good]).ok).toBe(true);
    const both = summarize([good, crashed]);
    // integration: "one" has no result, and no test passed.
    expect(both.closing).toBe("1 passed, 2 failed, 1 skipped");
    expect(both.ok).toBe(false);
    expect(both.lines[0]).toMatch(/^ {2}unit +1 passed, 0 failed, 1 skipped$/);
  });

  it("omits skipped when none were", () => {
    const good = { name: "unit", plan: planned(A, "one"), report: vitestReport(file(A, [t("one")])), errors: noErrors, run: vitestRun(0) };
    expect(summarize([good]).closing).toBe("1 passed, 0 failed");
  });
});
