"use server";
// Background exports (README "Exports"): asking for a report file to be made in the background,
// and asking again when its making failed. The page follows them through /api/reports/exports.
import { z } from "zod";
import { allowedTo } from "@/lib/domain/access";
import { BACKGROUND_EXPORT_KINDS } from "@/lib/domain/export-files";
import { reportFilterParams } from "@/lib/domain/report-filters";
import { requestBackgroundExport, retryBackgroundExport } from "@/lib/jobs/export-file-job";
import { createAction } from "@/lib/server/action";
import { parseReportFilters } from "@/lib/validation/report-filters";

export const requestExportAction = createAction({
  name: "requestExport",
  input: z.object({
    kind: z.enum(BACKGROUND_EXPORT_KINDS, { error: "Choose CSV, XLSX or xAPI." }),
    // The report's filters as the page's export links give them ("?from=…&cycle=…").
    query: z.string().max(2000, { error: "These filters are too long." }).default(""),
  }),
  authorize: allowedTo("reports.export"),
  run: async ({ kind, query }, { actor }) => {
    const filters = reportFilterParams(parseReportFilters(new URLSearchParams(query.replace(/^\?/, ""))));
    const file = await requestBackgroundExport(actor, kind, filters);
    return { id: file.id };
  },
});

export const retryExportAction = createAction({
  name: "retryExport",
  input: z.object({ exportId: z.uuid({ error: "This export does not exist." }) }),
  authorize: allowedTo("reports.export"),
  run: async ({ exportId }, { actor }) => {
    const file = await retryBackgroundExport(actor, exportId);
    return { id: file.id };
  },
});
