// Reads the JSON reports that Vitest and Playwright wrote and prints one line per layer,
// then the closing line CI reads: "N passed, N failed" (", N skipped" when any were).
// Usage: node scripts/test-summary.mjs <report.json> [...]; exits 1 when a report is
// missing or any test failed.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** Counts from a Vitest (--reporter=json) or Playwright (json reporter) report. */
export function countReport(json) {
  if (json && typeof json.numPassedTests === "number") {
    return { passed: json.numPassedTests, failed: json.numFailedTests + (json.numRuntimeErrorTestSuites ?? 0) + (json.success === false && json.numFailedTests === 0 ? 1 : 0), skipped: json.numPendingTests + (json.numTodoTests ?? 0) };
  }
  if (json && json.stats && typeof json.stats.expected === "number") {
    return { passed: json.stats.expected + json.stats.flaky, failed: json.stats.unexpected + (json.errors?.length ?? 0), skipped: json.stats.skipped };
  }
  throw new Error("not a Vitest or Playwright JSON report");
}

export function summarize(files) {
  const total = { passed: 0, failed: 0, skipped: 0 };
  const lines = [];
  for (const file of files) {
    const name = path.basename(file, ".json");
    let c;
    if (!existsSync(file)) c = { passed: 0, failed: 1, skipped: 0, note: "no report: the layer did not run" };
    else {
      try {
        c = countReport(JSON.parse(readFileSync(file, "utf8")));
      } catch (error) {
        c = { passed: 0, failed: 1, skipped: 0, note: `unreadable report: ${error.message}` };
      }
    }
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
    lines.push(`  ${name.padEnd(12)} ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped${c.note ? ` (${c.note})` : ""}`);
  }
  const closing = `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`;
  return { total, lines, closing };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { total, lines, closing } = summarize(process.argv.slice(2));
  console.log("Test summary:");
  for (const l of lines) console.log(l);
  console.log(closing);
  process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
}
