import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { findDueReflectionReminders, recordReminderSent } from "@/lib/db/reminders";
import { weekStartOf } from "@/lib/domain/week";
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

// The reminder e-mails (nudges) over SMTP: tests/integration/nudges.test.ts.
