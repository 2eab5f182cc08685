import { afterEach, describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { getReflectionWeek, listReflectionHistory, reflectionReminder, saveReflection, setReflectionDay, skipWeek } from "@/lib/db/reflections";
import { DAY_MS, dayOfWeekPosition, weekStartOf } from "@/lib/domain/week";
import { now } from "@/lib/platform/clock";
import { reflectionInputSchema } from "@/lib/validation/reflection";
import { makeMember, makeOrganization, makeStory } from "../factories";
import { refused } from "../support/assertions";

const answers = (extra: Record<string, unknown> = {}) =>
  reflectionInputSchema.parse({ learned: "Saved searches group recurring tickets", sharedWithManager: "on", ...extra });

/**
 * Moves "now" (lib/platform/clock.ts) by whole days, so that today is the given weekday of the
 * current week (1 = Monday ... 7 = Sunday). Restored after each test.
 */
function todayIs(position: number) {
  delete process.env.RIPPLE_CLOCK_OFFSET_DAYS;
  const current = dayOfWeekPosition(new Date().getUTCDay());
  process.env.RIPPLE_CLOCK_OFFSET_DAYS = String(position - current);
}

afterEach(() => {
  delete process.env.RIPPLE_CLOCK_OFFSET_DAYS;
});

// The stories reflections link: the author's team sees them; left as drafts.
const TEAM_DRAFT = { visibility: "TEAM", status: "DRAFT" } as const;

describe("saving the week's reflection", () => {
  it("creates the current week's reflection, then updates the same row", async () => {
    const { admin } = await makeOrganization();
    const first = await saveReflection(admin, answers());
    expect(first.weekStart.toISOString()).toBe(weekStartOf(now()).toISOString());
    expect(first).toMatchObject({
      learned: "Saved searches group recurring tickets",
      performance: "",
      organizationImpact: "",
      skipped: false,
      sharedWithManager: true,
    });

    const second = await saveReflection(admin, answers({ learned: "Changed my mind", performance: "An hour saved", sharedWithManager: undefined }));
    expect(second.id).toBe(first.id);
    expect(second).toMatchObject({ learned: "Changed my mind", performance: "An hour saved", sharedWithManager: false });

    const rows = await getDatabase().prisma.reflection.findMany({ where: { membershipId: admin.membershipId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ organizationId: admin.organizationId, learned: "Changed my mind" });

    const week = await getReflectionWeek(admin, now());
    expect(week.reflection?.id).toBe(first.id);
    expect(week.reflection?.learned).toBe("Changed my mind");
  });

  it("refuses a reflection with no answer, with a message on the first question", async () => {
    const { admin } = await makeOrganization();
    const error = await refused(saveReflection(admin, reflectionInputSchema.parse({ learned: "  ", performance: "", organizationImpact: "\n" })));
    expect(error.code).toBe("invalid");
    expect(error.fieldErrors?.learned?.[0]).toBe("Answer at least one question, or choose “Nothing this week”.");
    expect(await getDatabase().prisma.reflection.count({ where: { membershipId: admin.membershipId } })).toBe(0);
  });

  it("accepts any one of the three answers on its own", async () => {
    const { admin } = await makeOrganization();
    const saved = await saveReflection(admin, reflectionInputSchema.parse({ organizationImpact: "Our customers get answers faster" }));
    expect(saved).toMatchObject({ learned: "", organizationImpact: "Our customers get answers faster" });
  });

  it("links the actor's own stories of the week, and replaces the links on the next save", async () => {
    const { admin } = await makeOrganization();
    const today = now();
    const a = await makeStory({ author: admin, title: "Story A", at: today, ...TEAM_DRAFT });
    const b = await makeStory({ author: admin, title: "Story B", at: weekStartOf(today), ...TEAM_DRAFT });
    const saved = await saveReflection(admin, answers({ storyIds: [a, b] }));
    expect(saved.stories.map((s) => s.title).sort()).toEqual(["Story A", "Story B"]);

    const week = await getReflectionWeek(admin, today);
    expect(
      week.stories
        .filter((s) => s.linked)
        .map((s) => s.title)
        .sort(),
    ).toEqual(["Story A", "Story B"]);

    const relinked = await saveReflection(admin, answers({ storyIds: [b] }));
    expect(relinked.stories.map((s) => s.title)).toEqual(["Story B"]);
    const after = await getReflectionWeek(admin, today);
    expect(after.stories.map((s) => [s.title, s.linked])).toEqual(
      expect.arrayContaining([
        ["Story A", false],
        ["Story B", true],
      ]),
    );
  });

  it("refuses to link another person's story, or one from another organisation, and saves nothing", async () => {
    const { admin, organizationId } = await makeOrganization();
    const colleague = await makeMember(organizationId);
    const other = await makeOrganization("Other");
    const theirs = await makeStory({ author: colleague, title: "Colleague's story", at: now(), ...TEAM_DRAFT });
    const foreign = await makeStory({ author: other.admin, title: "Foreign story", at: now(), ...TEAM_DRAFT });
    const mine = await makeStory({ author: admin, title: "My story", at: now(), ...TEAM_DRAFT });

    for (const id of [theirs, foreign, "0190a5b4-0000-7000-8000-000000000000"]) {
      const error = await refused(saveReflection(admin, answers({ storyIds: [mine, id] })));
      expect(error.code).toBe("invalid");
      expect(error.fieldErrors?.storyIds?.[0]).toMatch(/only your own stories/);
    }
    expect(await getDatabase().prisma.reflection.count({ where: { membershipId: admin.membershipId } })).toBe(0);
  });

  it("refuses to link one of the actor's own stories that is in the trash", async () => {
    const { admin } = await makeOrganization();
    const trashed = await makeStory({ author: admin, title: "Trashed", at: now(), deletedAt: now(), ...TEAM_DRAFT });
    await refused(saveReflection(admin, answers({ storyIds: [trashed] })));
  });
});

describe("the week's stories to link", () => {
  it("offers only the actor's own, untrashed stories that happened this week, oldest first", async () => {
    const { admin, organizationId } = await makeOrganization();
    const colleague = await makeMember(organizationId);
    todayIs(4); // Thursday
    const start = weekStartOf(now());
    await makeStory({ author: admin, title: "Monday morning", at: new Date(start.getTime() + 9 * 3_600_000), ...TEAM_DRAFT });
    await makeStory({ author: admin, title: "Wednesday", at: new Date(start.getTime() + 2 * DAY_MS + 3_600_000), ...TEAM_DRAFT });
    await makeStory({ author: admin, title: "Last Sunday night", at: new Date(start.getTime() - 1), ...TEAM_DRAFT });
    await makeStory({ author: admin, title: "Next Monday", at: new Date(start.getTime() + 7 * DAY_MS), ...TEAM_DRAFT });
    await makeStory({ author: admin, title: "Trashed this week", at: new Date(start.getTime() + DAY_MS), deletedAt: now(), ...TEAM_DRAFT });
    await makeStory({ author: colleague, title: "Colleague this week", at: new Date(start.getTime() + DAY_MS), ...TEAM_DRAFT });

    const week = await getReflectionWeek(admin, now());
    expect(week.weekStart.toISOString()).toBe(start.toISOString());
    expect(week.reflection).toBeNull();
    expect(week.stories.map((s) => s.title)).toEqual(["Monday morning", "Wednesday"]);
    expect(week.stories.every((s) => !s.linked)).toBe(true);

    const lastWeek = await getReflectionWeek(admin, new Date(start.getTime() - DAY_MS));
    expect(lastWeek.stories.map((s) => s.title)).toEqual(["Last Sunday night"]);
  });

  it("never shows another person's reflection", async () => {
    const { admin, organizationId } = await makeOrganization();
    const colleague = await makeMember(organizationId);
    await saveReflection(colleague, answers());
    expect((await getReflectionWeek(admin, now())).reflection).toBeNull();
    expect(await listReflectionHistory(admin)).toEqual([]);
  });
});

describe("nothing this week", () => {
  it("marks the week as skipped with empty answers and no stories, and a later save replaces it", async () => {
    const { admin } = await makeOrganization();
    const story = await makeStory({ author: admin, title: "Linked", at: now(), ...TEAM_DRAFT });
    const saved = await saveReflection(admin, answers({ storyIds: [story], performance: "Faster" }));
    const skipped = await skipWeek(admin);
    expect(skipped.id).toBe(saved.id);
    expect(skipped).toMatchObject({ skipped: true, learned: "", performance: "", organizationImpact: "", stories: [] });

    const again = await saveReflection(admin, answers());
    expect(again).toMatchObject({ id: saved.id, skipped: false, learned: "Saved searches group recurring tickets" });
    expect(await getDatabase().prisma.reflection.count({ where: { membershipId: admin.membershipId } })).toBe(1);
  });

  it("creates a skipped week when there was nothing yet", async () => {
    const { admin } = await makeOrganization();
    const skipped = await skipWeek(admin);
    expect(skipped).toMatchObject({ skipped: true, sharedWithManager: true });
  });
});

describe("history", () => {
  it("lists the actor's reflections newest week first, with their linked stories", async () => {
    const { admin } = await makeOrganization();
    todayIs(3);
    const threeWeeksAgo = now();
    process.env.RIPPLE_CLOCK_OFFSET_DAYS = String(Number(process.env.RIPPLE_CLOCK_OFFSET_DAYS) - 21);
    const older = now();
    const olderStory = await makeStory({ author: admin, title: "Older story", at: older, ...TEAM_DRAFT });
    await saveReflection(admin, answers({ learned: "Three weeks ago", storyIds: [olderStory] }));
    process.env.RIPPLE_CLOCK_OFFSET_DAYS = String(Number(process.env.RIPPLE_CLOCK_OFFSET_DAYS) + 14);
    await skipWeek(admin);
    process.env.RIPPLE_CLOCK_OFFSET_DAYS = String(Number(process.env.RIPPLE_CLOCK_OFFSET_DAYS) + 7);
    expect(weekStartOf(now()).getTime()).toBe(weekStartOf(threeWeeksAgo).getTime());
    await saveReflection(admin, answers({ learned: "This week" }));

    const history = await listReflectionHistory(admin);
    expect(history.map((r) => [r.weekStart.toISOString().slice(0, 10), r.skipped, r.learned])).toEqual([
      [weekStartOf(threeWeeksAgo).toISOString().slice(0, 10), false, "This week"],
      [new Date(weekStartOf(threeWeeksAgo).getTime() - 7 * DAY_MS).toISOString().slice(0, 10), true, ""],
      [new Date(weekStartOf(threeWeeksAgo).getTime() - 21 * DAY_MS).toISOString().slice(0, 10), false, "Three weeks ago"],
    ]);
    expect(history[2]!.stories.map((s) => s.title)).toEqual(["Older story"]);
    expect(history[0]!.weekLabel).toMatch(/^Week of \d{1,2} [A-Z][a-z]{2} \d{4}$/);

    expect(await listReflectionHistory(admin, { take: 1 })).toHaveLength(1);
  });
});

describe("reminder day and reminder", () => {
  it("uses the organisation's Friday until the person sets their own day", async () => {
    const { admin } = await makeOrganization();
    expect(await reflectionReminder(admin)).toMatchObject({ day: 5, ownDay: false });
    expect(await setReflectionDay(admin, 2)).toEqual({ reflectionDay: 2 });
    const membership = await getDatabase().prisma.membership.findFirstOrThrow({ where: { id: admin.membershipId } });
    expect(membership.reflectionDay).toBe(2);
    expect(await reflectionReminder(admin)).toMatchObject({ day: 2, ownDay: true });
  });

  it("follows a different organisation default", async () => {
    const { admin, organizationId } = await makeOrganization();
    await getDatabase().prisma.organization.update({ where: { id: organizationId }, data: { reflectionDay: 1 } });
    expect((await reflectionReminder(admin)).day).toBe(1);
  });

  it("changes only the actor's own membership", async () => {
    const { admin, organizationId } = await makeOrganization();
    const colleague = await makeMember(organizationId);
    await setReflectionDay(admin, 0);
    const theirs = await getDatabase().prisma.membership.findFirstOrThrow({ where: { id: colleague.membershipId } });
    expect(theirs.reflectionDay).toBeNull();
  });

  it("is not due before the reminder day, due from it, and not due once reflected", async () => {
    const { admin } = await makeOrganization();
    await setReflectionDay(admin, 4); // Thursday
    todayIs(3); // Wednesday
    expect((await reflectionReminder(admin)).due).toBe(false);
    todayIs(4);
    const thursday = await reflectionReminder(admin);
    expect(thursday.due).toBe(true);
    expect(thursday.weekStart.toISOString()).toBe(weekStartOf(now()).toISOString());
    todayIs(7); // Sunday: still the same week
    expect((await reflectionReminder(admin)).due).toBe(true);
    await saveReflection(admin, answers());
    expect((await reflectionReminder(admin)).due).toBe(false);
  });

  it("is not due once the week is marked as nothing this week", async () => {
    const { admin } = await makeOrganization();
    await setReflectionDay(admin, 1);
    todayIs(2);
    expect((await reflectionReminder(admin)).due).toBe(true);
    await skipWeek(admin);
    expect((await reflectionReminder(admin)).due).toBe(false);
  });

  it("a Sunday reminder is due only on Sunday", async () => {
    const { admin } = await makeOrganization();
    await setReflectionDay(admin, 0);
    todayIs(6);
    expect((await reflectionReminder(admin)).due).toBe(false);
    todayIs(7);
    expect((await reflectionReminder(admin)).due).toBe(true);
  });

  it("last week's reflection does not count for this week", async () => {
    const { admin } = await makeOrganization();
    await setReflectionDay(admin, 1);
    todayIs(2);
    process.env.RIPPLE_CLOCK_OFFSET_DAYS = String(Number(process.env.RIPPLE_CLOCK_OFFSET_DAYS) - 7);
    await saveReflection(admin, answers());
    expect((await reflectionReminder(admin)).due).toBe(false);
    todayIs(2);
    expect((await reflectionReminder(admin)).due).toBe(true);
  });
});
