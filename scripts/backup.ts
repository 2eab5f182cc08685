// `npm run backup -- [file]`: a backup of the embedded database and the file store, in one
// .tar.gz file (default: ripple-backup-<date>-<time>.tar.gz in the current folder).
// While the server runs, the server takes it (it owns the database; lib/backup/control.ts);
// when it does not, this script opens the data folder itself. Restore with `npm run restore`.
import { existsSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { createBackup, type BackupSummary } from "../lib/backup/backup";
import { readControl, requestBackup, ServerNotRunning } from "../lib/backup/control";
import { dataDir, env, isMemoryDataDir } from "../lib/platform/env";
import { now } from "../lib/platform/clock";
import { LocalDiskStore } from "../lib/platform/storage/local-disk";

const log = (msg: string) => console.log(`[ripple] ${msg}`);
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

function defaultName(): string {
  const iso = now().toISOString(); // 2026-11-30T08:45:57.463Z
  return `ripple-backup-${iso.slice(0, 10)}-${iso.slice(11, 19).replace(/:/g, "")}.tar.gz`;
}

async function offline(dir: string, out: string): Promise<BackupSummary> {
  const pgliteDir = path.join(dir, "pglite");
  if (!existsSync(path.join(pgliteDir, "PG_VERSION"))) throw new Error(`No embedded database in ${pgliteDir}.`);
  const pglite = new PGlite(pgliteDir);
  try {
    const store = new LocalDiskStore(path.join(dir, "files"));
    return await createBackup({ pglite, dataDir: dir, holdDeletes: (fn) => store.withDeletesHeld(fn), takenBy: "stopped server", now }, out);
  } finally {
    await pglite.close();
  }
}

async function main() {
  const e = env();
  if (e.DATABASE_URL) {
    console.error(
      'Ripple runs on a PostgreSQL server here (DATABASE_URL): back it up with pg_dump, and the file store (RIPPLE_DATA_DIR/files) with it; see the README, "Backups".',
    );
    process.exit(2);
  }
  const dir = dataDir(e);
  if (isMemoryDataDir(dir)) throw new Error("RIPPLE_DATA_DIR=memory:// keeps nothing to back up.");
  const out = path.resolve(process.argv[2] ?? defaultName());
  let summary: BackupSummary | null = null;
  const info = await readControl(dir);
  if (info) {
    try {
      summary = await requestBackup(info, out);
    } catch (error) {
      if (!(error instanceof ServerNotRunning)) throw error;
    }
  }
  summary ??= await offline(dir, out);
  const c = summary.manifest.counts;
  log(
    `Backup written to ${summary.file}: ${mb(summary.bytes)} in ${(summary.ms / 1000).toFixed(1)} s, ${summary.manifest.takenBy === "running server" ? "taken by the running server" : "taken from the data folder (the server was not running)"}, database held still for ${summary.lockedMs} ms.`,
  );
  log(
    `It holds ${c.organizations} organisation(s), ${c.people} people, ${c.stories} stories, ${c.files} evidence files (${summary.manifest.storedFiles} stored files).`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
