// One time line: what Ripple stamps and later compares with "now" comes from lib/platform/clock.ts,
// never from Prisma's @default(now()) (the process's own time). The clock is shifted here by a
// year and a half, so a stamp taken from anywhere else is 550 days off.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { recordAudit } from "@/lib/db/audit";
import { checkCredentials } from "@/lib/db/auth";
import { addComment } from "@/lib/db/comments";
import { getDatabase } from "@/lib/db/registry";
import { askWhatHappenedNext } from "@/lib/db/review";
import { quickCapture } from "@/lib/db/stories";
import { now } from "@/lib/platform/clock";
import { quickCaptureSchema } from "@/lib/validation/story";
import { makeMember, makeOrganization } from "../factories";

const SHIFT_DAYS = -550;
/** Stamps are taken while the test runs: within a minute of the clock. */
const expectNearClock = (stamp: Date | null | undefined) => {
  expect(stamp).toBeInstanceOf(Date);
  expect(Math.abs(stamp!.getTime() - now().getTime())).toBeLessThan(60_000);
};

beforeEach(() => {
  vi.stubEnv("RIPPLE_CLOCK_OFFSET_DAYS", String(SHIFT_DAYS));
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("one clock", () => {
  it("the clock is shifted (the premise of the tests below)", () => {
    expect(Math.round((now().getTime() - Date.now()) / 86_400_000)).toBe(SHIFT_DAYS);
  });

  it("quick capture dates the story and its first cycle entry by the clock", async () => {
    const { admin } = await makeOrganization("Clockwork");
    const { id } = await quickCapture(admin, quickCaptureSchema.parse({ what: "A tip from the forum", channel: "social" }));
    const story = await getDatabase().prisma.story.findFirstOrThrow({
      where: { id },
      select: { occurredAt: true, entries: { select: { recordedAt: true } } },
    });
    expectNearClock(story.occurredAt);
    expect(story.entries).toHaveLength(1);
    expectNearClock(story.entries[0]!.recordedAt);
  });

  it("audit events are stamped by the clock, failed sign-ins included (the sign-in limits compare them with it)", async () => {
    const { admin, organizationId } = await makeOrganization("Clockwork");
    await recordAudit({ action: "settings.changed", organizationId, actorId: admin.membershipId });
    const member = await makeMember(organizationId);
    expect(await checkCredentials(member.email, "not the password", null)).toEqual({ ok: false, reason: "invalid" });
    const events = await getDatabase().prisma.auditEvent.findMany({
      where: {
        OR: [
          { organizationId, action: "settings.changed" },
          { subject: member.email, action: "auth.sign_in_failed" },
        ],
      },
      select: { action: true, createdAt: true },
    });
    expect(events.map((e) => e.action).sort()).toEqual(["auth.sign_in_failed", "settings.changed"]);
    for (const e of events) expectNearClock(e.createdAt);
  });

  it("notifications are stamped by the clock (the e-mail digest compares them with it)", async () => {
    const { admin, organizationId } = await makeOrganization("Clockwork");
    const manager = await makeMember(organizationId, { role: "MANAGER" });
    const author = await makeMember(organizationId, { managerId: manager.membershipId });
    const { id } = await quickCapture(author, quickCaptureSchema.parse({ what: "Shared with the organisation", channel: "social" }));
    await getDatabase().prisma.story.updateMany({ where: { id }, data: { visibility: "ORG", status: "PUBLISHED" } });
    await addComment(admin, id, "Well found");
    await askWhatHappenedNext(manager, id, "");
    const notes = await getDatabase().prisma.notification.findMany({
      where: { organizationId, recipientId: author.membershipId },
      select: { kind: true, createdAt: true },
    });
    expect(notes.map((n) => n.kind).sort()).toEqual(["comment", "question"]);
    for (const n of notes) expectNearClock(n.createdAt);
  });
});
