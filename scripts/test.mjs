// `npm test`: the three layers in turn (unit, integration on PGlite, end-to-end in
// Chromium against a production build), each writing a JSON report; then one summary.
// A failing layer does not stop the others. Exits non-zero when anything failed.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { summarize } from "./test-summary.mjs";

const layers = [
  { name: "unit", report: "test-results/unit.json", cmd: ["npx", "vitest", "run", "--project", "unit", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/unit.json"] },
  { name: "integration", report: "test-results/integration.json", cmd: ["npx", "vitest", "run", "--project", "integration", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/integration.json"] },
  { name: "e2e", report: "test-results/e2e.json", cmd: ["npx", "playwright", "test"] },
];

const only = process.argv.slice(2);
const selected = only.length ? layers.filter((l) => only.includes(l.name)) : layers;
mkdirSync("test-results", { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
delete env.TEST_DATABASE_URL; // npm test runs on PGlite; .ci/run adds the PostgreSQL run
const timings = [];
for (const layer of selected) {
  rmSync(layer.report, { force: true });
  console.log(`\n=== ${layer.name} ===`);
  const started = performance.now();
  spawnSync(layer.cmd[0], layer.cmd.slice(1), { stdio: "inherit", env });
  timings.push(`${layer.name} ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const { total, lines, closing } = summarize(selected.map((l) => l.report));
console.log(`\nTest summary (${timings.join(", ")}):`);
for (const l of lines) console.log(l);
console.log(closing);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
