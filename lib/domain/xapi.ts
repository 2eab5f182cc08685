// xAPI 1.0.3 statements for the export: one statement per cycle entry, and a validator for the
// rules of the specification that apply to them. Pure: no I/O (and no node:crypto, so the small
// SHA-1 needed for name-based UUIDs is written out below).
//
// Verbs come only from ADL's vocabulary (http://adlnet.gov/expapi/verbs/). The mapping:
//   IMMEDIATE  → experienced  the activity itself: the person took part in it and it was like this
//   POTENTIAL  → progressed   the story moves on: knowledge capital was produced
//   APPLIED    → progressed   the story moves on: it changed practice
//   REALIZED   → progressed   the story moves on: it made a difference to results
//   REFRAMING  → completed    the fifth and last cycle: the value chain is complete
// ("progressed": "the actor has advanced or moved through an activity"; the cycle it reached is
// in the context extension, so each statement says how far.) ADL's other verbs (answered,
// attempted, commented, interacted, shared, mastered, passed…) describe other acts.
import { CYCLE_INFO, type Cycle } from "./framework";

export const XAPI_VERSION = "1.0.3";
const ADL_VERBS = "http://adlnet.gov/expapi/verbs/";

export type XapiVerb = { id: string; display: Record<string, string> };

export const CYCLE_VERB: Record<Cycle, XapiVerb> = {
  IMMEDIATE: { id: `${ADL_VERBS}experienced`, display: { "en-GB": "experienced" } },
  POTENTIAL: { id: `${ADL_VERBS}progressed`, display: { "en-GB": "progressed" } },
  APPLIED: { id: `${ADL_VERBS}progressed`, display: { "en-GB": "progressed" } },
  REALIZED: { id: `${ADL_VERBS}progressed`, display: { "en-GB": "progressed" } },
  REFRAMING: { id: `${ADL_VERBS}completed`, display: { "en-GB": "completed" } },
};

export type LanguageMap = Record<string, string>;

export type XapiStatement = {
  id?: string;
  version?: string;
  actor: { objectType: "Agent"; name?: string; mbox: string };
  verb: XapiVerb;
  object: {
    objectType: "Activity";
    id: string;
    definition: { name: LanguageMap; description?: LanguageMap; type: string };
  };
  context: { platform: string; language: string; extensions: Record<string, unknown> };
  timestamp: string;
};

export type CycleEntryStatementInput = {
  actor: { name: string; email: string };
  story: { id: string; title: string; url: string };
  entry: {
    id: string;
    cycle: Cycle;
    narrative: string;
    /** Indicator keys. */
    indicators: readonly string[];
    figureValue: number | string | null;
    figureUnit: string | null;
    recordedAt: Date;
  };
  platform: string;
  /** The app's origin, e.g. "https://ripple.example.com" (no trailing slash needed). */
  baseUrl: string;
  /** Language tag for the verb display and the story text; default "en-GB". */
  language?: string;
};

/** The IRIs Ripple defines for its activity type and context extensions. */
export function rippleIris(baseUrl: string) {
  const base = baseUrl.replace(/\/+$/, "");
  return {
    storyType: `${base}/xapi/activities/story`,
    cycle: `${base}/xapi/extensions/cycle`,
    indicators: `${base}/xapi/extensions/indicators`,
    figure: `${base}/xapi/extensions/figure`,
  };
}

/**
 * The statement for one cycle entry. Its id is the entry's id when that is a UUID (entry ids
 * are UUIDs), so exporting twice gives the same statements; otherwise a name-based UUID
 * (version 5, URL namespace) of the entry's IRI, which is just as stable.
 */
