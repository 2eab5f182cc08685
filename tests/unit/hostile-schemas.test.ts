// Every zod schema in lib/validation (found by walking the folder, so a new one joins) and every
// address parser, on thousands of generated inputs each (tests/support/hostile.ts): huge strings,
// wrong types, NUL bytes, lone surrogates, prototype keys, extreme numbers and dates. A schema
// may refuse, with a message; it must never throw, and what it accepts must be storable as it
// is: text without NUL or lone surrogates and in NFC, finite numbers, nothing inherited.
import { readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { parseReportDrill } from "@/lib/validation/report-drilldown";
import { parseReportFilters } from "@/lib/validation/report-filters";
import { parseStoryFilters } from "@/lib/validation/story-filters";
import { LONE_SURROGATE, arbitraryFor, hostileString, hostileValue, stringsIn, type Pool } from "../support/hostile";

const RUNS = Number(process.env.SCHEMA_SWEEP_RUNS ?? 2000);
const DIR = path.resolve("lib/validation");

const isSchema = (v: unknown): v is z.ZodType => typeof v === "object" && v !== null && "_zod" in v && "safeParse" in v;
const schemas = (
  await Promise.all(
    readdirSync(DIR)
      .filter((f) => f.endsWith(".ts"))
      .map(async (f) =>
        Object.entries((await import(path.join(DIR, f))) as Record<string, unknown>)
          .filter((e): e is [string, z.ZodType] => isSchema(e[1]))
          .map(([name, schema]) => [`${f} ${name}`, schema] as const),
      ),
  )
).flat();

const pool: Pool = {
  ids: ["0190a5b4-0000-7000-8000-000000000001", "0190a5b4-0000-7000-8000-000000000002"],
  emails: ["ada@example.com"],
  words: ["Podcast", "social", "sweep", "", "up", "true", "on"],
  byKey: { channel: ["social", ""], tags: ["ops"], indicators: ["faster-onboarding"] },
};

/** Fields that are never stored as text (hashed, or compared), so they keep what was typed. */
const SECRET = /(^|\.)(password|token)$/;

/** Why a parsed value could not be stored as it is, or null. */
function unstorable(value: unknown, secret = false): string | null {
  for (const [where, text] of stringsIn(value)) {
    if (secret || SECRET.test(where)) continue;
    if (text.includes("\u0000")) return `NUL at ${where}`;
    if (LONE_SURROGATE.test(text)) return `a lone surrogate at ${where}`;
    if (text !== text.normalize("NFC")) return `text not in NFC at ${where}`;
  }
  const numbers: [string, unknown][] = [];
  const collect = (v: unknown, where: string) => {
    if (typeof v === "number") numbers.push([where, v]);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) collect(x, `${where}.${k}`);
  };
  collect(value, "$");
  for (const [where, n] of numbers) if (!Number.isFinite(n as number)) return `a number that is not finite at ${where}`;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) !== Object.prototype && !Array.isArray(value) && !(value instanceof Date))
    return "an object that is not plain";
  return null;
}

describe("every zod schema on hostile input", () => {
  it("finds the schemas of lib/validation", () => {
    expect(schemas.length).toBeGreaterThan(30);
  });

  it.each(schemas)("%s: refuses with a message or accepts storable values, never throws", (name, schema) => {
    fc.assert(
      fc.property(fc.oneof({ weight: 3, arbitrary: arbitraryFor(schema, pool) }, { weight: 1, arbitrary: hostileValue }), (input) => {
        const result = schema.safeParse(input);
        if (!result.success) {
          for (const issue of result.error.issues) expect(typeof issue.message === "string" && issue.message.length > 0).toBe(true);
          return;
        }
        expect(unstorable(result.data, /password/i.test(name))).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });
});

const ADDRESS_KEYS = [
  "q",
  "from",
  "to",
  "team",
  "channel",
  "tag",
  "cycle",
  "unit",
  "period",
  "visibility",
  "status",
  "sort",
  "at",
  "indicator",
  "stalled",
  "page",
  "__proto__",
  "constructor",
];
const address = fc.array(
  fc.tuple(fc.constantFrom(...ADDRESS_KEYS), fc.oneof(hostileString, fc.constantFrom("2025-01-01", "0000-01-01", "applied", "all", "week", "1", "social"))),
  { maxLength: 8 },
);

describe("every address parser on hostile input", () => {
  it.each<[string, (sp: URLSearchParams) => unknown]>([
    ["parseStoryFilters", (sp) => parseStoryFilters(sp)],
    ["parseReportFilters", (sp) => parseReportFilters(sp)],
    ["parseReportDrill", (sp) => parseReportDrill(sp)],
  ])("%s never throws, and keeps only storable text and dates PostgreSQL can hold", (_name, parse) => {
    fc.assert(
      fc.property(address, fc.boolean(), (pairs, asRecord) => {
        const sp = new URLSearchParams();
        for (const [k, v] of pairs) sp.append(k, v);
        // Pages get a record (repeated keys as arrays), routes a URLSearchParams.
        const record: Record<string, string | string[]> = {};
        for (const [k, v] of pairs)
          Object.defineProperty(record, k, { value: k in record ? [...[record[k]!].flat(), v] : v, enumerable: true, writable: true, configurable: true });
        const parsed = (asRecord ? (parse as (r: unknown) => unknown)(record) : parse(sp)) as Record<string, unknown>;
        expect(unstorable(parsed)).toBeNull();
        for (const key of ["from", "to"]) {
          const day = (parsed.drill as Record<string, unknown> | undefined)?.[key] ?? parsed[key];
          if (day instanceof Date) {
            // The report filters carry their period as bounds: a day's first instant, 1900 to the end of 9999.
            expect(Math.abs(day.getTime() % 86_400_000)).toBe(0);
            expect(day.getTime()).toBeGreaterThanOrEqual(Date.UTC(1900, 0, 1));
            expect(day.getTime()).toBeLessThanOrEqual(Date.UTC(10_000, 0, 1));
          } else if (day !== undefined) expect(String(day)).toMatch(/^(19|[2-9]\d)\d\d-\d\d-\d\d$/);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
