// `npm run bench:exports -- [--stories 100000] [--seed 1] [--batch 2000] [--formats csv,xlsx,xapi] [--out DIR] [--slow-ms 0] [--background] [--database-url …]`
// Produces the CSV, XLSX and xAPI exports of a synthetic organisation (generated, or reused by
// slug) for its L&D person, through the same code the export routes run
// (lib/server/report-exports.ts), and prints for each: time, bytes, rows, and memory sampled
// every 25 ms and at every chunk while it runs (RSS, JS heap and buffers outside the heap: at the
// start and the peak), plus the live heap (after a garbage collection) once a second, to show
// that memory stays flat however big the file gets. Run with --expose-gc (the npm script does).
// Database: PostgreSQL with DATABASE_URL (or --database-url); otherwise PGlite, in memory by
// default or in RIPPLE_DATA_DIR when that names a folder. (PGlite runs inside this process, so
// its own memory is part of the RSS and buffer figures, and it grows as PGlite reads more of the
// database: so one CSV export runs first, untimed, to warm it up; --no-warm-up skips that.
// The JS heap is the exporter's alone.)
// With --out the files are written there; without, they are counted and dropped. --slow-ms N
// reads like a slow client (a pause of N ms after every chunk), to show that the exporter then
// waits instead of piling the file up in memory. It prints the XLSX / CSV time ratio (target ≤ 2×).
// --background also times each file made the background way (asked for, run by the export.file
// job through the queue, stored in a temporary file store), from the request to the ready file.
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { databaseConfig, openDatabase } from "../lib/db/prisma";
import { deployPendingMigrations } from "../lib/db/migrate";
import { installDatabase } from "../lib/db/registry";
import { loadActor } from "../lib/db/auth";
import { reportContext } from "../lib/db/report-context";
import { EXPORT_BATCH_SIZE, countExportRows } from "../lib/db/report-export";
import { csvRecordCounter, jsonLinesCounter, type RecordCounter } from "../lib/domain/download";
import { csvExportStream } from "../lib/jobs/exports/csv";
import type { ExportRun } from "../lib/jobs/exports/stream";
import { xapiExportStream } from "../lib/jobs/exports/xapi";
import { xlsxExportStream } from "../lib/jobs/exports/xlsx";
import { argValue, generateOrganization } from "./generate-org";

const args = process.argv.slice(2);
const stories = Number(argValue(args, "stories") ?? 100_000);
const seed = Number(argValue(args, "seed") ?? 1);
const batchSize = Number(argValue(args, "batch") ?? EXPORT_BATCH_SIZE);
const formats = (argValue(args, "formats") ?? "csv,xlsx,xapi").split(",").map((s) => s.trim()) as ("csv" | "xlsx" | "xapi")[];
const outDir = argValue(args, "out");
const slowMs = Number(argValue(args, "slow-ms") ?? 0);
const warmUp = !args.includes("--no-warm-up");
const background = args.includes("--background");
const databaseUrl = argValue(args, "database-url") ?? process.env.DATABASE_URL;
const dataDirEnv = process.env.RIPPLE_DATA_DIR;

const MB = 1024 * 1024;
const mb = (n: number) => `${(n / MB).toFixed(1)}`;
const gc = (globalThis as { gc?: () => void }).gc;

type Sample = { at: number; rss: number; heap: number; buffers: number; bytes: number };

