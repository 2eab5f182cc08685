// The queue's quality bar (issue 13): kill the worker with SIGKILL in the middle of a delivery,
// start it again, and every job completes exactly once. A real `npm run worker` process
// (scripts/worker.ts) sends weekly-reflection reminders to a real SMTP server on loopback that
// answers slowly; the test kills it while the server holds a message it has not yet accepted,
// starts a new one, and then checks the inbox, the jobs, the keys and the reminders recorded.
// On PGlite (a data folder on disk, since the process dies) and, with TEST_DATABASE_URL, on a
// fresh PostgreSQL database of its own (so no other test's worker can take these jobs).
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDatabase, type DatabaseConfig } from "@/lib/db/prisma";
import { applyMigrations } from "@/lib/db/schema-engine";
import { enqueue } from "@/lib/jobs";
import { installJobs } from "@/lib/jobs/server";
import { nudgeJob } from "@/lib/jobs/nudge-job";

const url = process.env.TEST_DATABASE_URL;
const FRIDAY = new Date("2026-11-20T10:00:00Z"); // the week of Monday 16 November 2026
const PERIOD = "2026-11-20"; // the reminder day (Friday) of that week, in UTC (the people have no time zone yet)
const PEOPLE = 10;
const REPLY_DELAY_MS = 100; // the SMTP server thinks this long before accepting each message
const HELD_AFTER = 3; // the message after this many is held until its sender is killed

type Delivery = { to: string; messageId: string | undefined };

/**
 * An SMTP server that answers slowly and, like a server that commits a message when it
 * replies, accepts a message only if the client is still there to hear its "250 OK". After
 * `HELD_AFTER` messages it holds the next one without answering until its sender goes away,
 * and drops it (noted in `aborted`): the kill always lands while a message is in flight,
 * however slow the machine (no race between a timer and the kill).
 */
function slowSmtpServer() {
  const accepted: Delivery[] = [];
  const aborted: Delivery[] = [];
  const onClosed = new Map<string, () => void>();
  let holding = 0;
  let held = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onClose(session) {
      onClosed.get(session.id)?.();
    },
    onData(stream, session, callback) {
      let body = "";
      stream.on("data", (c: Buffer) => (body += c.toString()));
      stream.on("end", () => {
        const delivery = { to: session.envelope.rcptTo.map((r) => r.address).join(","), messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(body)?.[1] };
        if (!held && accepted.length >= HELD_AFTER) {
          held = true;
          holding++;
          onClosed.set(session.id, () => {
            holding--;
            aborted.push(delivery);
            callback(new Error("the client left before the reply"));
          });
          return;
        }
        holding++;
        setTimeout(() => {
          holding--;
          accepted.push(delivery);
          callback();
        }, REPLY_DELAY_MS);
      });
    },
  });
  return { server, accepted, aborted, holding: () => holding };
}

async function waitFor(what: string, probe: () => boolean | Promise<boolean>, timeoutMs: number, log: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}. Worker output:\n${log()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A fresh database with the schema, N people due for their reminder, and one job each. */
async function prepare(config: DatabaseConfig): Promise<{ emails: string[] }> {
  const db = openDatabase(config);
  try {
    await installJobs(db);
    const run = randomUUID().slice(0, 8);
    const org = await db.prisma.organization.create({ data: { name: "Crash test", slug: `crash-${run}`, reflectionDay: 5 } });
    const people: { membershipId: string; email: string }[] = [];
    for (let i = 0; i < PEOPLE; i++) {
      const user = await db.prisma.user.create({ data: { email: `crash-${i}-${run}@test.ripple.test`, name: `Person ${i}` } });
      const m = await db.prisma.membership.create({ data: { organizationId: org.id, userId: user.id } });
      people.push({ membershipId: m.id, email: user.email });
    }
    await db.prisma.$transaction(async (tx) => {
      for (const p of people)
        await enqueue(nudgeJob, { kind: "reflection" as const, membershipId: p.membershipId, organizationId: org.id, period: PERIOD }, { tx });
    });
    return { emails: people.map((p) => p.email) };
  } finally {
    await db.close();
  }
}

function startWorker(env: NodeJS.ProcessEnv, output: string[]): ChildProcess {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...env, RIPPLE_CLOCK_OFFSET_DAYS: String((FRIDAY.getTime() - Date.now()) / 86_400_000) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (c: Buffer) => output.push(c.toString()));
  child.stderr!.on("data", (c: Buffer) => output.push(c.toString()));
  return child;
}

