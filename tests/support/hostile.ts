// Generated input for the hostile-input sweep (fast-check): what an attacker or a broken client
// can send to an entry point. Aimed at a zod schema, it mixes values the schema accepts (so the
// data layer runs) with hostile ones: huge strings, wrong types, NUL bytes, lone UTF-16
// surrogates and other unicode edge cases, prototype keys, extreme numbers and dates.
import fc from "fast-check";
import type { z } from "zod";

/** Text the database or a naive parser cannot take as it is. */
export const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "Podcast\u0000",
  "\ud800",
  "Podcast\ud800",
  "\udc00x",
  "x\udbff",
  "\ud83d\ude00",
  "e\u0301",
  "\u212b",
  "\u202eevil",
  "\ufeff",
  "\uffff",
  "\u0007\u001b[31m",
  "%00",
  "%C0%AF",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "$K1",
  "$1",
  "$@0",
  "0000-01-01",
  "0001-01-01",
  "1899-12-31",
  "1900-01-01",
  "2100-12-31",
  "9999-12-31",
  "+275760-09-13",
  "-000001-01-01",
  "2025-02-30",
  "1e12",
  "999999999999.99",
  "1000000000000",
  "-1e12",
  "0.001",
  "NaN",
  "Infinity",
  "-0",
  "2147483648",
  "9007199254740993",
  "javascript:alert(1)",
  "http://",
  "https://example.com/\u0000",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "a".repeat(201),
  "é".repeat(4001),
  "\ud83d\ude00".repeat(2001),
  "x".repeat(70_000),
];

export const HOSTILE_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.001,
  0.005,
  1.234,
  999_999_999_999.99,
  -999_999_999_999.99,
  1e12,
  -1e12,
  1e15,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

/** Objects whose keys are a prototype's: they must never reach a lookup table or pollute one. */
export const PROTOTYPE_OBJECTS: unknown[] = [
  JSON.parse('{"__proto__":{"polluted":"yes"}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
  { toString: "x", valueOf: 1 },
  Object.create(null),
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const edgeUnit = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "binary", maxLength: 1 }) },
  { weight: 1, arbitrary: loneSurrogate },
  { weight: 1, arbitrary: fc.constantFrom("\u0000", "\u0301", "\u200b", "\u202e", "\ufeff", "\ud83d\ude00", "\n", "\t", "\r\n") },
);

/** Strings: the list above, any code points (lone surrogates and NUL included), and long ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: edgeUnit, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: edgeUnit, minLength: 100, maxLength: 400 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("a", "\u0000", "\ud800", "é"), fc.integer({ min: 1_000, max: 20_000 })).map(([c, n]) => c.repeat(n)) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS), fc.double(), fc.integer());

/** A date as a client could write it: any year JavaScript knows, and the odd ones. */
export const hostileDateString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "0000-01-01",
    "0001-01-01",
    "1899-12-31",
    "1900-01-01",
    "1970-01-01",
    "2100-12-31",
    "2101-01-01",
    "9999-12-31",
    "2025-02-29",
    "2024-02-29",
    "2025-13-01",
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);

const plausibleDate = fc
  .date({ min: new Date("1995-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Any value at all: the wrong type for most fields. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { weight: 5, arbitrary: hostileString },
    { weight: 2, arbitrary: hostileNumber },
    { weight: 1, arbitrary: hostileDateString },
    { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, false, 10n) },
    { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_OBJECTS) },
    { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.oneof(hostileString, fc.constantFrom("__proto__", "constructor")), tie("value"), { maxKeys: 3 }) },
  ),
})).value;

