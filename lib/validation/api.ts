// The REST API's input schemas (/api/v1): path parameters and the bodies that are not a page's
// form as such; they reuse the pages' schemas (quick capture, the story editor's fields,
// comments, reflections). The answers' schemas are in lib/server/api/schemas.ts. The OpenAPI
// document (lib/server/api/openapi.ts) is generated from these same schemas.
import { z } from "zod";
import { commentBodySchema } from "./comments";
import { reflectionDraftSaveSchema } from "./reflection";
import { entryDocSchema, storyDocSchema } from "./story-editor";
import { cycleSchema } from "./story";

const uuid = z.uuid({ message: "Use an id as this API gives it (a UUID)." });

export const storyParamsSchema = z.object({ storyId: uuid.describe("The story's id.") });
export const tokenParamsSchema = z.object({ tokenId: uuid.describe("The token's id.") });

// ---- Requests -------------------------------------------------------------------------------------

/** PATCH /stories/{id}: the editor's fields, each optional; what is left out stays as it is. */
export const storyUpdateSchema = storyDocSchema
  .pick({ title: true, narrative: true, occurredOn: true, visibility: true, tags: true, minutesInvested: true, minutesSaved: true })
  .partial()
  .extend({
    /** The version the change is based on (GET gives it): another change since then is a 409. */
    baseVersion: z.number().int().min(1).max(2_147_483_647).optional(),
    /** Publish (share with the visibility's audience) or take back to a draft. */
    status: z.enum(["DRAFT", "PUBLISHED"]).optional(),
  })
  .strict()
  .meta({ id: "StoryUpdate" });

/** POST /stories/{id}/entries: one cycle's entry, as in the editor (adding to a cycle that has one replaces it). */
export const entryCreateSchema = entryDocSchema
  .extend({ cycle: cycleSchema, figureValue: entryDocSchema.shape.figureValue.default(null) })
  .strict()
  .meta({ id: "CycleEntryInput" });

export const commentCreateSchema = z.object({ body: commentBodySchema }).strict().meta({ id: "CommentInput" });

/** POST /reflections: this week's reflection, as the Reflect page saves it. */
export const reflectionCreateSchema = reflectionDraftSaveSchema.shape.doc.strict().meta({ id: "ReflectionInput" });
