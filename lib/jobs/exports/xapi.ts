import "server-only";
// The reports' xAPI 1.0.3 statements, one per cycle entry, streamed as a JSON array.
import { rfcUuid } from "@/lib/domain/exports";
import { cycleEntryStatement } from "@/lib/domain/xapi";
import { batchStream, type ExportRun } from "./stream";

/**
 * A JSON array of xAPI 1.0.3 statements, one per cycle entry, one statement per line (so a
 * reader can count them as they arrive). `baseUrl` is the app's origin: story IRIs and Ripple's
 * extension IRIs are built from it.
 */
export function xapiExportStream(run: ExportRun & { baseUrl: string }): ReadableStream<Uint8Array> {
  const base = run.baseUrl.replace(/\/+$/, "");
  let first = true;
  return batchStream(run, "xapi", {
    head: "[\n",
    render: (batch) => {
      let out = "";
      for (const story of batch) {
        for (const entry of story.entries) {
          const id = rfcUuid(entry.id);
          if (!id) continue; // every database id is a UUID; nothing else can become a statement
          const statement = cycleEntryStatement({
            actor: { name: story.author, email: story.authorEmail },
            story: { id: story.id, title: story.title, url: `${base}/stories/${story.id}` },
            entry: { ...entry, id, indicators: entry.indicatorKeys },
            platform: "Ripple",
            baseUrl: base,
          });
          out += (first ? "" : ",\n") + JSON.stringify(statement);
          first = false;
        }
      }
      return out;
    },
    tail: () => (first ? "]\n" : "\n]\n"),
  });
}
