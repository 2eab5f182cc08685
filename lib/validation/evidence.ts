import { z } from "zod";
import { idSchema } from "./common";
import { cycleSchema } from "./story";

/** The text fields of an evidence upload (the file itself is checked by its bytes). */
export const evidenceUploadSchema = z.object({ cycle: cycleSchema });
export type EvidenceUploadInput = z.infer<typeof evidenceUploadSchema>;

export const removeEvidenceSchema = z.object({ evidenceId: idSchema });
export type RemoveEvidenceInput = z.infer<typeof removeEvidenceSchema>;
