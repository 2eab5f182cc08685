// `npm run bench:nudges [-- --people 2000]`: how long the hourly scan takes to find and enqueue
// the weekly-reflection nudges of an organisation of N people (spread over 8 time zones, all due
// at the fixed instant below), and how many nudge e-mails a second one worker then sends to an
// SMTP server on loopback (each job: load the nudge, write it, SMTP, record the delivery and the
// key in one transaction). On an in-memory PGlite, or on PostgreSQL with --pg postgresql://… (a
// database of its own: the bench creates an organisation and leaves it). --pool: SMTP_URL with
// `?pool=true` (nodemailer keeps its connections open instead of one per message).
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { SMTPServer } from "smtp-server";

process.env.LOG_LEVEL ??= "warn";
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const PEOPLE = Number(arg("people") ?? 2000);
const pgUrl = arg("pg");
// Sunday 22 November 2026, 12:30 UTC: every zone below is past its Friday reminder, still in that week.
const AT = new Date("2026-11-22T12:30:00Z");
const ZONES = ["UTC", "Europe/Paris", "Europe/London", "America/New_York", "America/Sao_Paulo", "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney"];

let received = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disableReverseLookup: true, // a relay on the same network answers at once

  disabledCommands: ["STARTTLS"],
  onData(stream, _session, callback) {
    stream.on("data", () => undefined);
    stream.on("end", () => {
      received++;
      callback();
    });
  },
});
smtp.listen(0, "127.0.0.1");
await once(smtp.server, "listening");
process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}${process.argv.includes("--pool") ? "?pool=true" : ""}`;
process.env.RIPPLE_CLOCK_OFFSET_DAYS = String((AT.getTime() - Date.now()) / 86_400_000);
process.env.RIPPLE_DATA_DIR ??= "memory://";

const { deployPendingMigrations } = await import("../lib/db/migrate");
const { openDatabase } = await import("../lib/db/prisma");
const { installDatabase } = await import("../lib/db/registry");
const { JobQueue } = await import("../lib/jobs");
const { installJobs } = await import("../lib/jobs/server");
const { nudgeJob, runNudges } = await import("../lib/jobs/nudge-job");

const db = pgUrl ? openDatabase({ kind: "postgres", url: pgUrl, poolMax: 10 }) : openDatabase({ kind: "pglite", dir: "memory://" });
if (db.pglite) await (db.pglite as PGlite).waitReady;
await deployPendingMigrations(db);
installDatabase(db);
await installJobs(db);

const run = Math.random().toString(36).slice(2, 8);
const org = await db.prisma.organization.create({ data: { name: `Nudge bench ${run}`, slug: `nudge-bench-${run}`, reflectionDay: 5 } });
for (let i = 0; i < PEOPLE; i += 500) {
  const n = Math.min(500, PEOPLE - i);
  const users = await db.prisma.user.createManyAndReturn({
    data: Array.from({ length: n }, (_, k) => ({
      email: `bench-${run}-${i + k}@bench.ripple.test`,
      name: `Person ${i + k}`,
      timeZone: ZONES[(i + k) % ZONES.length]!,
    })),
    select: { id: true },
  });
  await db.prisma.membership.createMany({ data: users.map((u) => ({ organizationId: org.id, userId: u.id })) });
}

let t = performance.now();
const enqueued = await runNudges({ organizationId: org.id });
const scanSeconds = (performance.now() - t) / 1000;
const queue = new JobQueue({ database: db, definitions: [nudgeJob] });
t = performance.now();
await queue.runUntilIdle();
const sendSeconds = (performance.now() - t) / 1000;
await queue.stop();
const delivered = await db.prisma.nudgeDelivery.count({ where: { organizationId: org.id } });

console.log(`database: ${db.kind}, people: ${PEOPLE}`);
console.log(`scan: ${enqueued} nudges found and enqueued in ${scanSeconds.toFixed(2)} s (${(PEOPLE / scanSeconds).toFixed(0)} people/s)`);
console.log(
  `send: ${delivered} delivered (${received} received by SMTP) in ${sendSeconds.toFixed(2)} s (${(delivered / sendSeconds).toFixed(1)} e-mails/s, one worker, one at a time)`,
);
await db.close();
await new Promise<void>((r) => smtp.close(() => r()));
process.exit(enqueued === PEOPLE && delivered === PEOPLE ? 0 : 1);
