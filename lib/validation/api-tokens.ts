import { z } from "zod";
import { API_SCOPES, MAX_TOKEN_DAYS, TOKEN_NAME_MAX } from "@/lib/domain/api-tokens";
import { idSchema, text } from "./common";

/** FormData sends one ticked box as a string, several as an array, none not at all. */
const asList = (value: unknown): unknown => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]);

export const createApiTokenSchema = z.object({
  name: text("The token's name", { message: "Name the token (what will use it)." })
    .trim()
    .min(1, "Name the token (what will use it).")
    .max(TOKEN_NAME_MAX, `Token name: use at most ${TOKEN_NAME_MAX} characters.`),
  scopes: z.preprocess(
    asList,
    z
      .array(z.enum(API_SCOPES, { message: "Choose read, write or admin." }))
      .min(1, "Choose at least one scope.")
      .max(API_SCOPES.length)
      .transform((s) => [...new Set(s)]),
  ),
  expiresInDays: z.coerce
    .number({ message: "Choose when the token expires." })
    .int("Choose when the token expires.")
    .min(1, "Choose when the token expires.")
    .max(MAX_TOKEN_DAYS, `A token lasts at most ${MAX_TOKEN_DAYS} days.`),
  /** Admin only: a token of the organisation rather than of the person. */
  kind: z.enum(["PERSONAL", "ORGANIZATION"]).default("PERSONAL"),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

export const revokeApiTokenSchema = z.object({ tokenId: idSchema });
