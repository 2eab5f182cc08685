// Runs once when the server starts: open the database now, so the first visitor does not
// wait for the embedded PostgreSQL to load; on the embedded database, open the channel through
// which `npm run backup` asks this process for a backup; and start the job queue (lib/jobs): its
// workers run in this process unless RIPPLE_WORKERS=off (then in `npm run worker` processes).
// When the server stops, jobs it was running are taken up again at the next start (or at once by
// another instance's workers).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabase } = await import("./lib/db/registry");
  await getDatabase().prisma.$queryRaw`SELECT 1`;
  const { startBackupControl } = await import("./lib/backup/server");
  await startBackupControl();
  const { startJobs } = await import("./lib/jobs/server");
  await startJobs();
}
