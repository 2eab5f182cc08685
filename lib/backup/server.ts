import "server-only";
// The running server's side of `npm run backup`: on the embedded database only, a control
// channel (lib/backup/control.ts) through which the backup script asks this process, which owns
// the PGlite instance, to take the backup under PGlite's own locks.
import type { Database } from "@/lib/db/prisma";
import { getDatabase } from "@/lib/db/registry";
import { dataDir, isMemoryDataDir } from "@/lib/platform/env";
import { now } from "@/lib/platform/clock";
import { logger } from "@/lib/platform/logger";
import { getBlobStore, LocalDiskStore, type BlobStore } from "@/lib/platform/storage";
import { createBackup, type BackupSource } from "./backup";
import { startControlServer, type ControlServer } from "./control";

/** What a backup of this process's embedded database and file store reads from. */
export function backupSource(db: Database, dir: string, store: BlobStore, takenBy: BackupSource["takenBy"]): BackupSource {
  if (!db.pglite) throw new Error("backups of the embedded database only: on PostgreSQL use pg_dump");
  return {
    pglite: db.pglite,
    dataDir: dir,
    holdDeletes: store instanceof LocalDiskStore ? (fn) => store.withDeletesHeld(fn) : (fn) => fn(),
    takenBy,
    now,
  };
}

const g = globalThis as typeof globalThis & { __rippleBackupControl?: Promise<ControlServer | null> };

/** Opens the control channel once per process, when the database is the embedded one on disk. */
export function startBackupControl(): Promise<ControlServer | null> {
  g.__rippleBackupControl ??= (async () => {
    const db = getDatabase();
    const dir = dataDir();
    if (db.kind !== "pglite" || isMemoryDataDir(dir)) return null;
    const source = backupSource(db, dir, getBlobStore(), "running server");
    return startControlServer(dir, async (file) => {
      const summary = await createBackup(source, file);
      logger.info({ bytes: summary.bytes, ms: summary.ms, lockedMs: summary.lockedMs, counts: summary.manifest.counts }, "backup taken");
      return summary;
    });
  })().catch((error: unknown) => {
    logger.warn({ code: (error as { code?: unknown })?.code }, "backups on request are not available");
    return null;
  });
  return g.__rippleBackupControl;
}