async function measure(
  name: string,
  open: () => ReadableStream<Uint8Array> | Promise<ReadableStream<Uint8Array>>,
  counter: RecordCounter | null,
  fixedRows: number,
  file: string | null,
) {
  gc?.();
  const base = process.memoryUsage();
  const started = performance.now();
  const samples: Sample[] = [];
  let bytes = 0;
  // The live heap: after a garbage collection, once a second of the run.
  const live: number[] = [];
  let collectedAt = 0;
  const sample = () => {
    if (gc && performance.now() - started - collectedAt >= 1000) {
      collectedAt = performance.now() - started;
      gc();
      live.push(process.memoryUsage().heapUsed);
    }
    const m = process.memoryUsage();
    samples.push({ at: performance.now() - started, rss: m.rss, heap: m.heapUsed, buffers: m.arrayBuffers, bytes });
  };
  const timer = setInterval(sample, 25);
  const out = file ? createWriteStream(file) : null;
  const decoder = counter ? new TextDecoder() : null;
  const reader = (await open()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    // Also sampled here: the export can keep the event loop busy enough to starve the timer.
    sample();
    if (counter && decoder) counter.push(decoder.decode(value, { stream: true }));
    if (out && !out.write(value)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    if (slowMs > 0) await new Promise((resolve) => setTimeout(resolve, slowMs));
  }
  if (out) await new Promise<void>((resolve) => out.end(() => resolve()));
  sample();
  if (gc) {
    gc();
    live.push(process.memoryUsage().heapUsed);
  }
  clearInterval(timer);
  const ms = performance.now() - started;
  const peakRss = Math.max(...samples.map((s) => s.rss));
  const peakHeap = Math.max(...samples.map((s) => s.heap));
  const peakBuffers = Math.max(...samples.map((s) => s.buffers));
  return {
    name,
    seconds: ms / 1000,
    bytes,
    rows: counter ? counter.records : fixedRows,
    baseRss: base.rss,
    peakRss,
    baseHeap: base.heapUsed,
    peakHeap,
    baseBuffers: base.arrayBuffers,
    peakBuffers,
    live,
    samples: samples.length,
  };
}

/** "41.2–44.0 (first 42.1, last 43.0)": the live heap's range over the run. */
function liveRange(live: number[]): string {
  if (live.length === 0) return "n/a (run with --expose-gc)";
  return `${mb(Math.min(...live))}–${mb(Math.max(...live))} (first ${mb(live[0]!)}, last ${mb(live[live.length - 1]!)}, ${live.length} samples)`;
}

async function main() {
  const dataDir = dataDirEnv && dataDirEnv !== "memory://" ? dataDirEnv : "memory://";
  const db = openDatabase(databaseConfig({ databaseUrl, dataDir }));
  installDatabase(db);
  const dbLabel = db.kind === "postgres" ? "PostgreSQL" : dataDir === "memory://" ? "PGlite (memory)" : "PGlite (disk)";
  try {
    await deployPendingMigrations(db);
    const gen = await generateOrganization(db, { stories, seed });
    const lnd = await db.prisma.membership.findFirstOrThrow({ where: { organizationId: gen.organizationId, role: "LND" }, select: { id: true, userId: true } });
    const actor = await loadActor(lnd.userId, lnd.id);
    if (!actor) throw new Error("The L&D person could not be loaded.");
    const context = await reportContext(actor, {}, "export");
    const counts = await countExportRows(actor, context.filters);
    console.log(`${dbLabel}: ${gen.slug}, ${stories} stories generated; the L&D person reads ${counts.stories} stories with ${counts.entries} cycle entries.`);
    if (gc) console.log("(garbage collected before each export)");
    if (outDir) mkdirSync(outDir, { recursive: true });

    if (warmUp) {
      const started = performance.now();
      const reader = csvExportStream({ actor, context, exportedAt: new Date(), batchSize }).getReader();
      while (!(await reader.read()).done);
      console.log(`warm-up (one CSV export, untimed): ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }

    const results = [];
    for (const format of formats) {
      const run: ExportRun = { actor, context, exportedAt: new Date(), batchSize };
      const file = outDir ? path.join(outDir, context.fileName(format)) : null;
      const r =
        format === "csv"
          ? await measure("CSV", () => csvExportStream(run), csvRecordCounter(2), counts.rows, file)
          : format === "xapi"
            ? await measure("xAPI", () => xapiExportStream({ ...run, baseUrl: "https://ripple.example" }), jsonLinesCounter(), counts.entries, file)
            : await measure("XLSX", () => xlsxExportStream(run), null, counts.stories + counts.entries, file);
      results.push(r);
      console.log(
        `${r.name}: ${r.seconds.toFixed(1)} s, ${mb(r.bytes)} MB, ${r.rows} rows; RSS ${mb(r.baseRss)} → peak ${mb(r.peakRss)} MB (+${mb(r.peakRss - r.baseRss)}); ` +
          `heap ${mb(r.baseHeap)} → peak ${mb(r.peakHeap)} MB (+${mb(r.peakHeap - r.baseHeap)}); buffers ${mb(r.baseBuffers)} → peak ${mb(r.peakBuffers)} MB; ` +
          `live heap ${liveRange(r.live)}` +
          (file ? `; written to ${file}` : ""),
      );
    }

    const header = ["format", "time s", "size MB", "rows", "RSS start → peak MB", "heap start → peak MB", "buffers peak MB", "live heap MB (each second)"];
    const table = results.map((r) => [
      r.name,
      r.seconds.toFixed(1),
      mb(r.bytes),
      String(r.rows),
      `${mb(r.baseRss)} → ${mb(r.peakRss)}`,
      `${mb(r.baseHeap)} → ${mb(r.peakHeap)}`,
      mb(r.peakBuffers),
      liveRange(r.live),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
    console.log("");
    console.log(
      `${dbLabel}, ${stories} stories, batches of ${batchSize}${warmUp ? ", after a warm-up" : ""}${slowMs > 0 ? `, a slow reader (${slowMs} ms after each chunk)` : ""}:`,
    );
    console.log(line(header));
    console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
    for (const row of table) console.log(line(row));
    const csv = results.find((r) => r.name === "CSV");
    const xlsx = results.find((r) => r.name === "XLSX");
    if (csv && xlsx) console.log(`\nXLSX / CSV time: ${(xlsx.seconds / csv.seconds).toFixed(2)}× (target ≤ 2×)`);

    if (background) {
      // The same files made the background way: asked for, run by the export.file job through the
      // queue (pg-boss on this database), written into the file store (a temporary folder).
      const { JobQueue } = await import("../lib/jobs/queue");
      const { exportFileJob, requestBackgroundExport } = await import("../lib/jobs/export-file-job");
      const { installBlobStore, LocalDiskStore } = await import("../lib/platform/storage");
      const { mkdtempSync, rmSync } = await import("node:fs");
      const os = await import("node:os");
      const filesDir = mkdtempSync(path.join(os.tmpdir(), "ripple-bench-files-"));
      installBlobStore(new LocalDiskStore(filesDir));
      const queue = new JobQueue({ database: db, definitions: [exportFileJob] });
      try {
        await queue.start({ work: false });
        console.log("");
        for (const format of formats) {
          const started = performance.now();
          const asked = await requestBackgroundExport(actor, format, {});
          await queue.runUntilIdle();
          const done = await db.prisma.exportFile.findFirstOrThrow({ where: { organizationId: actor.organizationId, id: asked.id } });
          const seconds = (performance.now() - started) / 1000;
          console.log(
            `${format} in the background (request → ready file): ${seconds.toFixed(1)} s, ${done.status}, ${mb(Number(done.sizeBytes ?? 0))} MB, ${done.rowsWritten}/${done.rowsTotal} rows`,
          );
        }
      } finally {
        await queue.stop();
        rmSync(filesDir, { recursive: true, force: true });
      }
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
