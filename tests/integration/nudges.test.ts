// Nudges that reach people (issue 13), with a real database (PGlite, or TEST_DATABASE_URL) and
// a real SMTP server on loopback: each nudge goes out at the person's local hour on the right
// day, once, even with two scans and two queues (two pg-boss instances) at the same moment; a
// failing mail server gets retries with backoff and the same Message-ID; an unsubscribe link
// stops that kind only, and a tampered or someone else's link is refused. Every instant is fixed
// (the clock is set with RIPPLE_CLOCK_OFFSET_DAYS), never today's date; each is at half past an
// hour, so the seconds a test takes never cross an hour.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { JobQueue } from "@/lib/jobs";
import { makeMember, makeOrganization, makeStory } from "../factories";

const db = () => getDatabase().prisma;
const EMAIL = new Set(["email"] as const);

type Mail = { to: string; subject: string; messageId: string | undefined; body: string; accepted: boolean };

/** An SMTP server that records every message, and refuses the next `refuse` ones (451, as a server that is away for a moment). */
function smtpServer() {
  const mails: Mail[] = [];
  const state = { refuse: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let body = "";
      stream.on("data", (c: Buffer) => (body += c.toString()));
      stream.on("end", () => {
        const unfolded = body.replace(/\r?\n[ \t]+/g, " ");
        const mail = {
          to: session.envelope.rcptTo.map((r) => r.address).join(","),
          subject: /^Subject: (.*)$/im.exec(unfolded)?.[1]?.trim() ?? "",
          messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(unfolded)?.[1],
          body: unfolded.replace(/=\r?\n/g, ""),
          accepted: state.refuse === 0,
        };
        mails.push(mail);
        if (state.refuse > 0) {
          state.refuse--;
          const error = new Error("Try again later") as Error & { responseCode: number };
          error.responseCode = 451;
          callback(error);
          return;
        }
        callback();
      });
    },
  });
  return { server, mails, state };
}

const smtp = smtpServer();
let jobs: typeof import("@/lib/jobs/nudge-job");
// Imported after the environment is set (SMTP_URL), with the route, in one module graph: one auth secret signs and checks the links.
let nudges: typeof import("@/lib/db/nudges");
const findDueNudgesPage = (...a: Parameters<typeof nudges.findDueNudgesPage>) => nudges.findDueNudgesPage(...a);
const unsubscribeToken = (...a: Parameters<typeof nudges.unsubscribeToken>) => nudges.unsubscribeToken(...a);
const unsubscribeView = (...a: Parameters<typeof nudges.unsubscribeView>) => nudges.unsubscribeView(...a);
const verifyUnsubscribeToken = (...a: Parameters<typeof nudges.verifyUnsubscribeToken>) => nudges.verifyUnsubscribeToken(...a);

/** Sets Ripple's clock to a fixed instant. */
function setClock(iso: string): Date {
  const at = new Date(iso);
  vi.stubEnv("RIPPLE_CLOCK_OFFSET_DAYS", String((at.getTime() - Date.now()) / 86_400_000));
  return at;
}

/** The nudge queue's jobs due now, run by one in-process queue until none is left. */
async function deliver(queues = 1): Promise<void> {
  const qs = Array.from({ length: queues }, () => new JobQueue({ database: getDatabase(), definitions: [jobs.nudgeJob], reclaimIntervalSeconds: 3600 }));
  try {
    await Promise.all(qs.map((q) => q.runUntilIdle()));
  } finally {
    await Promise.all(qs.map((q) => q.stop()));
  }
}

const accepted = (email: string) => smtp.mails.filter((m) => m.to === email && m.accepted);

beforeAll(async () => {
  smtp.server.listen(0, "127.0.0.1");
  await once(smtp.server.server, "listening");
  vi.stubEnv("SMTP_URL", `smtp://127.0.0.1:${(smtp.server.server.address() as AddressInfo).port}`);
  vi.resetModules();
  jobs = await import("@/lib/jobs/nudge-job");
  nudges = await import("@/lib/db/nudges");
  const { installQueues } = await import("../support/jobs");
  await installQueues([jobs.nudgeJob]);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise<void>((r) => smtp.server.close(() => r()));
});

