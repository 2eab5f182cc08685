// `npm run restore -- <backup.tar.gz>`: restores a backup made by `npm run backup` into the data
// folder (RIPPLE_DATA_DIR, default .data), whose database and file store must be empty or absent.
// The server must be stopped. The restored database is opened and counted against the backup's
// manifest before it is moved into place.
import { serverRunning } from "../lib/backup/control";
import { restoreBackup } from "../lib/backup/restore";
import { dataDir, env, isMemoryDataDir } from "../lib/platform/env";

const log = (msg: string) => console.log(`[ripple] ${msg}`);

async function main() {
  const e = env();
  const file = process.argv[2];
  if (!file) throw new Error("Usage: npm run restore -- <backup.tar.gz>");
  if (e.DATABASE_URL) {
    console.error('Ripple runs on a PostgreSQL server here (DATABASE_URL): restore it with pg_restore; see the README, "Backups".');
    process.exit(2);
  }
  const dir = dataDir(e);
  if (isMemoryDataDir(dir)) throw new Error("RIPPLE_DATA_DIR=memory:// cannot be restored into.");
  if (await serverRunning(dir)) throw new Error(`Ripple is running on ${dir}: stop it first, then restore.`);
  const summary = await restoreBackup(file, dir);
  const c = summary.counts;
  log(
    `Restored ${file} (taken ${summary.manifest.createdAt}${summary.manifest.takenBy === "running server" ? " by the running server" : " from the stopped server's data folder"}) into ${summary.dataDir} in ${(summary.ms / 1000).toFixed(1)} s.`,
  );
  log(
    `Checked: ${c.organizations} organisation(s), ${c.people} people, ${c.stories} stories, ${c.files} evidence files, ${summary.storedFiles} stored files, as the backup lists.`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
