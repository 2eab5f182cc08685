// Restoring a backup made by lib/backup/backup.ts (`npm run restore`). Kept apart from the
// backup side, which the server loads: restoring runs only in the script, with the server stopped.
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import * as tar from "tar";
import { COUNTS_SQL, FILES, MANIFEST, manifestSchema, MIGRATIONS_SQL, PGLITE, SECRET, type BackupCounts, type BackupManifest } from "./backup";

/** Reads a backup's manifest without unpacking the rest. */
export async function readManifest(file: string): Promise<BackupManifest> {
  let text: string | null = null;
  await tar.t({
    file,
    filter: (p) => p === MANIFEST,
    onReadEntry: (entry) => {
      const chunks: Buffer[] = [];
      entry.on("data", (c: Buffer) => chunks.push(c));
      entry.on("end", () => (text = Buffer.concat(chunks).toString("utf8")));
    },
  });
  if (text === null) throw new Error(`${file} is not a Ripple backup (no ${MANIFEST})`);
  const parsed = manifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} has an unreadable ${MANIFEST}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}

/** Counts the restored database holds (opened on its own folder, then closed). */
export async function countDatabase(dir: string): Promise<{ counts: BackupCounts; migrations: string[] }> {
  const pg = new PGlite(dir);
  try {
    const counts = (await pg.query<BackupCounts>(COUNTS_SQL)).rows[0]!;
    const migrations = (await pg.query<{ name: string }>(MIGRATIONS_SQL)).rows.map((r) => r.name);
    return { counts, migrations };
  } finally {
    await pg.close();
  }
}

async function isEmptyDir(dir: string): Promise<boolean> {
  if (!existsSync(dir)) return true;
  return (await readdir(dir)).length === 0;
}

export type RestoreSummary = { dataDir: string; ms: number; manifest: BackupManifest; counts: BackupCounts; storedFiles: number };

/**
 * Restores `file` into the data folder `dataDir`, whose database and file store must be empty
 * (or absent). The archive is unpacked beside them first, the database opened and counted
 * against the manifest, and only then moved into place. The server must not be running on it.
 */
export async function restoreBackup(file: string, dataDir: string): Promise<RestoreSummary> {
  const started = performance.now();
  const manifest = await readManifest(file);
  const root = path.resolve(dataDir);
  for (const part of [PGLITE, FILES]) {
    if (!(await isEmptyDir(path.join(root, part)))) {
      throw new Error(`${path.join(root, part)} is not empty: restore into an empty data folder (move the current one aside first)`);
    }
  }
  await mkdir(root, { recursive: true, mode: 0o700 });
  const staging = await mkdtemp(path.join(root, ".restore-"));
  try {
    await tar.x({ file, cwd: staging, strict: true, preservePaths: false });
    const restored = await countDatabase(path.join(staging, PGLITE));
    const expected = JSON.stringify(manifest.counts);
    if (JSON.stringify(restored.counts) !== expected) {
      throw new Error(`the restored database does not hold what the backup lists (${JSON.stringify(restored.counts)}, expected ${expected})`);
    }
    const storedFiles = await countFiles(path.join(staging, FILES));
    if (storedFiles !== manifest.storedFiles) throw new Error(`the backup lists ${manifest.storedFiles} stored files, it holds ${storedFiles}`);
    for (const part of [PGLITE, FILES]) {
      const from = path.join(staging, part);
      const to = path.join(root, part);
      if (!existsSync(from)) continue;
      await rm(to, { recursive: true, force: true }); // empty, checked above
      await rename(from, to);
    }
    const secret = path.join(staging, SECRET);
    if (existsSync(secret) && !existsSync(path.join(root, SECRET))) {
      await rename(secret, path.join(root, SECRET));
      await chmod(path.join(root, SECRET), 0o600);
    }
    return { dataDir: root, ms: Math.round(performance.now() - started), manifest, counts: restored.counts, storedFiles };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function countFiles(dir: string): Promise<number> {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) n++;
  return n;
}