beforeEach(() => {
  smtp.state.refuse = 0;
});

/** An organisation whose admin gets no nudges (only the people a test makes do). */
async function org() {
  const { organizationId, admin } = await makeOrganization();
  await db().membership.updateMany({ where: { id: admin.membershipId }, data: { nudgeFollowUps: "off", nudgeReflection: "off", nudgeShared: "off" } });
  return { organizationId };
}

/** A person with a time zone and nudge settings. */
async function person(organizationId: string, opts: { timeZone: string; hour?: number; days?: "weekdays" | "every_day"; managerId?: string; name?: string }) {
  const m = await makeMember(organizationId, { managerId: opts.managerId ?? null, name: opts.name ?? "Nudged Person" });
  await db().user.update({ where: { id: m.userId }, data: { timeZone: opts.timeZone } });
  await db().membership.updateMany({ where: { id: m.membershipId }, data: { nudgeHour: opts.hour ?? 9, nudgeDays: opts.days ?? "weekdays" } });
  return m;
}

async function followUpDue(author: Awaited<ReturnType<typeof person>>, dueAt: string, title = "A story to follow up") {
  const storyId = await makeStory({ author, title, status: "PUBLISHED", visibility: "ORG" });
  await db().followUp.create({
    data: {
      organizationId: author.organizationId,
      storyId,
      assigneeId: author.membershipId,
      requestedById: author.membershipId,
      cycle: "APPLIED",
      dueAt: new Date(dueAt),
    },
  });
  return storyId;
}

