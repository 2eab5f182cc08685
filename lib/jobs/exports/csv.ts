import "server-only";
// The reports' CSV (RFC 4180), streamed.
import { CSV_COLUMNS, UTF8_BOM, csvLine, csvPreamble, cycleEntryCsvRow } from "@/lib/domain/exports";
import { batchStream, type ExportRun } from "./stream";

/**
 * RFC 4180 CSV: a first record saying what the file is and which filters made it, the column
 * names, then one record per cycle entry with the story's columns repeated (a story without
 * entries gets one record with the entry columns empty). UTF-8 with a byte order mark.
 */
export function csvExportStream(run: ExportRun): ReadableStream<Uint8Array> {
  const head = UTF8_BOM + csvLine(csvPreamble(run.context.organizationName, run.context.filtersLine, run.exportedAt)) + csvLine(CSV_COLUMNS);
  return batchStream(run, "csv", {
    head,
    render: (batch) => {
      let out = "";
      for (const story of batch) {
        if (story.entries.length === 0) out += csvLine(cycleEntryCsvRow(story, null));
        for (const entry of story.entries) out += csvLine(cycleEntryCsvRow(story, entry));
      }
      return out;
    },
    tail: () => "",
  });
}
