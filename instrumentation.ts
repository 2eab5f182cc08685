// Runs once when the server starts: open the database now, so the first visitor does not
// wait for the embedded PostgreSQL to load; on the embedded database, open the channel through
// which `npm run backup` asks this process for a backup; and start the reminder e-mails when
// SMTP is set.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabase } = await import("./lib/db/registry");
  await getDatabase().prisma.$queryRaw`SELECT 1`;
  const { startBackupControl } = await import("./lib/backup/server");
  await startBackupControl();
  const { scheduleReflectionReminders } = await import("./lib/server/reminder-job");
  scheduleReflectionReminders();
}