describe("when a nudge is due", () => {
  it("at the person's chosen hour in their own time zone, on their days, and only with something to say", async () => {
    const { organizationId } = await org();
    await db().organization.update({ where: { id: organizationId }, data: { reflectionDay: 5 } }); // Friday
    // Paris, 09:00 (CEST, UTC+2 on Monday 30 March 2026): a follow-up came due at 05:00 UTC.
    const paris = await person(organizationId, { timeZone: "Europe/Paris" });
    await followUpDue(paris, "2026-03-30T05:00:00Z");
    // Los Angeles, 09:00 Friday (PST, UTC−8 on 20 November 2026): the reflection reminder.
    const la = await person(organizationId, { timeZone: "America/Los_Angeles" });
    // Tokyo (UTC+9), a manager, every day at 08:00: a story shared with them on Friday 20 November.
    const tokyo = await person(organizationId, { timeZone: "Asia/Tokyo", hour: 8, days: "every_day" });
    const report = await person(organizationId, { timeZone: "UTC", managerId: tokyo.membershipId });
    const shared = await makeStory({ author: report, title: "Shared with the manager", status: "PUBLISHED", visibility: "MANAGER" });
    await db().notification.create({
      data: {
        organizationId,
        recipientId: tokyo.membershipId,
        actorId: report.membershipId,
        kind: "story.shared",
        storyId: shared,
        createdAt: new Date("2026-11-20T10:00:00Z"),
      },
    });
    // Nudges off: never, whatever is due.
    const off = await person(organizationId, { timeZone: "UTC" });
    await followUpDue(off, "2026-03-30T05:00:00Z");
    await db().membership.updateMany({ where: { id: off.membershipId }, data: { nudgeFollowUps: "off", nudgeReflection: "off", nudgeShared: "off" } });

    const due = async (iso: string) =>
      (await findDueNudgesPage(new Date(iso), EMAIL, { organizationId })).due.map(
        (d) =>
          `${d.kind}:${d.membershipId === paris.membershipId ? "paris" : d.membershipId === la.membershipId ? "la" : d.membershipId === tokyo.membershipId ? "tokyo" : "other"}:${d.period}`,
      );

    expect(await due("2026-03-30T06:30:00Z")).toEqual([
      // 23:30 on Sunday in Los Angeles: last Friday's reminder is still due that week.
      "reflection:la:2026-03-27",
    ]); // 08:30 in Paris: not yet
    expect(await due("2026-03-30T07:30:00Z")).toEqual(["followUps:paris:2026-03-30"]); // 09:30 in Paris; Monday 00:30 in Los Angeles
    // Friday 20 November: 16:30 UTC is 08:30 in Los Angeles; 17:30 UTC is 09:30 there. Everyone
    // else's reminder day (UTC people, Paris, Tokyo) came earlier that day.
    const before = await due("2026-11-20T16:30:00Z");
    expect(before.filter((d) => d.includes(":la:"))).toEqual([]);
    expect(await due("2026-11-20T17:30:00Z")).toEqual(expect.arrayContaining(["reflection:la:2026-11-20"]));
    // Tokyo: shared on Friday 19:00 there; due on Saturday at 08:00 there (every day), which is Friday 23:00 UTC.
    expect((await due("2026-11-20T22:30:00Z")).filter((d) => d.startsWith("shared"))).toEqual([]);
    expect((await due("2026-11-20T23:30:00Z")).filter((d) => d.startsWith("shared"))).toEqual(["shared:tokyo:2026-11-21"]);
    // With "Monday to Friday", Saturday in Tokyo is not a day for it.
    await db().membership.updateMany({ where: { id: tokyo.membershipId }, data: { nudgeDays: "weekdays" } });
    expect((await due("2026-11-20T23:30:00Z")).filter((d) => d.startsWith("shared"))).toEqual([]);
    // Nothing goes to the person who turned them off, nor when e-mail cannot be sent.
    expect((await due("2026-11-20T23:30:00Z")).filter((d) => d.includes(":other:") && !d.startsWith("reflection"))).toEqual([]);
    expect((await findDueNudgesPage(new Date("2026-03-30T07:30:00Z"), new Set(), { organizationId })).due).toEqual([]);
  });

  it("delivers each by e-mail once, at its hour, with what came due and the person's unsubscribe link (headers included)", async () => {
    const { organizationId } = await org();
    const paris = await person(organizationId, { timeZone: "Europe/Paris", name: "Paris Person" });
    const storyId = await followUpDue(paris, "2026-03-30T05:00:00Z", "Templates from my network");
    await db().membership.updateMany({ where: { id: paris.membershipId }, data: { nudgeReflection: "off" } });

    setClock("2026-03-30T06:30:00Z"); // 08:30 in Paris
    expect(await jobs.runNudges({ organizationId })).toBe(0);
    setClock("2026-03-30T07:30:00Z"); // 09:30 in Paris
    expect(await jobs.runNudges({ organizationId })).toBe(1);
    await deliver();
    const [mail, ...more] = accepted(paris.email);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe("A follow-up came due on Ripple");
    expect(mail!.body).toContain("Hello Paris Person");
    expect(mail!.body).toContain(`/stories/${storyId}`);
    const token = unsubscribeToken(paris, "followUps");
    expect(mail!.body).toContain(`/unsubscribe/${token}`);
    expect(mail!.body).toMatch(new RegExp(`^List-Unsubscribe: <http://[^>]+/api/unsubscribe/${token.replace(/[.]/g, "\\.")}>`, "m"));
    expect(mail!.body).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);

    // Later that day and the next: nothing new came due, nothing is sent again.
    setClock("2026-03-30T15:30:00Z");
    expect(await jobs.runNudges({ organizationId })).toBe(0);
    setClock("2026-03-31T07:30:00Z");
    expect(await jobs.runNudges({ organizationId })).toBe(0);
    // A new one comes due on Tuesday: Wednesday's nudge has it alone.
    await followUpDue(paris, "2026-03-31T12:00:00Z", "A second story");
    setClock("2026-04-01T07:30:00Z");
    expect(await jobs.runNudges({ organizationId })).toBe(1);
    await deliver();
    expect(accepted(paris.email)).toHaveLength(2);
    expect(accepted(paris.email)[1]!.body).toContain("A second story");
    expect(accepted(paris.email)[1]!.body).not.toContain("Templates from my network");
    const log = await db().nudgeDelivery.findMany({ where: { membershipId: paris.membershipId }, orderBy: { sentAt: "asc" } });
    expect(log.map((l) => [l.kind, l.period, l.channel])).toEqual([
      ["followUps", "2026-03-30", "email"],
      ["followUps", "2026-04-01", "email"],
    ]);
    expect(log.map((l) => l.messageId)).toEqual(accepted(paris.email).map((m) => m.messageId));
  });
});