export function cycleEntryStatement(input: CycleEntryStatementInput): XapiStatement {
  const lang = input.language ?? "en-GB";
  const iris = rippleIris(input.baseUrl);
  const { entry } = input;
  // Cycle entries have UUID ids, which make stable statement ids. (If Ripple ever pushes to a
  // learning record store, derive the id from the entry id and its update time on the server.)
  if (!isUuid(entry.id)) throw new Error("A cycle entry's id must be a UUID to become a statement id.");
  const id = entry.id.toLowerCase();
  const verb = CYCLE_VERB[entry.cycle];
  const extensions: Record<string, unknown> = {
    [iris.cycle]: { key: entry.cycle, number: CYCLE_INFO[entry.cycle].number, name: CYCLE_INFO[entry.cycle].name },
    [iris.indicators]: [...entry.indicators],
  };
  if (entry.figureValue !== null && entry.figureValue !== "") {
    extensions[iris.figure] = { value: Number(entry.figureValue), unit: entry.figureUnit ?? "" };
  }
  const definition: XapiStatement["object"]["definition"] = { name: { [lang]: input.story.title }, type: iris.storyType };
  if (entry.narrative.trim() !== "") definition.description = { [lang]: entry.narrative };
  return {
    id,
    version: XAPI_VERSION,
    actor: { objectType: "Agent", name: input.actor.name, mbox: `mailto:${input.actor.email.trim()}` },
    verb: { id: verb.id, display: lang === "en-GB" ? { ...verb.display } : { [lang]: verb.display["en-GB"]!, ...verb.display } },
    object: { objectType: "Activity", id: input.story.url, definition },
    context: { platform: input.platform, language: lang, extensions },
    timestamp: entry.recordedAt.toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------
// Validation (xAPI 1.0.3, Data section 2.4, the parts these statements use)

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** An RFC 4122 / RFC 9562 UUID (versions 1–8, the RFC variant). */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID_RE.test(value);
}

/** An absolute IRI: a scheme, a colon, and no spaces or characters IRIs forbid. */
export function isAbsoluteIri(value: unknown): value is string {
  return typeof value === "string" && /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i.test(value);
}

const GRANDFATHERED = new Set(
  [
    "en-GB-oed",
    "i-ami",
    "i-bnn",
    "i-default",
    "i-enochian",
    "i-hak",
    "i-klingon",
    "i-lux",
    "i-mingo",
    "i-navajo",
    "i-pwn",
    "i-tao",
    "i-tay",
    "i-tsu",
    "sgn-BE-FR",
    "sgn-BE-NL",
    "sgn-CH-DE",
    "art-lojban",
    "cel-gaulish",
    "no-bok",
    "no-nyn",
    "zh-guoyu",
    "zh-hakka",
    "zh-min",
    "zh-min-nan",
    "zh-xiang",
  ].map((t) => t.toLowerCase()),
);

// RFC 5646 section 2.1: langtag = language ["-" script] ["-" region] *("-" variant) *("-" extension) ["-" privateuse]
const LANGTAG_RE = new RegExp(
  "^(?:" +
    "(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})" + // language (with up to three extlang)
    "(?:-[a-z]{4})?" + // script
    "(?:-(?:[a-z]{2}|[0-9]{3}))?" + // region
    "(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*" + // variants
    "(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*" + // extensions
    "(?:-x(?:-[a-z0-9]{1,8})+)?" + // private use
    "|x(?:-[a-z0-9]{1,8})+" + // a private-use tag on its own
    ")$",
  "i",
);

/** A well-formed RFC 5646 language tag ("en-GB", "zh-Hant-TW", "es-419", "x-klingon"). */
export function isLanguageTag(value: unknown): value is string {
  return typeof value === "string" && (LANGTAG_RE.test(value) || GRANDFATHERED.has(value.toLowerCase()));
}

const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):?(\d{2}))$/i;

