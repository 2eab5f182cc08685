// .env.example lists every environment variable the code reads: the settings of lib/platform/env.ts
// and every variable read from `process.env` in the sources, scripts and tests, and the variables .ci/run takes.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { envSchema } from "@/lib/platform/env";

const ROOT = path.resolve(".");
const SKIP = new Set(["node_modules", ".next", ".data", "test-results", "generated", ".git"]);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    SKIP.has(e.name) ? [] : e.isDirectory() ? walk(path.join(dir, e.name)) : /\.(ts|tsx|mjs|cjs|js)$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

const listed = new Set([...readFileSync(".env.example", "utf8").matchAll(/^(?:# )?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));

describe(".env.example", () => {
  it("lists every setting of lib/platform/env.ts, with its default", () => {
    const defaults = envSchema.parse({}) as Record<string, unknown>;
    const names = [...readFileSync("lib/platform/env.ts", "utf8").matchAll(/^ {2}([A-Z][A-Z0-9_]*): /gm)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(15);
    expect(names.filter((n) => !listed.has(n))).toEqual([]);
    const example = readFileSync(".env.example", "utf8");
    for (const [name, value] of Object.entries(defaults)) {
      if (value === undefined || name === "NODE_ENV") continue;
      const line = example.match(new RegExp(`^(?:# )?${name}=(.*)$`, "m"))?.[1]?.replace(/^"(.*)"$/, "$1");
      expect(line, `${name}'s default`).toBe(String(value));
    }
  });

  it("lists every variable the sources, scripts, tests and CI read", () => {
    const files = [...walk(ROOT)];
    const read = new Set<string>();
    for (const f of files) for (const m of readFileSync(f, "utf8").matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)) read.add(m[1]!);
    for (const m of readFileSync(".ci/run", "utf8").matchAll(/\$\{([A-Z][A-Z0-9_]*):-/g)) read.add(m[1]!);
    // scripts/test.mjs reads the layers' database variables by name.
    for (const m of readFileSync("scripts/test.mjs", "utf8").matchAll(/(?:database|replica): "([A-Z][A-Z0-9_]*)"/g)) read.add(m[1]!);
    expect(read.size).toBeGreaterThan(20);
    expect([...read].filter((n) => !listed.has(n)).sort()).toEqual([]);
  });
});