describe("never the same nudge twice", () => {
  it("two scans and two queues (two pg-boss instances) at the same moment: each person gets one e-mail", async () => {
    const { organizationId } = await org();
    await db().organization.update({ where: { id: organizationId }, data: { reflectionDay: 3 } }); // Wednesday
    const people = await Promise.all(Array.from({ length: 12 }, (_, i) => person(organizationId, { timeZone: i % 2 ? "Europe/Berlin" : "America/New_York" })));
    // Wednesday 18 November 2026, 15:30 UTC: 16:30 in Berlin, 10:30 in New York.
    setClock("2026-11-18T15:30:00Z");
    const added = await Promise.all([jobs.runNudges({ organizationId }), jobs.runNudges({ organizationId })]);
    expect(added[0] + added[1]).toBe(12);
    await deliver(2);
    for (const p of people)
      expect(
        accepted(p.email).map((m) => m.subject),
        p.email,
      ).toEqual(["Your weekly reflection on Ripple"]);
    // A scan afterwards finds nothing to send: the delivery log says they were reminded this week.
    setClock("2026-11-19T15:30:00Z");
    expect(await Promise.all([jobs.runNudges({ organizationId }), jobs.runNudges({ organizationId })])).toEqual([0, 0]);
    const log = await db().nudgeDelivery.groupBy({ by: ["membershipId"], where: { organizationId }, _count: true });
    expect(log).toHaveLength(12);
    expect(log.every((l) => l._count === 1)).toBe(true);
    // The in-app reminder, as before: one notification each.
    expect(await db().notification.count({ where: { organizationId, kind: "reflection.reminder" } })).toBe(12);
  });

  it("a person who reflected, or whose follow-up was answered, before the job ran gets nothing", async () => {
    const { organizationId } = await org();
    const p = await person(organizationId, { timeZone: "UTC" });
    await followUpDue(p, "2026-11-18T08:00:00Z");
    setClock("2026-11-18T09:30:00Z"); // Wednesday; the organisation's day is Friday
    expect(await jobs.runNudges({ organizationId })).toBe(1);
    await db().followUp.updateMany({ where: { assigneeId: p.membershipId }, data: { doneAt: new Date("2026-11-18T09:00:00Z") } });
    await deliver();
    expect(accepted(p.email)).toEqual([]);
    expect(await db().nudgeDelivery.count({ where: { membershipId: p.membershipId } })).toBe(0);
  });
});