/** ISO 8601 date and time with a time zone (Z or ±hh:mm), a real calendar date, not "-00:00". */
export function isIsoTimestamp(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = TIMESTAMP_RE.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return false;
  if (h > 23 || mi > 59 || s > 59) return false;
  if (m[7]?.startsWith("-") && Number(m[8]) === 0 && Number(m[9]) === 0) return false; // RFC 3339 "unknown offset"
  if (m[8] !== undefined && (Number(m[8]) > 14 || Number(m[9]) > 59)) return false;
  return true;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const STATEMENT_KEYS = new Set(["id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority", "version", "attachments"]);
const IFI_KEYS = ["mbox", "mbox_sha1sum", "openid", "account"] as const;

function checkLanguageMap(value: unknown, where: string, problems: string[]): void {
  if (!isObject(value)) {
    problems.push(`${where} must be a language map (an object keyed by language tags).`);
    return;
  }
  for (const [tag, text] of Object.entries(value)) {
    if (!isLanguageTag(tag)) problems.push(`${where} has "${tag}", which is not an RFC 5646 language tag.`);
    if (typeof text !== "string") problems.push(`${where}["${tag}"] must be a string.`);
  }
}

function checkExtensions(value: unknown, where: string, problems: string[]): void {
  if (!isObject(value)) {
    problems.push(`${where} must be an object keyed by IRIs.`);
    return;
  }
  for (const key of Object.keys(value)) {
    if (!isAbsoluteIri(key)) problems.push(`${where} key "${key}" is not an absolute IRI.`);
  }
}

function checkAgent(value: unknown, where: string, problems: string[]): void {
  if (!isObject(value)) {
    problems.push(`${where} is required and must be an object.`);
    return;
  }
  const type = value.objectType ?? "Agent";
  if (type !== "Agent" && type !== "Group") problems.push(`${where}.objectType must be "Agent" or "Group".`);
  if (value.name !== undefined && typeof value.name !== "string") problems.push(`${where}.name must be a string.`);
  const ifis = IFI_KEYS.filter((k) => value[k] !== undefined);
  if (type === "Agent" && ifis.length !== 1) {
    problems.push(
      `${where} must have exactly one inverse functional identifier (mbox, mbox_sha1sum, openid or account); it has ${ifis.length === 0 ? "none" : ifis.join(", ")}.`,
    );
  }
  if (type === "Group") {
    if (ifis.length > 1) problems.push(`${where} (a Group) must have at most one inverse functional identifier; it has ${ifis.join(", ")}.`);
    if (ifis.length === 0 && !Array.isArray(value.member)) problems.push(`${where} is an anonymous Group and must list its members.`);
    if (Array.isArray(value.member)) value.member.forEach((m, i) => checkAgent(m, `${where}.member[${i}]`, problems));
  }
  if (value.mbox !== undefined && !(typeof value.mbox === "string" && /^mailto:[^@\s]+@[^@\s]+$/i.test(value.mbox))) {
    problems.push(`${where}.mbox must be a mailto IRI ("mailto:name@example.com").`);
  }
  if (value.mbox_sha1sum !== undefined && !(typeof value.mbox_sha1sum === "string" && /^[0-9a-f]{40}$/i.test(value.mbox_sha1sum))) {
    problems.push(`${where}.mbox_sha1sum must be 40 hexadecimal digits.`);
  }
  if (value.openid !== undefined && !isAbsoluteIri(value.openid)) problems.push(`${where}.openid must be an absolute IRI.`);
  if (value.account !== undefined) {
    const acc = value.account;
    if (!isObject(acc) || !isAbsoluteIri(acc.homePage) || typeof acc.name !== "string") {
      problems.push(`${where}.account must have an absolute IRI homePage and a string name.`);
    }
  }
}

/**
 * What is wrong with a statement under xAPI 1.0.3 (the rules for the parts Ripple uses: actor,
 * verb, an Activity or Agent object, context, timestamp, id, version), as readable sentences.
 * An empty list means valid.
 */
export function validateStatement(statement: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(statement)) return ["The statement must be a JSON object."];

  for (const key of Object.keys(statement)) {
    if (!STATEMENT_KEYS.has(key)) problems.push(`"${key}" is not a statement property.`);
  }
  if (statement.id !== undefined && !isUuid(statement.id)) problems.push("id must be a UUID.");
  if (statement.version !== undefined && !(typeof statement.version === "string" && /^1\.0(\.\d+)?$/.test(statement.version))) {
    problems.push('version must be a 1.0.x version such as "1.0.3".');
  }

  checkAgent(statement.actor, "actor", problems);

  const verb = statement.verb;
  if (!isObject(verb)) problems.push("verb is required and must be an object.");
  else {
    if (!isAbsoluteIri(verb.id)) problems.push("verb.id must be an absolute IRI.");
    if (verb.display !== undefined) checkLanguageMap(verb.display, "verb.display", problems);
  }

  const object = statement.object;
  if (!isObject(object)) problems.push("object is required and must be an object.");
  else {
    const type = object.objectType ?? "Activity";
    if (type === "Activity") {
      if (!isAbsoluteIri(object.id)) problems.push("object.id must be an absolute IRI.");
      const def = object.definition;
      if (def !== undefined) {
        if (!isObject(def)) problems.push("object.definition must be an object.");
        else {
          if (def.name !== undefined) checkLanguageMap(def.name, "object.definition.name", problems);
          if (def.description !== undefined) checkLanguageMap(def.description, "object.definition.description", problems);
          if (def.type !== undefined && !isAbsoluteIri(def.type)) problems.push("object.definition.type must be an absolute IRI.");
          if (def.moreInfo !== undefined && !isAbsoluteIri(def.moreInfo)) problems.push("object.definition.moreInfo must be an absolute IRI.");
          if (def.extensions !== undefined) checkExtensions(def.extensions, "object.definition.extensions", problems);
        }
      }
    } else if (type === "Agent" || type === "Group") {
      checkAgent(object, "object", problems);
    } else if (type === "StatementRef") {
      if (!isUuid(object.id)) problems.push("object.id of a StatementRef must be a UUID.");
    } else {
      problems.push(`object.objectType "${String(type)}" is not one Ripple uses (Activity, Agent, Group, StatementRef).`);
    }
  }

  const context = statement.context;
  if (context !== undefined) {
    if (!isObject(context)) problems.push("context must be an object.");
    else {
      if (context.registration !== undefined && !isUuid(context.registration)) problems.push("context.registration must be a UUID.");
      if (context.platform !== undefined && typeof context.platform !== "string") problems.push("context.platform must be a string.");
      if (context.language !== undefined && !isLanguageTag(context.language)) problems.push("context.language must be an RFC 5646 language tag.");
      if (context.extensions !== undefined) checkExtensions(context.extensions, "context.extensions", problems);
    }
  }
  const result = statement.result;
  if (result !== undefined) {
    if (!isObject(result)) problems.push("result must be an object.");
    else if (result.extensions !== undefined) checkExtensions(result.extensions, "result.extensions", problems);
  }

  if (statement.timestamp !== undefined && !isIsoTimestamp(statement.timestamp)) {
    problems.push("timestamp must be an ISO 8601 date and time with a time zone, such as 2026-03-01T09:30:00.000Z.");
  }
  return problems;
}
