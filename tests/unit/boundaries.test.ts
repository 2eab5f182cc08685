// The layer boundaries of README "Architecture", as `npm run lint` enforces them (eslint.config.mjs,
// eslint-plugin-boundaries): ESLint's Node API lints one-line files placed in each layer (they
// need not exist; the modules they import do). Every arrow the README forbids is reported, every
// arrow it allows passes, and a file outside the known layers is reported too. The expectations
// are written here by hand from the README, not derived from the configuration.
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
let eslint: ESLint;

// Loading the configuration and its plugins takes seconds; each file after that, milliseconds.
const SLOW = 60_000;
beforeAll(async () => {
  // The project's configuration, running only the boundary rules (the others are `npm run lint`'s).
  eslint = new ESLint({ cwd: root, ruleFilter: ({ ruleId }) => ruleId.startsWith("boundaries/") });
  await eslint.lintText("export {};\n", { filePath: path.join(root, "lib/domain/probe.ts") });
}, 4 * SLOW);

/** The boundary problems ESLint reports for a file at `file` (relative to the project) that imports `specifier`. */
async function problems(file: string, specifier: string, kind: "value" | "type" = "value"): Promise<string[]> {
  const source =
    kind === "type"
      ? `import type * as m from "${specifier}";\nexport type Probe = typeof m;\n`
      : `import * as m from "${specifier}";\nexport const probe = m;\n`;
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.fatal || m.ruleId?.startsWith("boundaries/")).map((m) => `${m.ruleId}: ${m.message}`);
}

const refused = (from: string, to: string) =>
  `boundaries/dependencies: There is no policy allowing dependencies from elements of type "${from}" to elements of type "${to}"`;

describe("forbidden imports fail the lint", () => {
  it.each([
    // lib/domain is pure: nothing else of Ripple, not even the base.
    ["lib/domain/probe.ts", "@/lib/db/registry", refused("lib/domain", "lib/db")],
    ["lib/domain/probe.ts", "@/lib/platform/clock", refused("lib/domain", "lib/platform")],
    ["lib/domain/probe.ts", "@/lib/validation/common", refused("lib/domain", "lib/validation")],
    // lib/platform is the base: it imports nothing else of Ripple.
    ["lib/platform/probe.ts", "@/lib/db/registry", refused("lib/platform", "lib/db")],
    ["lib/platform/probe.ts", "../domain/week", refused("lib/platform", "lib/domain")],
    // Components never import app/, a data function, or the request-level code.
    ["components/stories/probe.tsx", "@/app/layout", refused("components", "app")],
    ["components/stories/probe.tsx", "@/lib/db/stories", refused("components", "lib/db")],
    ["components/stories/probe.tsx", "@/lib/server/action", refused("components", "lib/server")],
    ["components/stories/probe.tsx", "@/lib/auth/session", refused("components", "lib/auth")],
    // lib/db stands on lib/validation, lib/domain and lib/platform only.
    ["lib/db/probe.ts", "@/lib/server/action", refused("lib/db", "lib/server")],
    ["lib/db/probe.ts", "../auth/session", refused("lib/db", "lib/auth")],
    ["lib/db/probe.ts", "@/lib/jobs/enqueue", refused("lib/db", "lib/jobs")],
    ["lib/db/probe.ts", "@/lib/pdf/leadership-summary", refused("lib/db", "lib/pdf")],
    ["lib/validation/probe.ts", "@/lib/db/registry", refused("lib/validation", "lib/db")],
    // Nothing below lib/actions imports it, and lib/actions imports no UI.
    ["lib/server/probe.ts", "@/lib/actions/stories", refused("lib/server", "lib/actions")],
    ["lib/actions/probe.ts", "@/components/ui/button", refused("lib/actions", "components")],
    ["lib/auth/probe.ts", "@/lib/server/action", refused("lib/auth", "lib/server")],
    ["lib/jobs/probe.ts", "@/lib/server/action", refused("lib/jobs", "lib/server")],
    ["lib/pdf/probe.ts", "@/lib/db/registry", refused("lib/pdf", "lib/db")],
    // Product code never imports the tests.
    ["app/(app)/probe/page.tsx", "@/tests/factories", refused("app", "tests")],
  ])(
    "%s importing %s",
    async (file, specifier, message) => {
      expect(await problems(file, specifier)).toEqual([message]);
    },
    SLOW,
  );

  it(
    "a file outside the known layers is reported: a new folder is placed in a layer first",
    async () => {
      expect(await problems("lib/newthing/probe.ts", "@/lib/domain/week")).toEqual([
        "boundaries/no-unknown-files: File does not match any file pattern and does not belong to any known element",
      ]);
      expect(await problems("elsewhere/probe.ts", "@/lib/domain/week")).toEqual([
        "boundaries/no-unknown-files: File does not match any file pattern and does not belong to any known element",
      ]);
    },
    SLOW,
  );
});

describe("allowed imports pass", () => {
  it.each([
    // Pages read lib/db directly, and render components.
    ["app/(app)/probe/page.tsx", "@/lib/db/stories"],
    ["app/(app)/probe/page.tsx", "@/components/ui/button"],
    ["app/api/probe/route.ts", "@/lib/server/route"],
    ["app/api/probe/route.ts", "@/lib/pdf/leadership-summary"],
    // Components call actions and use the pure rules, the schemas and the base.
    ["components/stories/probe.tsx", "@/lib/actions/stories"],
    ["components/stories/probe.tsx", "@/lib/domain/week"],
    ["components/stories/probe.tsx", "@/lib/validation/common"],
    ["components/stories/probe.tsx", "@/lib/platform/result"],
    ["components/stories/probe.tsx", "@/lib/utils"],
    ["lib/actions/probe.ts", "@/lib/server/action"],
    ["lib/actions/probe.ts", "@/lib/db/stories"],
    ["lib/server/probe.ts", "@/lib/auth/session"],
    ["lib/auth/probe.ts", "@/lib/db/auth"],
    ["lib/jobs/probe.ts", "@/lib/db/registry"],
    ["lib/db/probe.ts", "@/lib/validation/common"],
    ["lib/db/probe.ts", "../platform/clock"],
    ["lib/validation/probe.ts", "@/lib/domain/week"],
    ["lib/domain/probe.ts", "./week"],
    ["lib/platform/probe.ts", "./clock"],
    // Scripts and tests may import any layer.
    ["scripts/probe.ts", "@/lib/db/registry"],
    ["tests/unit/probe.test.ts", "@/app/layout"],
    ["tests/unit/probe.test.ts", "@/scripts/test-summary.mjs"],
  ])(
    "%s importing %s",
    async (file, specifier) => {
      expect(await problems(file, specifier)).toEqual([]);
    },
    SLOW,
  );

  it(
    "components may name lib/db's shapes as types (pages pass them as props), not import its values",
    async () => {
      expect(await problems("components/stories/probe.tsx", "@/lib/db/stories", "type")).toEqual([]);
      expect(await problems("components/stories/probe.tsx", "@/lib/db/stories", "value")).toEqual([refused("components", "lib/db")]);
    },
    SLOW,
  );
});