describe("a mail server that is away", () => {
  it("is retried with exponential backoff, and the message finally delivered once, with the same Message-ID", async () => {
    const { organizationId } = await org();
    const p = await person(organizationId, { timeZone: "UTC" });
    await db().membership.updateMany({ where: { id: p.membershipId }, data: { nudgeReflection: "off" } });
    await followUpDue(p, "2026-11-18T08:00:00Z");
    setClock("2026-11-18T09:30:00Z");
    expect(await jobs.runNudges({ organizationId })).toBe(1);
    smtp.state.refuse = 2;

    const job = async () =>
      (
        await db().$queryRawUnsafe<{ id: string; state: string; retry_count: number; wait: number }[]>(
          `SELECT id, state::text AS state, retry_count, extract(epoch FROM start_after - now())::float8 AS wait FROM pgboss.job WHERE name = $1 AND data->>'membershipId' = $2`,
          jobs.nudgeJob.name,
          p.membershipId,
        )
      )[0]!;
    // First attempt refused: retried after 60–120 s (60 s · 2^0 … 2^1, with jitter). (pg-boss
    // counts a retry when a worker takes it.)
    await deliver();
    let j = await job();
    expect(j).toMatchObject({ state: "retry", retry_count: 0 });
    expect(j.wait).toBeGreaterThan(50);
    expect(j.wait).toBeLessThanOrEqual(121);
    // Not before its time: a worker now finds nothing to run.
    await deliver();
    expect((await job()).retry_count).toBe(0);
    expect(smtp.mails.filter((m) => m.to === p.email)).toHaveLength(1);
    // Its time comes (moved forward here instead of waited for); refused again: 120–240 s.
    await db().$executeRawUnsafe(`UPDATE pgboss.job SET start_after = now() WHERE id = $1::uuid`, j.id);
    await deliver();
    j = await job();
    expect(j).toMatchObject({ state: "retry", retry_count: 1 });
    expect(j.wait).toBeGreaterThan(110);
    expect(j.wait).toBeLessThanOrEqual(241);
    // The third attempt goes through.
    await db().$executeRawUnsafe(`UPDATE pgboss.job SET start_after = now() WHERE id = $1::uuid`, j.id);
    await deliver();
    expect(await job()).toMatchObject({ state: "completed", retry_count: 2 });
    const tries = smtp.mails.filter((m) => m.to === p.email);
    expect(tries.map((m) => m.accepted)).toEqual([false, false, true]);
    expect(new Set(tries.map((m) => m.messageId)).size).toBe(1);
    expect(await db().nudgeDelivery.count({ where: { membershipId: p.membershipId } })).toBe(1);
  });
});

describe("unsubscribing", () => {
  const route = () => import("@/app/api/unsubscribe/[token]/route");
  const call = async (method: "GET" | "POST", token: string, body?: string) => {
    const { GET, POST } = await route();
    const request = new Request(`http://localhost:3000/api/unsubscribe/${encodeURIComponent(token)}`, {
      method,
      ...(body !== undefined ? { body, headers: { "Content-Type": "application/x-www-form-urlencoded" } } : {}),
    });
    return (method === "GET" ? GET : POST)(request, { params: Promise.resolve({ token }) });
  };
  const prefs = (membershipId: string) =>
    db().membership.findFirstOrThrow({
      where: { id: membershipId },
      select: { nudgeFollowUps: true, nudgeReflection: true, nudgeShared: true, emailDigest: true },
    });

  it("one click stops that kind of e-mail only, with no sign-in, audited; the others keep coming", async () => {
    const { organizationId } = await org();
    await db().organization.update({ where: { id: organizationId }, data: { reflectionDay: 3 } });
    const p = await person(organizationId, { timeZone: "UTC" });
    const token = unsubscribeToken(p, "followUps");

    // Opening the address changes nothing: it leads to the confirm page.
    const opened = await call("GET", token);
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toMatch(new RegExp(`/unsubscribe/${token.replace(/[.]/g, "\\.")}$`));
    expect((await prefs(p.membershipId)).nudgeFollowUps).toBe("email");
    expect(await unsubscribeView(token)).toMatchObject({ kind: "followUps", subscribed: true, email: expect.stringMatching(/^p••@test\.ripple\.test$/) });

    // RFC 8058's one-click POST.
    const res = await call("POST", token, "List-Unsubscribe=One-Click");
    expect(res.status).toBe(200);
    expect(await prefs(p.membershipId)).toEqual({ nudgeFollowUps: "off", nudgeReflection: "email", nudgeShared: "email", emailDigest: true });
    const events = await db().auditEvent.findMany({ where: { organizationId, action: "profile.unsubscribed" } });
    expect(events.map((e) => [e.actorId, e.targetId, e.meta])).toEqual([[p.membershipId, p.membershipId, { kind: "followUps", via: "one-click" }]]);
    // Again: nothing more changes, nothing more is audited.
    expect((await call("POST", token, "List-Unsubscribe=One-Click")).status).toBe(200);
    expect(await db().auditEvent.count({ where: { organizationId, action: "profile.unsubscribed" } })).toBe(1);
    expect(await unsubscribeView(token)).toMatchObject({ subscribed: false });

    // What is due on Wednesday: the reflection reminder, not the follow-up.
    await followUpDue(p, "2026-11-18T08:00:00Z");
    setClock("2026-11-18T09:30:00Z");
    expect(await jobs.runNudges({ organizationId })).toBe(1);
    await deliver();
    expect(accepted(p.email).map((m) => m.subject)).toEqual(["Your weekly reflection on Ripple"]);

    // The confirm page's button: a plain form POST, then back to the page.
    const digest = unsubscribeToken(p, "digest");
    const fromPage = await call("POST", digest, "");
    expect(fromPage.status).toBe(303);
    expect(fromPage.headers.get("location")).toMatch(/\?done=1$/);
    expect(await prefs(p.membershipId)).toEqual({ nudgeFollowUps: "off", nudgeReflection: "email", nudgeShared: "email", emailDigest: false });
  });

  it("refuses a tampered link, and one person's signature on another person's link, changing nothing", async () => {
    const { organizationId } = await org();
    const a = await person(organizationId, { timeZone: "UTC" });
    const b = await person(organizationId, { timeZone: "UTC" });
    const good = unsubscribeToken(a, "shared");
    const [orgId, member, kind, sig] = good.split(".") as [string, string, string, string];
    const flipped = sig.slice(0, 10) + (sig[10] === "A" ? "B" : "A") + sig.slice(11);
    const forged = [
      `${orgId}.${member}.${kind}.${flipped}`, // a changed signature
      `${orgId}.${b.membershipId}.${kind}.${sig}`, // A's signature on B
      `${orgId}.${member}.followUps.${sig}`, // another kind
      `${orgId}.${member}.${kind}`, // no signature
      `${orgId}.${member}.${kind}.${sig}x`,
      "not-a-token",
      "",
    ];
    for (const token of forged) {
      expect(verifyUnsubscribeToken(token), token).toBeNull();
      expect(await unsubscribeView(token), token).toBeNull();
      expect((await call("POST", token, "List-Unsubscribe=One-Click")).status, token).toBe(404);
    }
    for (const m of [a, b])
      expect(await prefs(m.membershipId)).toEqual({ nudgeFollowUps: "email", nudgeReflection: "email", nudgeShared: "email", emailDigest: true });
    expect(await db().auditEvent.count({ where: { organizationId, action: "profile.unsubscribed" } })).toBe(0);
    // B's own link works for B alone.
    expect((await call("POST", unsubscribeToken(b, "shared"), "List-Unsubscribe=One-Click")).status).toBe(200);
    expect((await prefs(a.membershipId)).nudgeShared).toBe("email");
    expect((await prefs(b.membershipId)).nudgeShared).toBe("off");
  });
});

