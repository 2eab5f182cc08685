// Backups of the embedded database (PGlite) and the file store, and their restore.
//
// A backup is one .tar.gz file:
//   ripple-backup.json   what it holds: when, from where, counts, migrations (checked on restore)
//   pglite/              the database folder, as it was at one moment (see snapshotDatabase)
//   files/               the stored evidence files
//   auth-secret          the generated session secret, when there is one
//
// Consistency. PGlite runs inside one process and serialises everything on its own locks. The
// database folder is copied twice: first while the server works on, then, inside a transaction
// of PGlite's (which holds its transaction lock: no other query or transaction can start, and
// none is open), a CHECKPOINT writes every change into the data files, the counts are read, and
// the files changed since the first pass are copied again (snapshotDatabase). The result is a
// clean, checkpointed database plus the WAL after the checkpoint. The stored files are then
// hard-linked (copied where links are not possible) while the store holds deletions back, so
// every file the snapshot refers to is in the backup. Only the second pass pauses the server's
// queries; compressing happens afterwards, from the copy.
import { randomUUID } from "node:crypto";
import { constants, existsSync } from "node:fs";
import { chmod, copyFile, link, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import * as tar from "tar";
import { z } from "zod";

export const MANIFEST = "ripple-backup.json";
export const PGLITE = "pglite";
export const FILES = "files";
export const SECRET = "auth-secret";

export type BackupCounts = { organizations: number; people: number; memberships: number; stories: number; files: number };

const countsSchema = z.object({
  organizations: z.number().int().min(0),
  people: z.number().int().min(0),
  memberships: z.number().int().min(0),
  stories: z.number().int().min(0),
  files: z.number().int().min(0),
});

export const manifestSchema = z.object({
  format: z.literal("ripple-backup"),
  version: z.literal(1),
  createdAt: z.string(),
  /** "running server": taken by the server on request; "stopped server": the data folder opened by the backup script. */
  takenBy: z.enum(["running server", "stopped server"]),
  counts: countsSchema,
  migrations: z.array(z.string()),
  storedFiles: z.number().int().min(0),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

export type BackupSummary = {
  file: string;
  bytes: number;
  /** From request to a complete file. */
  ms: number;
  /** How long the database was held still for the copy. */
  lockedMs: number;
  manifest: BackupManifest;
};

/** What a database snapshot found, read in the same transaction as the copy. */
export const COUNTS_SQL = `SELECT
  (SELECT count(*) FROM "Organization")::int AS organizations,
  (SELECT count(*) FROM "User")::int AS people,
  (SELECT count(*) FROM "Membership")::int AS memberships,
  (SELECT count(*) FROM "Story")::int AS stories,
  (SELECT count(*) FROM "Evidence" WHERE kind = 'FILE')::int AS files`;
export const MIGRATIONS_SQL = `SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`;

/** A WAL segment file name: timeline, log and segment, 8 hex digits each. */
const WAL_SEGMENT = /^[0-9A-F]{24}$/;
/** Server runtime files a copy must not carry (as pg_basebackup leaves them out). */
const SKIP_AT_ROOT = new Set(["postmaster.pid", "postmaster.opts"]);
const EMPTY_DIRS = new Set(["pg_stat_tmp", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots"]);

type FileStamp = { mtimeNs: bigint; size: bigint };
/** A file modified this close before the first pass began is copied again (coarse clocks). */
const CLOCK_SLACK_NS = 2_000_000_000n;

/**
 * Copies the files of `from` that `keep` accepts into `to`. With `copied` (the first pass), it
 * records each file's modification time and size as seen just before copying it. With `since`
 * (the second pass), it copies only what is new or changed since then, and removes from `to`
 * what is gone from `from`. Returns the bytes copied.
 */
async function copyTree(
  from: string,
  to: string,
  keep: (rel: string, name: string) => boolean,
  opts: { copied?: Map<string, FileStamp>; since?: { copied: Map<string, FileStamp>; startedNs: bigint } } = {},
  rel = "",
): Promise<number> {
  await mkdir(to, { recursive: true, mode: 0o700 });
  let bytes = 0;
  const present = new Set<string>();
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const relPath = rel ? `${rel}/${entry.name}` : entry.name;
    if (!keep(relPath, entry.name)) continue;
    present.add(entry.name);
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) bytes += await copyTree(src, dst, keep, opts, relPath);
    else if (entry.isFile()) {
      const st = await stat(src, { bigint: true });
      if (opts.since) {
        const before = opts.since.copied.get(relPath);
        const unchanged = before && before.mtimeNs === st.mtimeNs && before.size === st.size && st.mtimeNs < opts.since.startedNs - CLOCK_SLACK_NS;
        if (unchanged) continue;
      }
      await copyFile(src, dst, constants.COPYFILE_FICLONE);
      opts.copied?.set(relPath, { mtimeNs: st.mtimeNs, size: st.size });
      bytes += Number(st.size);
    }
  }
  if (opts.since) {
    for (const entry of await readdir(to, { withFileTypes: true })) {
      if (!present.has(entry.name)) await rm(path.join(to, entry.name), { recursive: true, force: true });
    }
  }
  return bytes;
}

/** What a copy of the database folder leaves out. */
function keepInCopy(rel: string, name: string, wal: { redo: string; current: string } | null): boolean {
  if (!rel.includes("/")) return !SKIP_AT_ROOT.has(name);
  const top = rel.slice(0, rel.indexOf("/"));
  if (EMPTY_DIRS.has(top)) return false;
  // The WAL from the checkpoint on (older segments are not needed, later ones are recycled);
  // none in the first pass, which does not know the checkpoint yet.
  if (top === "pg_wal" && WAL_SEGMENT.test(name)) return wal !== null && name >= wal.redo && name <= wal.current;
  return true;
}

/**
 * Copies the database folder `dir` of the open `pglite` into `to` as it is at one moment,
 * right after a checkpoint, when nothing runs; returns the counts and migrations of that moment.
 *
 * Two passes keep the pause short: the folder is first copied while the server works on (that
 * copy may be torn), then, holding PGlite's transaction lock, a CHECKPOINT writes every change
 * to the data files, and only the files changed since the first pass (by modification time and
 * size) and the WAL from the checkpoint on are copied again.
 */
export async function snapshotDatabase(
  pglite: PGlite,
  dir: string,
  to: string,
): Promise<{ counts: BackupCounts; migrations: string[]; lockedMs: number; bytes: number }> {
  const copied = new Map<string, FileStamp>();
  const startedNs = BigInt(Date.now()) * 1_000_000n;
  const firstPass = await copyTree(dir, to, (rel, name) => keepInCopy(rel, name, null), { copied });
  return pglite.transaction(async (tx) => {
    // Holding PGlite's transaction lock from here on: no other query or transaction runs.
    const started = performance.now();
    await tx.exec("CHECKPOINT");
    const wal = (
      await tx.query<{ redo: string; current: string }>(
        `SELECT redo_wal_file AS redo, pg_walfile_name(pg_current_wal_insert_lsn()) AS current FROM pg_control_checkpoint()`,
      )
    ).rows[0]!;
    const counts = (await tx.query<BackupCounts>(COUNTS_SQL)).rows[0]!;
    const migrations = (await tx.query<{ name: string }>(MIGRATIONS_SQL)).rows.map((r) => r.name);
    const secondPass = await copyTree(dir, to, (rel, name) => keepInCopy(rel, name, wal), { since: { copied, startedNs } });
    for (const d of EMPTY_DIRS) await mkdir(path.join(to, d), { recursive: true, mode: 0o700 });
    return { counts, migrations, lockedMs: Math.round(performance.now() - started), bytes: firstPass + secondPass };
  });
}

/** Hard-links (or copies, across file systems) every stored file into `to`; returns how many. */
async function linkFiles(from: string, to: string): Promise<number> {
  if (!existsSync(from)) return 0;
  let n = 0;
  const walk = async (src: string, dst: string) => {
    await mkdir(dst, { recursive: true, mode: 0o700 });
    for (const entry of await readdir(src, { withFileTypes: true })) {
      if (entry.name.startsWith(".tmp-")) continue; // an upload being written
      const s = path.join(src, entry.name);
      const d = path.join(dst, entry.name);
      if (entry.isDirectory()) await walk(s, d);
      else if (entry.isFile()) {
        await link(s, d).catch(async (error: NodeJS.ErrnoException) => {
          if (error.code === "ENOENT") return; // deleted just before the hold
          await copyFile(s, d);
        });
        n++;
      }
    }
  };
  await walk(from, to);
  return n;
}

export type BackupSource = {
  pglite: PGlite;
  /** The data folder (RIPPLE_DATA_DIR): pglite/, files/, auth-secret. */
  dataDir: string;
  /** Runs its argument while the file store holds deletions back. */
  holdDeletes: <T>(fn: () => Promise<T>) => Promise<T>;
  takenBy: BackupManifest["takenBy"];
  now?: () => Date;
};

/** Writes a backup of `source` to `out` (a new file; written beside it first, then renamed). */
export async function createBackup(source: BackupSource, out: string): Promise<BackupSummary> {
  const started = performance.now();
  const target = path.resolve(out);
  if (existsSync(target)) throw new Error(`${target} exists already; choose another file name`);
  await mkdir(path.dirname(target), { recursive: true });
  // The staging folder lives in the data folder, so files can be hard-linked into it.
  const staging = await mkdtemp(path.join(source.dataDir, ".backup-"));
  const partial = `${target}.partial-${randomUUID().slice(0, 8)}`;
  try {
    const { snapshot, storedFiles } = await source.holdDeletes(async () => {
      const snapshot = await snapshotDatabase(source.pglite, path.join(source.dataDir, PGLITE), path.join(staging, PGLITE));
      const storedFiles = await linkFiles(path.join(source.dataDir, FILES), path.join(staging, FILES));
      return { snapshot, storedFiles };
    });
    const secret = path.join(source.dataDir, SECRET);
    if (existsSync(secret)) await copyFile(secret, path.join(staging, SECRET));
    const manifest: BackupManifest = {
      format: "ripple-backup",
      version: 1,
      createdAt: (source.now?.() ?? new Date()).toISOString(),
      takenBy: source.takenBy,
      counts: snapshot.counts,
      migrations: snapshot.migrations,
      storedFiles,
    };
    await writeFile(path.join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    const entries = [
      MANIFEST,
      PGLITE,
      ...(storedFiles || existsSync(path.join(staging, FILES)) ? [FILES] : []),
      ...(existsSync(path.join(staging, SECRET)) ? [SECRET] : []),
    ];
    await tar.c({ gzip: true, file: partial, cwd: staging, portable: true, mode: 0o600 }, entries);
    await chmod(partial, 0o600);
    await rename(partial, target);
    const { size } = await stat(target);
    return { file: target, bytes: size, ms: Math.round(performance.now() - started), lockedMs: snapshot.lockedMs, manifest };
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
}
