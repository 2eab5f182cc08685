import { z } from "zod";
import { CYCLES } from "@/lib/domain/framework";
import { idSchema } from "./common";

const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));

export const askNextSchema = z.object({
  storyId: idSchema,
  note: z.string().trim().max(1000, "Question: use at most 1000 characters.").default(""),
});

export const confirmFigureSchema = z.object({ storyId: idSchema });

export const readingSchema = z.object({
  storyId: idSchema,
  cycles: list(z.enum(CYCLES)).pipe(z.array(z.enum(CYCLES)).max(5)),
  indicatorKeys: list(z.string().trim().min(1).max(60)).pipe(z.array(z.string()).max(40)),
  note: z.string().trim().max(2000, "Note: use at most 2000 characters.").default(""),
});

export const highlightSchema = z.object({ storyId: idSchema, on: z.enum(["true", "false"]).transform((v) => v === "true") });

export const teamFiltersSchema = z.object({
  person: idSchema.optional().catch(undefined),
  cycle: z.enum(CYCLES).optional().catch(undefined),
  channel: z.string().trim().min(1).max(40).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
});