describe("the daily digest and the nudges", () => {
  it("leaves out what a nudge that is on announces (shares, follow-ups, questions), and keeps it when that nudge is off", async () => {
    const { findPendingDigests } = await import("@/lib/db/notifications");
    const { organizationId } = await org();
    const manager = await person(organizationId, { timeZone: "UTC", name: "Manager" });
    const report = await person(organizationId, { timeZone: "UTC", managerId: manager.membershipId, name: "Report" });
    const storyId = await makeStory({ author: report, title: "Shared story", status: "PUBLISHED", visibility: "MANAGER" });
    const at = new Date("2026-11-18T12:30:00Z");
    const kinds = ["story.shared", "comment", "question"];
    for (const [i, kind] of kinds.entries())
      await db().notification.create({
        data: {
          organizationId,
          recipientId: manager.membershipId,
          actorId: report.membershipId,
          kind,
          storyId,
          createdAt: new Date(`2026-11-18T09:0${i}:00Z`),
        },
      });
    const lines = async () => (await findPendingDigests(at, 1, { person: { organizationId, membershipId: manager.membershipId } }))[0]?.lines ?? [];

    expect(await lines()).toEqual(["Report commented on “Shared story”"]);
    await db().membership.updateMany({ where: { id: manager.membershipId }, data: { nudgeShared: "off", nudgeFollowUps: "off" } });
    expect(await lines()).toEqual([
      "Report shared “Shared story” with you",
      "Report commented on “Shared story”",
      "Report asked what happened next on “Shared story”",
    ]);
  });
});
