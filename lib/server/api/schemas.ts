// The REST API's answers (/api/v1), as zod schemas: the OpenAPI document (./openapi.ts) is
// generated from them, and the tests check every answer against them. Answers only: what comes
// in is parsed by lib/validation (lib/validation/api.ts and the pages' schemas).
import { z } from "zod";
import { API_SCOPES } from "@/lib/domain/api-tokens";
import { CYCLES } from "@/lib/domain/framework";
import { VISIBILITIES } from "@/lib/domain/roles";

const dateTime = z.iso.datetime({ offset: true });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details." });

export const cycleEnum = z.enum(CYCLES);

export const storySummarySchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    occurredAt: dateTime,
    visibility: z.enum(VISIBILITIES),
    status: z.enum(["DRAFT", "PUBLISHED"]),
    authorId: z.uuid(),
    authorName: z.string(),
    isAuthor: z.boolean(),
    furthestCycle: cycleEnum.nullable(),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .meta({ id: "StorySummary" });

export const cycleEntrySchema = z
  .object({
    id: z.uuid(),
    cycle: cycleEnum,
    narrative: z.string(),
    indicators: z.array(z.string()),
    figureValue: z.number().nullable(),
    figureUnit: z.string().nullable(),
    confirmedAt: dateTime.nullable(),
    recordedAt: dateTime,
  })
  .meta({ id: "CycleEntry" });

export const storySchema = storySummarySchema
  .extend({
    narrative: z.string(),
    version: z.number().int(),
    channel: z.string().nullable(),
    tags: z.array(z.string()),
    minutesInvested: z.number().int().nullable(),
    minutesSaved: z.number().int().nullable(),
    entries: z.array(cycleEntrySchema),
  })
  .meta({ id: "Story" });

export const commentSchema = z
  .object({
    id: z.uuid(),
    authorName: z.string().nullable(),
    body: z.string().nullable(),
    deleted: z.boolean(),
    mine: z.boolean(),
    createdAt: dateTime,
    editedAt: dateTime.nullable(),
  })
  .meta({ id: "Comment" });

export const reflectionSchema = z
  .object({
    id: z.uuid(),
    weekStart: dateTime,
    learned: z.string(),
    performance: z.string(),
    organizationImpact: z.string(),
    skipped: z.boolean(),
    sharedWithManager: z.boolean(),
    storyIds: z.array(z.uuid()),
    updatedAt: dateTime,
  })
  .meta({ id: "Reflection" });

export const personSchema = z.object({ id: z.uuid(), name: z.string(), team: z.string().nullable() }).meta({ id: "Person" });

export const teamSchema = z
  .object({ id: z.uuid(), name: z.string(), parentId: z.uuid().nullable(), depth: z.number().int(), memberCount: z.number().int() })
  .meta({ id: "Team" });

const totalsSchema = z.object({ visible: z.number().int(), privateCount: z.number().int(), hiddenCount: z.number().int() });
const unitTotalSchema = z.object({
  unit: z.string(),
  currency: z.string().nullable(),
  confirmed: z.number(),
  selfReported: z.number(),
  confirmedCount: z.number().int(),
  selfReportedCount: z.number().int(),
});

export const reportFiguresSchema = z
  .object({
    scope: z.enum(["organization", "subtree", "own"]).describe("Whose stories the figures cover, as on the Reports page."),
    period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
    totals: totalsSchema,
    reached: z.record(cycleEnum, z.number().int()).describe("Stories that reached each cycle."),
    realizedValue: z.array(unitTotalSchema),
    participation: z.object({ people: z.number().int(), logging: z.number().int(), reflecting: z.number().int(), reflections: z.number().int() }),
  })
  .meta({ id: "ReportFigures" });

export const apiTokenSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(["PERSONAL", "ORGANIZATION"]),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(z.enum(API_SCOPES)),
    ownerName: z.string(),
    state: z.enum(["active", "expired", "revoked"]),
    createdAt: dateTime,
    expiresAt: dateTime,
    lastUsedAt: dateTime.nullable(),
    revokedAt: dateTime.nullable(),
  })
  .meta({ id: "ApiToken" });

/** A page of a list: the items, the cursor of the next page and its address (null on the last page). */
export function pageSchema<T extends z.ZodType>(item: T, id: string) {
  return z.object({ items: z.array(item), next: z.string().nullable(), nextLink: z.string().nullable() }).meta({ id });
}