async function crashAndRecover(config: DatabaseConfig, workerEnv: NodeJS.ProcessEnv) {
  const { emails } = await prepare(config);
  const smtp = slowSmtpServer();
  smtp.server.listen(0, "127.0.0.1");
  await once(smtp.server.server, "listening");
  const env = { ...workerEnv, SMTP_URL: `smtp://127.0.0.1:${(smtp.server.server.address() as AddressInfo).port}`, LOG_LEVEL: "warn" };
  const output: string[] = [];
  const log = () => output.join("").slice(-4000);
  try {
    // 1. A worker delivers the first few reminders; it is killed while the server holds the next one.
    const first = startWorker(env, output);
    await waitFor("the first deliveries", () => smtp.accepted.length >= HELD_AFTER && smtp.holding() === 1, 120_000, log);
    first.kill("SIGKILL");
    await once(first, "exit");
    const deliveredBeforeKill = smtp.accepted.length;
    await waitFor("the server to drop the message it was holding", () => smtp.aborted.length === 1, 10_000, log);
    expect(deliveredBeforeKill).toBeLessThan(PEOPLE);

    // 2. A new worker takes the killed one's job up at once (its liveness lock is gone) and sends the rest.
    const second = startWorker(env, output);
    await waitFor("every reminder", () => new Set(smtp.accepted.map((d) => d.to)).size === PEOPLE, 120_000, log);
    await new Promise((r) => setTimeout(r, 500)); // let it complete the last job
    second.kill("SIGTERM");
    const [code] = (await once(second, "exit")) as [number | null];
    expect(code, log()).toBe(0);

    // Every e-mail delivered exactly once; the one cut short was sent again with the same Message-ID.
    expect(smtp.accepted.map((d) => d.to).sort()).toEqual([...emails].sort());
    expect(new Set(smtp.accepted.map((d) => d.messageId)).size).toBe(PEOPLE);
    const [cut] = smtp.aborted;
    expect(smtp.accepted.find((d) => d.to === cut!.to)?.messageId).toBe(cut!.messageId);

    // Every job completed exactly once: one completed job per person, the interrupted one on its
    // second attempt, every key done, one reminder recorded per person.
    const db = openDatabase(config);
    try {
      const jobs = await db.prisma.$queryRawUnsafe<{ state: string; retry_count: number; singleton_key: string }[]>(
        `SELECT state::text AS state, retry_count, singleton_key FROM pgboss.job WHERE name = $1`,
        nudgeJob.name,
      );
      expect(jobs).toHaveLength(PEOPLE);
      expect(jobs.every((j) => j.state === "completed")).toBe(true);
      expect(jobs.filter((j) => j.retry_count > 0)).toHaveLength(1);
      const keys = await db.prisma.jobKey.findMany({ where: { queue: nudgeJob.name } });
      expect(keys).toHaveLength(PEOPLE);
      expect(keys.every((k) => k.doneAt !== null)).toBe(true);
      const reminders = await db.prisma.notification.groupBy({ by: ["recipientId"], where: { kind: "reflection.reminder" }, _count: true });
      expect(reminders).toHaveLength(PEOPLE);
      expect(reminders.every((r) => r._count === 1)).toBe(true);
      const deliveries = await db.prisma.nudgeDelivery.groupBy({ by: ["membershipId"], where: { kind: "reflection", period: PERIOD }, _count: true });
      expect(deliveries).toHaveLength(PEOPLE);
      expect(deliveries.every((d) => d._count === 1)).toBe(true);
    } finally {
      await db.close();
    }
  } finally {
    await new Promise<void>((r) => smtp.server.close(() => r()));
  }
}

describe("SIGKILL in the middle of a delivery", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "ripple-crash-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(url)(
    "on PGlite (a data folder on disk): after the restart every job completes and every e-mail is delivered exactly once",
    { timeout: 400_000 },
    async () => {
      // The migrated schema, from the suite's snapshot, into a folder the worker opens.
      const pglite = new PGlite(path.join(dir, "pglite"), { loadDataDir: new Blob([readFileSync(inject("pgliteSnapshot"))]) });
      await pglite.close();
      const env: NodeJS.ProcessEnv = { ...process.env, RIPPLE_DATA_DIR: dir };
      delete env.DATABASE_URL;
      await crashAndRecover({ kind: "pglite", dir: path.join(dir, "pglite") }, env);
    },
  );

  it.runIf(url)(
    "on PostgreSQL (a database of its own): after the restart every job completes and every e-mail is delivered exactly once",
    { timeout: 400_000 },
    async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const name = `ripple_crash_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
      await admin.query(`CREATE DATABASE ${name}`);
      const target = new URL(url!);
      target.pathname = `/${name}`;
      // Through PgBouncer (TEST_DATABASE_DIRECT_URL set): the queue reaches the same new database directly.
      const direct = process.env.TEST_DATABASE_DIRECT_URL ? new URL(process.env.TEST_DATABASE_DIRECT_URL) : null;
      if (direct) direct.pathname = `/${name}`;
      try {
        await applyMigrations(new PrismaPg({ connectionString: target.toString(), max: 1 }));
        await crashAndRecover(
          { kind: "postgres", url: target.toString(), poolMax: 2, ...(direct ? { directUrl: direct.toString() } : {}) },
          { ...process.env, DATABASE_URL: target.toString(), ...(direct ? { DATABASE_DIRECT_URL: direct.toString() } : {}) },
        );
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    },
  );
});
