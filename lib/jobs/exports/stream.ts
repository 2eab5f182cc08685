import "server-only";
// What the streamed exports (CSV, XLSX, xAPI) share: the run they describe, and the byte streams
// they are written into. Each export pulls the stories from the data layer in keyset-paged
// batches (lib/db/report-export.ts) only as fast as the reader takes the bytes, so an export of
// any size runs in flat memory.
import type { Readable } from "node:stream";
import type { ReportContext } from "@/lib/db/report-context";
import { exportStoryBatches, type ExportStory } from "@/lib/db/report-export";
import type { Actor } from "@/lib/domain/actor";
import type { ExportKind } from "@/lib/domain/exports";
import { logger } from "@/lib/platform/logger";

/** The exports written as streams. */
export type StreamedExportKind = Extract<ExportKind, "csv" | "xlsx" | "xapi">;

export type ExportRun = {
  actor: Actor;
  /** The view exported: filters, names, the organisation (lib/db/report-context.ts). */
  context: ReportContext;
  /** When the export was made (written into its header). */
  exportedAt: Date;
  /** Stories looked at per query (lib/db/report-export.ts EXPORT_BATCH_SIZE by default). */
  batchSize?: number;
  /** Called with each batch of stories once it is written (a background export counts its progress with it). */
  onBatch?: (batch: ExportStory[]) => void;
};

const encoder = new TextEncoder();

/**
 * A reader that goes away (a closed tab, a cancelled download) is not an error: the export
 * stops reading the database and says so at debug level, once it has stopped.
 */
export function logCancelled(kind: StreamedExportKind, run: ExportRun): void {
  logger.debug({ export: kind, organizationId: run.actor.organizationId }, "export cancelled by the reader");
}

/** An export that fails while streaming says so (never with story text); the reader sees the stream fail. */
export function logFailed(kind: StreamedExportKind, run: ExportRun, error: unknown): void {
  logger.error({ export: kind, organizationId: run.actor.organizationId, err: error instanceof Error ? error.message : String(error) }, "export stream failed");
}

/**
 * A byte stream that renders one batch of stories per pull: `head` first, then each batch, then
 * `tail`. Nothing is read from the database before the reader asks for more.
 */
export function batchStream(
  run: ExportRun,
  kind: StreamedExportKind,
  parts: { head: string; render: (batch: ExportStory[]) => string; tail: () => string },
): ReadableStream<Uint8Array> {
  let batches: AsyncGenerator<ExportStory[], void, undefined> | null = null;
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(parts.head));
      },
      async pull(controller) {
        try {
          batches ??= exportStoryBatches(run.actor, run.context.filters, { batchSize: run.batchSize });
          const next = await batches.next();
          // The reader may have gone while the batch was read: nothing more to send.
          if (cancelled) return;
          if (next.done) {
            controller.enqueue(encoder.encode(parts.tail()));
            controller.close();
            return;
          }
          const text = parts.render(next.value);
          if (text !== "") controller.enqueue(encoder.encode(text));
          run.onBatch?.(next.value);
        } catch (error) {
          if (cancelled) return;
          logFailed(kind, run, error);
          throw error;
        }
      },
      async cancel() {
        cancelled = true;
        // Waits for a batch being read, then closes the query pager.
        await batches?.return(undefined);
        logCancelled(kind, run);
      },
    },
    // One batch ahead at most.
    { highWaterMark: 1 },
  );
}

/**
 * A Node stream as a web stream that reads one chunk per pull, so a slow reader holds the
 * writer back. (Readable.toWeb in Node 20 counts the Node stream's byte high-water mark as a
 * number of chunks and would buffer most of the file.)
 */
export function webStream(source: Readable, onCancel: () => void): ReadableStream<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: IteratorResult<Buffer>;
        try {
          next = await chunks.next();
        } catch (error) {
          if (cancelled) return; // the source was destroyed because the reader left
          throw error;
        }
        if (cancelled) return;
        if (next.done) controller.close();
        else controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
      },
      async cancel() {
        cancelled = true;
        onCancel();
        // Ending the iterator destroys the source, which stops the writer.
        await chunks.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}
