import { describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { findDueReflectionReminders, recordReminderSent } from "@/lib/db/reminders";
import { weekStartOf } from "@/lib/domain/week";
import { installQueues, runJobs } from "../support/jobs";
import { useSmtpServer } from "../support/smtp";
import { makeMember, makeOrganization } from "../factories";

const db = () => getDatabase().prisma;
// A Wednesday; the week starts on Monday 16 Nov 2026 (UTC).
const WEDNESDAY = new Date("2026-11-18T09:00:00Z");

describe("who gets a reflection reminder", () => {
  it("people whose day has come, who have not reflected or been reminded this week", async () => {
    const { organizationId } = await makeOrganization();
    await db().organization.update({ where: { id: organizationId }, data: { reflectionDay: 3 } }); // Wednesday
    const due = await makeMember(organizationId, { name: "Due Person" });
    const reflected = await makeMember(organizationId);
    const laterDay = await makeMember(organizationId);
    const reminded = await makeMember(organizationId);
    const inactive = await makeMember(organizationId, { status: "DEACTIVATED" });
    await db().membership.updateMany({ where: { id: laterDay.membershipId }, data: { reflectionDay: 5 } });
    await db().reflection.create({ data: { organizationId, membershipId: reflected.membershipId, weekStart: weekStartOf(WEDNESDAY), learned: "x" } });
    const mine = (rows: { membershipId: string }[]) =>
      rows.map((r) => r.membershipId).filter((id) => [due, reflected, laterDay, reminded, inactive].some((m) => m.membershipId === id));

    const first = await findDueReflectionReminders(WEDNESDAY, 100_000);
    const target = first.find((r) => r.membershipId === reminded.membershipId)!;
    await recordReminderSent(target, WEDNESDAY);

    const rows = await findDueReflectionReminders(WEDNESDAY, 100_000);
    expect(mine(rows)).toEqual([due.membershipId]);
    expect(rows.find((r) => r.membershipId === due.membershipId)).toMatchObject({ email: due.email, name: "Due Person", weekLabel: "Week of 16 Nov 2026" });
    // A week later everyone not yet reflected that week is due again.
    const nextWeek = await findDueReflectionReminders(new Date("2026-11-27T09:00:00Z"), 100_000);
    expect(mine(nextWeek).sort()).toEqual([due.membershipId, reflected.membershipId, laterDay.membershipId, reminded.membershipId].sort());
  });
});

describe("reminder e-mails over SMTP", () => {
  const { received, url } = useSmtpServer();

  it("sends one e-mail per person per week, through a real SMTP conversation", async () => {
    vi.stubEnv("SMTP_URL", url());
    vi.stubEnv("RIPPLE_CLOCK_OFFSET_DAYS", String((WEDNESDAY.getTime() - Date.now()) / 86_400_000));
    vi.resetModules();
    const { runNudges, nudgeJob } = await import("@/lib/jobs/nudge-job");
    await installQueues([nudgeJob]);
    const { organizationId } = await makeOrganization();
    const runReflectionReminders = () => runNudges({ organizationId });
    const reflectionReminderEmail = nudgeJob;
    await db().organization.update({ where: { id: organizationId }, data: { reflectionDay: 1 } });
    const person = await makeMember(organizationId, { name: "Mail Person" });

    // The hourly scan enqueues one job per e-mail; the workers send them.
    expect(await runReflectionReminders()).toBeGreaterThanOrEqual(1);
    await runJobs([reflectionReminderEmail]);
    const mail = received.filter((m) => m.to === person.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body).toContain("Subject: Your weekly reflection on Ripple");
    expect(mail[0]!.body).toContain("/reflect");
    expect(mail[0]!.body).toMatch(/^List-Unsubscribe:\s+<http[^>]+\/api\/unsubscribe\/[^>]+>/m);
    expect(mail[0]!.body).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);

    await runReflectionReminders();
    await runJobs([reflectionReminderEmail]);
    expect(received.filter((m) => m.to === person.email)).toHaveLength(1);
    vi.unstubAllEnvs();
  });
});