type AnySchema = z.ZodType;
type Def = { type: string; [k: string]: unknown };
const defOf = (s: AnySchema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
type Check = { check?: string; format?: string; minimum?: number; maximum?: number; value?: number };
const checksOf = (s: AnySchema): Check[] => ((defOf(s).checks as { _zod: { def: Check } }[] | undefined) ?? []).map((c) => c._zod.def);

/** Values of the right shape that a schema is likely to accept, drawn from `pool` for ids. */
function plausible(schema: AnySchema, pool: Pool, depth: number, clean: boolean, key?: string): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
      return fc.oneof(
        { weight: 1, arbitrary: fc.constant(undefined) },
        { weight: 4, arbitrary: plausible(def.innerType as AnySchema, pool, depth, clean, key) },
      );
    case "nullable":
      return fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: plausible(def.innerType as AnySchema, pool, depth, clean, key) });
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return plausible(def.innerType as AnySchema, pool, depth, clean, key);
    case "pipe": {
      // What comes out of a pipe is usually accepted going in (coercion, preprocessing, a
      // string piped into a format), unless the pipe ends in a transform.
      const out = def.out as AnySchema;
      return defOf(out).type === "transform" ? plausible(def.in as AnySchema, pool, depth, clean, key) : plausible(out, pool, depth, clean, key);
    }
    case "union":
      return fc.oneof(...(def.options as AnySchema[]).map((o) => plausible(o, pool, depth, clean, key)));
    case "literal":
      return fc.constantFrom(...(def.values as unknown[]));
    case "enum":
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
    case "boolean":
      return fc.boolean();
    case "number": {
      const known = key ? pool.byKey[key]?.map(Number).filter(Number.isFinite) : undefined;
      if (known?.length) return fc.constantFrom(...known);
      const checks = checksOf(schema);
      const min = checks.find((c) => c.check === "greater_than")?.value ?? -1e6;
      const max = checks.find((c) => c.check === "less_than")?.value ?? 1e6;
      const int = checks.some((c) => c.format === "safeint");
      const wide = int ? fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) }) : fc.double({ min, max, noNaN: true });
      // Small values too: versions, counts and days live near the bottom of their range.
      const n = fc.oneof(wide, fc.integer({ min: Math.max(min, -3), max: Math.min(max, Math.max(min, -3) + 12) }));
      return def.coerce ? fc.oneof(n, n.map(String)) : n;
    }
    case "string": {
      const format = (def.format as string | undefined) ?? checksOf(schema).find((c) => c.format)?.format;
      if (format === "uuid" || format === "guid") {
        const known = key ? pool.byKey[key] : undefined;
        return fc.oneof(
          { weight: known?.length ? 14 : 0, arbitrary: fc.constantFrom(...(known?.length ? known : ["00000000-0000-4000-8000-000000000000"])) },
          { weight: known?.length ? 1 : 3, arbitrary: fc.constantFrom(...pool.ids) },
          { weight: 1, arbitrary: fc.uuid() },
        );
      }
      if (format === "email") return fc.oneof(fc.emailAddress(), fc.constantFrom(...pool.emails));
      if (format === "url") return fc.webUrl();
      if (format === "date") return fc.oneof({ weight: 4, arbitrary: plausibleDate }, { weight: 1, arbitrary: hostileDateString });
      const checks = checksOf(schema);
      const known = key ? pool.byKey[key] : undefined;
      if (known?.length)
        return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: fc.string({ unit: edgeUnit, maxLength: 20 }) });
      const maxLength = Math.min(checks.find((c) => c.check === "max_length")?.maximum ?? 60, 300);
      const minLength = Math.min(checks.find((c) => c.check === "min_length")?.minimum ?? 0, maxLength);
      return fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...pool.words) },
        { weight: 2, arbitrary: fc.string({ minLength, maxLength }) },
        { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength, maxLength }) },
        // Text of the right length with the characters storage trips on (NUL, lone surrogates).
        { weight: 2, arbitrary: fc.string({ unit: edgeUnit, minLength: Math.max(minLength, 1), maxLength }) },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...pool.words), fc.constantFrom("\u0000", "\ud800", "\udfff", "e\u0301")).map(([w, c]) => w + c) },
        { weight: 1, arbitrary: fc.constantFrom(...pool.ids) },
      );
    }
    case "array": {
      if (depth > 3) return fc.constant([]);
      const checks = checksOf(schema);
      const maxLength = Math.min(checks.find((c) => c.check === "max_length")?.maximum ?? 5, 8);
      return fc.array(arbitraryFor(def.element as AnySchema, pool, depth + 1, clean, key), { maxLength });
    }
    case "object": {
      if (depth > 4) return fc.constant({});
      const shape = def.shape as Record<string, AnySchema>;
      const keys = Object.keys(shape);
      return fc.record(Object.fromEntries(keys.map((k) => [k, arbitraryFor(shape[k]!, pool, depth + 1, clean, k)])));
    }
    case "record":
      return fc.dictionary(fc.string({ maxLength: 10 }), arbitraryFor(def.valueType as AnySchema, pool, depth + 1, clean), { maxKeys: 3 });
    default:
      return hostileValue;
  }
}

