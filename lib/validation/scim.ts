// What identity providers send to /scim/v2, as they send it: only the attributes Ripple keeps are
// read (others pass through unread: Entra ID and Okta send many, whatever the mapping), each
// bounded by the column that holds it. Attribute names are case-insensitive in SCIM (RFC 7643
// §2.1): `caseless` lower-cases the keys of an object before it is read.
import { z } from "zod";
import { SCIM_MAX_RESULTS } from "@/lib/domain/scim";
import { hasNul, normalizeText, text } from "./common";

const str = (field: string) => text(field);

/** The enterprise extension's key as `caseless` leaves it (lower-cased). */
export const ENTERPRISE_KEY = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user" as const;

/** The person's e-mail: Ripple signs people in by it, so SCIM's userName is their e-mail address (User.email). */
export const scimUserName = z
  .string({ message: "userName is required." })
  .trim()
  .toLowerCase()
  .min(1, "userName is required.")
  .max(254, "userName is too long (at most 254 characters).")
  .pipe(z.email({ message: "userName must be the person's e-mail address." }));

/** externalId: ScimUser/ScimGroup.externalId, VARCHAR(256). */
export const scimExternalId = str("externalId").max(256, "externalId is too long (at most 256 characters).");
/** A person's name: User.name, at most 100 characters (as sign-up and invitations). Longer names are cut, not refused: an IdP cannot shorten them. */
const nameText = (field: string) => str(field).max(2000, `${field} is too long.`);
/** A team's name: at most 80 characters, as Admin › Teams. */
export const scimTeamName = str("displayName")
  .trim()
  .min(1, "displayName is required.")
  .max(80, "A team's name (displayName, department) has at most 80 characters.");

/** An object whose keys are lower-cased first, so "UserName" and "userName" read alike. */
function caseless<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (value) =>
      value && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), v])) : value,
    schema,
  );
}

const activeValue = z.union([
  z.boolean(),
  z
    .string()
    .regex(/^(true|false)$/i, "active must be true or false.")
    .transform((v) => v.toLowerCase() === "true"),
]);

const emailEntry = caseless(
  z.object({
    value: str("emails.value").max(254).optional(),
    type: str("emails.type").max(64).optional(),
    primary: z.union([z.boolean(), str("emails.primary").max(10)]).optional(),
  }),
);
const managerEntry = z.union([str("manager").max(256), caseless(z.object({ value: str("manager.value").max(256).nullish() })), z.null()]);

const enterpriseSchema = caseless(
  z.object({
    department: str("department").max(200).nullish(),
    manager: managerEntry.optional(),
  }),
);

/** A user in a POST or PUT (RFC 7643 §4.1, the enterprise extension §4.3). */
export const scimUserSchema = caseless(
  z.object({
    username: scimUserName,
    externalid: scimExternalId.nullish(),
    displayname: nameText("displayName").nullish(),
    name: caseless(
      z.object({
        formatted: nameText("name.formatted").nullish(),
        givenname: nameText("name.givenName").nullish(),
        familyname: nameText("name.familyName").nullish(),
      }),
    ).optional(),
    emails: z.array(emailEntry).max(20).optional(),
    active: activeValue.optional(),
    [ENTERPRISE_KEY]: enterpriseSchema.optional(),
  }),
);
export type ScimUserInput = z.infer<typeof scimUserSchema>;

const memberRef = caseless(z.object({ value: str("members.value").max(256) }));

/** A group (a Ripple team) in a POST or PUT. */
export const scimGroupSchema = caseless(
  z.object({
    displayname: scimTeamName,
    externalid: scimExternalId.nullish(),
    members: z.array(memberRef).max(10_000).optional(),
  }),
);
export type ScimGroupInput = z.infer<typeof scimGroupSchema>;

/** Whether a JSON value holds a NUL character or a number that is not finite, anywhere (keys included). */
function unstorable(value: unknown): boolean {
  if (typeof value === "string") return hasNul(value);
  if (typeof value === "number") return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(unstorable);
  if (value && typeof value === "object") return Object.entries(value).some(([k, v]) => hasNul(k) || unstorable(v));
  return false;
}

/** Every string of a JSON value (keys included) normalised as typed text is (lib/validation/common.ts). */
function normalizeDeep(value: unknown): unknown {
  if (typeof value === "string") return normalizeText(value);
  if (Array.isArray(value)) return value.map(normalizeDeep);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [normalizeText(k), normalizeDeep(v)]));
  return value;
}

/** A PATCH operation's value: any JSON (read further by lib/domain/scim.ts), its text storable. */
const patchValue = z
  .unknown()
  .refine((v) => !unstorable(v), { message: "A value cannot contain the invisible NUL character (\\0) or a number that is not finite." })
  .transform(normalizeDeep);

/** A PATCH request (RFC 7644 §3.5.2): its operations, read further by lib/domain/scim.ts. */
export const scimPatchSchema = caseless(
  z.object({
    operations: z
      .array(caseless(z.object({ op: str("op").max(20), path: str("path").max(500).optional(), value: patchValue.optional() })))
      .min(1, "A PATCH needs at least one operation.")
      .max(1000, "At most 1000 operations in one PATCH."),
  }),
);

/** A list's query: filter, startIndex (1-based), count (RFC 7644 §3.4.2.4; out of range values are brought into range). */
export const scimListQuerySchema = z.object({
  filter: str("The filter").max(1000, "The filter is too long.").optional(),
  startIndex: z.coerce
    .number()
    .int()
    .catch(1)
    .transform((n) => Math.max(1, Math.min(n, 2_000_000_000))),
  count: z.coerce
    .number()
    .int()
    .catch(100)
    .transform((n) => Math.max(0, Math.min(n, SCIM_MAX_RESULTS))),
  excludedAttributes: str("excludedAttributes").max(500).optional(),
});

/** Ids in the path: Ripple's ids are uuids; anything else names nothing. */
export const scimIdSchema = z.uuid();

/** Making, rotating or revoking the token takes no input (the form sends none). */
export const scimTokenActionSchema = z.object({});
