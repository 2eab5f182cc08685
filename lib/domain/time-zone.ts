// Time zones people choose for themselves. Pure: no I/O.
//
// A zone is an IANA name ("Europe/Paris", "America/Los_Angeles") or "UTC". Ripple keeps the
// person's choice (User.timeZone, at most TIME_ZONE_MAX characters) and formats every date in
// it (lib/domain/format.ts). A name the runtime's time zone data does not know is refused.

/** The column's bound (User.timeZone is VARCHAR(64)); the longest IANA name is 30 characters. */
export const TIME_ZONE_MAX = 64;

const known = new Map<string, boolean>();

/** Whether `name` is a time zone this runtime can format in (an IANA name, an alias, or "UTC"). */
export function isTimeZone(name: unknown): name is string {
  if (typeof name !== "string" || name.length === 0 || name.length > TIME_ZONE_MAX) return false;
  // "local" and offsets ("+02:00") are not zones a person lives in.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
  let ok = known.get(name);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat("en-GB", { timeZone: name });
      ok = true;
    } catch {
      ok = false;
    }
    known.set(name, ok);
  }
  return ok;
}

let zones: string[] | null = null;

/** Every IANA zone of this runtime, sorted, with "UTC" first: the choices of a zone select. */
export function listTimeZones(): string[] {
  if (!zones) {
    const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    zones = ["UTC", ...all.filter((z) => z !== "UTC").sort()];
  }
  return zones;
}

/** A stored or guessed zone, or UTC when it is missing or unknown here. */
export function resolveTimeZone(name: string | null | undefined): string {
  return isTimeZone(name) ? name : "UTC";
}

/** "Europe/Paris" → "Europe / Paris", "America/Argentina/Buenos_Aires" → "America / Argentina / Buenos Aires". */
export function timeZoneLabel(name: string): string {
  return name.replaceAll("_", " ").split("/").join(" / ");
}
