// The weekly reflection's draft: autosaved per person and week with the story editor's
// optimistic concurrency, restored on any device, and never counted as a reflection.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { getReflectionWeek, listReflectionHistory, reflectionReminder, saveReflection, saveReflectionDraft, skipWeek } from "@/lib/db/reflections";
import { findDueReflectionReminders } from "@/lib/db/reminders";
import { reportParticipation } from "@/lib/db/reports";
import { sharedReflections } from "@/lib/db/review";
import type { Actor } from "@/lib/domain/actor";
import { EMPTY_REFLECTION_DRAFT, type ReflectionDraftDoc } from "@/lib/domain/reflection";
import { weekStartOf } from "@/lib/domain/week";
import { now } from "@/lib/platform/clock";
import { reflectionDraftSaveSchema, reflectionInputSchema } from "@/lib/validation/reflection";
import { makeMember, makeOrganization, makeStory } from "../factories";

const db = () => getDatabase().prisma;
const draft = (over: Partial<ReflectionDraftDoc> = {}): ReflectionDraftDoc => ({ ...EMPTY_REFLECTION_DRAFT, ...over });
/** As the action parses it. */
const parsed = (baseVersion: number, doc: ReflectionDraftDoc) => reflectionDraftSaveSchema.parse({ baseVersion, doc });
const save = (actor: Actor, baseVersion: number, doc: ReflectionDraftDoc) => {
  const input = parsed(baseVersion, doc);
  return saveReflectionDraft(actor, input.baseVersion, input.doc);
};

describe("autosaving the week's reflection draft", () => {
  it("creates the draft, then saves on top of the version it was based on; another device gets it back", async () => {
    const { admin } = await makeOrganization();
    const s = await makeStory({ author: admin, title: "Linked story", at: now(), visibility: "TEAM", status: "DRAFT" });
    const first = await save(admin, 0, draft({ learned: "Half a thought " }));
    expect(first).toMatchObject({ status: "saved", version: 1 });
    const second = await save(admin, 1, draft({ learned: "Half a thought, then the rest.", storyIds: [s], sharedWithManager: false }));
    expect(second).toMatchObject({ status: "saved", version: 2 });

    // Another device (any page load) gets the draft back, with its version.
    const week = await getReflectionWeek(admin, now());
    expect(week.draft).toMatchObject({
      version: 2,
      doc: { learned: "Half a thought, then the rest.", performance: "", organizationImpact: "", storyIds: [s], sharedWithManager: false },
    });
    const row = await db().reflectionDraft.findFirstOrThrow({ where: { membershipId: admin.membershipId } });
    expect(row.weekStart.toISOString()).toBe(weekStartOf(now()).toISOString());
  });

  it("refuses a save based on an old version with the draft saved meanwhile; the same content is never a conflict", async () => {
    const { admin } = await makeOrganization();
    await save(admin, 0, draft({ learned: "Start" }));
    await save(admin, 1, draft({ learned: "From the laptop" }));
    const phone = await save(admin, 1, draft({ learned: "From the phone" }));
    expect(phone).toMatchObject({ status: "conflict", server: { version: 2, doc: { learned: "From the laptop" } } });
    expect((await getReflectionWeek(admin, now())).draft.doc.learned).toBe("From the laptop");
    // A retried save (or one sent by a page before it was reloaded) with the content already there.
    expect(await save(admin, 1, draft({ learned: "From the laptop " }))).toMatchObject({ status: "saved", version: 2 });
    // A second "first" save on another device, when a draft exists, is a conflict too.
    expect(await save(admin, 0, draft({ learned: "Other" }))).toMatchObject({ status: "conflict", server: { version: 2 } });
    expect(await db().reflectionDraft.count({ where: { membershipId: admin.membershipId } })).toBe(1);
  });

  it("two first saves at once: one creates the draft, the other is told about it", async () => {
    const { admin } = await makeOrganization();
    const results = await Promise.all([save(admin, 0, draft({ learned: "Laptop" })), save(admin, 0, draft({ learned: "Phone" }))]);
    expect(results.map((r) => r.status).sort()).toEqual(["conflict", "saved"]);
    expect(await db().reflectionDraft.count({ where: { membershipId: admin.membershipId } })).toBe(1);
  });

  it("is only ever the actor's own: a colleague or another organisation sees and changes none of it", async () => {
    const { admin, organizationId } = await makeOrganization();
    const colleague = await makeMember(organizationId);
    const other = await makeOrganization("Other");
    await save(admin, 0, draft({ learned: "Mine alone" }));
    for (const actor of [colleague, other.admin]) {
      expect((await getReflectionWeek(actor, now())).draft).toEqual({ version: 0, doc: EMPTY_REFLECTION_DRAFT, updatedAt: null });
      expect(await save(actor, 0, draft({ learned: "Theirs" }))).toMatchObject({ status: "saved", version: 1 });
    }
    expect((await getReflectionWeek(admin, now())).draft).toMatchObject({ version: 1, doc: { learned: "Mine alone" } });
  });
});