/**
 * Ids and words that exist in the test's organisations, so generated input reaches real rows;
 * `byKey` holds the known values of a field by its name (channel keys for "channel", ...).
 */
export type Pool = { ids: string[]; emails: string[]; words: string[]; byKey: Record<string, string[]> };

/**
 * Input aimed at a schema: mostly values of the right shape (from `pool` where the field is an
 * id), with hostile values mixed in at every level, and now and then extra keys an attacker
 * adds (prototype keys among them).
 */
export function arbitraryFor(schema: AnySchema, pool: Pool, depth = 0, clean?: boolean, key?: string): fc.Arbitrary<unknown> {
  if (clean === undefined) {
    // Half the inputs are "clean": every field of the right type (its text may still hold NUL
    // bytes, lone surrogates or extreme values), so that the data layer runs.
    return fc.oneof(arbitraryFor(schema, pool, depth, true, key), arbitraryFor(schema, pool, depth, false, key));
  }
  const right = plausible(schema, pool, depth, clean, key);
  if (clean) return right;
  // Deep inside a document, hostile values are rarer, so that some whole documents are valid.
  const base = fc.oneof({ weight: depth <= 1 ? 4 : 40, arbitrary: right }, { weight: 1, arbitrary: hostileValue });
  if (defOf(schema).type !== "object" && !(defOf(schema).type === "pipe" && defOf(defOf(schema).in as AnySchema).type === "object")) return base;
  return fc
    .tuple(
      base,
      fc.option(fc.dictionary(fc.constantFrom("__proto__", "constructor", "prototype", "toString", "$ACTION_ID_x", "extra"), hostileValue, { maxKeys: 2 }), {
        freq: 4,
      }),
    )
    .map(([value, extra]) =>
      extra && value && typeof value === "object" && !Array.isArray(value)
        ? Object.assign(Object.defineProperties({}, Object.getOwnPropertyDescriptors(value)), defineOwn(extra))
        : value,
    );
}

/** Copies keys as own data properties, `__proto__` included (never as a prototype). */
function defineOwn(source: Record<string, unknown>): Record<string, unknown> {
  const out = {};
  for (const [k, v] of Object.entries(source)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Flat objects also travel as FormData (repeated keys for arrays), the way forms send them. */
export function asFormData(value: unknown): FormData | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const form = new FormData();
  for (const [k, v] of Object.entries(value)) {
    const items = Array.isArray(v) ? v : [v];
    for (const item of items) {
      if (item === undefined) continue;
      if (item !== null && typeof item === "object") return null;
      form.append(k, String(item));
    }
  }
  return form;
}

/** Every string inside a value, with the path to it (for the checks on what a schema lets through). */
export function* stringsIn(value: unknown, path = "$", seen = new Set<unknown>()): Generator<[string, string]> {
  if (typeof value === "string") yield [path, value];
  else if (value && typeof value === "object") {
    if (seen.has(value)) return;
    seen.add(value);
    for (const [k, v] of Object.entries(value)) yield* stringsIn(v, `${path}.${k}`, seen);
  }
}

/** A lone UTF-16 surrogate: no UTF-8 encoding exists for it, so PostgreSQL's jsonb and text refuse it. */
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
