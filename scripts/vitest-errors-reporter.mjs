// A Vitest reporter that keeps what the JSON reporter leaves out: the errors outside any test
// (a crashed worker, an unhandled rejection, an error thrown after a test ended) and how the run
// ended. scripts/test.mjs names the file in RIPPLE_TEST_ERRORS_FILE; scripts/test-summary.mjs
// counts each error as a failure.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export default class ErrorsReporter {
  onTestRunEnd(_testModules, unhandledErrors, reason) {
    const file = process.env.RIPPLE_TEST_ERRORS_FILE;
    if (!file) return;
    mkdirSync(path.dirname(file), { recursive: true });
    const errors = (unhandledErrors ?? []).map((e) => ({
      name: e?.name ?? "Error",
      message: [e?.message ?? String(e), e?.cause?.message].filter(Boolean).join(": "),
    }));
    writeFileSync(file, JSON.stringify({ reason, unhandledErrors: errors }, null, 2));
  }
}