describe("a draft is not a reflection", () => {
  it("reminders, the reminder on Home, the history, reports and the manager's team view ignore it; saving the reflection makes it count", async () => {
    const { admin, organizationId } = await makeOrganization();
    const manager = await makeMember(organizationId, { role: "MANAGER" });
    const person = await makeMember(organizationId, { managerId: manager.membershipId });
    // The person's reminder day is today, whatever today is.
    await db().membership.updateMany({ where: { id: person.membershipId }, data: { reflectionDay: now().getUTCDay() } });
    await save(person, 0, draft({ learned: "Typed but not saved as a reflection" }));

    const isDue = async () => (await findDueReflectionReminders(now(), 100_000)).some((r) => r.membershipId === person.membershipId);
    expect(await isDue()).toBe(true);
    expect((await reflectionReminder(person)).due).toBe(true);
    expect(await listReflectionHistory(person)).toEqual([]);
    expect((await getReflectionWeek(person, now())).reflection).toBeNull();
    expect(await reportParticipation(admin)).toMatchObject({ reflecting: 0, reflections: 0 });
    expect(await sharedReflections(manager)).toEqual([]);

    // Saving the reflection: it counts, and the draft is gone (in the same transaction).
    await saveReflection(person, reflectionInputSchema.parse({ learned: "Typed but not saved as a reflection", sharedWithManager: "on" }));
    expect(await db().reflectionDraft.count({ where: { membershipId: person.membershipId } })).toBe(0);
    expect(await isDue()).toBe(false);
    expect((await reflectionReminder(person)).due).toBe(false);
    expect(await listReflectionHistory(person)).toHaveLength(1);
    expect(await reportParticipation(admin)).toMatchObject({ reflecting: 1, reflections: 1 });
    expect((await sharedReflections(manager)).map((r) => r.learned)).toEqual(["Typed but not saved as a reflection"]);
  });

  it("after the reflection is saved, the week's draft starts again from its answers; an old page's late save is not a conflict", async () => {
    const { admin } = await makeOrganization();
    await save(admin, 0, draft({ learned: "Answer" }));
    await saveReflection(admin, reflectionInputSchema.parse({ learned: "Answer", sharedWithManager: "on" }));
    const week = await getReflectionWeek(admin, now());
    expect(week.draft).toMatchObject({
      version: 0,
      doc: { learned: "Answer", performance: "", organizationImpact: "", storyIds: [], sharedWithManager: true },
    });
    // A page that still holds version 1 of the draft (now removed) sends the same content: done.
    expect(await save(admin, 1, draft({ learned: "Answer" }))).toMatchObject({ status: "saved", version: 0 });
    // ...or different words: a conflict with the saved answers, which the person resolves.
    const late = await save(admin, 1, draft({ learned: "Answer, and more" }));
    expect(late).toMatchObject({ status: "conflict", server: { version: 0, doc: { learned: "Answer" } } });
    expect(await save(admin, 0, draft({ learned: "Answer, and more" }))).toMatchObject({ status: "saved", version: 1 });
    // The saved reflection is unchanged until the person saves it again.
    expect((await getReflectionWeek(admin, now())).reflection?.learned).toBe("Answer");
  });

  it("“Nothing this week” removes the draft too", async () => {
    const { admin } = await makeOrganization();
    await save(admin, 0, draft({ learned: "On second thought" }));
    await skipWeek(admin);
    expect(await db().reflectionDraft.count({ where: { membershipId: admin.membershipId } })).toBe(0);
    expect((await getReflectionWeek(admin, now())).draft).toEqual({ version: 0, doc: EMPTY_REFLECTION_DRAFT, updatedAt: null });
  });
});

describe("draft input", () => {
  it("is bounded like a reflection: answers of at most 4,000 characters, at most 20 stories", () => {
    expect(reflectionDraftSaveSchema.safeParse({ baseVersion: 0, doc: draft({ learned: "x".repeat(4000) }) }).success).toBe(true);
    expect(reflectionDraftSaveSchema.safeParse({ baseVersion: 0, doc: draft({ learned: "x".repeat(4001) }) }).success).toBe(false);
    expect(reflectionDraftSaveSchema.safeParse({ baseVersion: 0, doc: draft({ storyIds: Array.from({ length: 21 }, () => randomUUID()) }) }).success).toBe(
      false,
    );
    expect(reflectionDraftSaveSchema.safeParse({ baseVersion: -1, doc: draft() }).success).toBe(false);
  });
});
