import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { getStoryForEditing, saveStoryDocument, setStoryStatus } from "@/lib/db/story-editor";
import { getStoryForViewer } from "@/lib/db/stories";
import { eraseStory, listTrash, purgeExpiredTrash, restoreStory, trashStory } from "@/lib/db/trash";
import { dismissFollowUp, listDueFollowUps, openFollowUpFor, scheduleFollowUp } from "@/lib/db/follow-ups";
import { ExpectedError } from "@/lib/platform/errors";
import type { Actor } from "@/lib/domain/actor";
import type { StoryDoc } from "@/lib/domain/story";
import { storyDocSchema } from "@/lib/validation/story-editor";
import { makeMember, makeOrganization, makeStory, makeTeam } from "../factories";

const db = () => getDatabase().prisma;

/** A story captured the way people do, as its editor loads it. */
async function newStory(author: Actor, title = "A moment") {
  const story = await getStoryForEditing(author, await makeStory({ author, title, captured: true }));
  if (!story) throw new Error("not editable");
  return story;
}

const edit = (doc: StoryDoc, change: (d: StoryDoc) => void): StoryDoc => {
  const copy = structuredClone(doc);
  change(copy);
  return storyDocSchema.parse(copy) as StoryDoc;
};

describe("saving a story document", () => {
  it("saves every part of the story and bumps the version", async () => {
    const { admin, organizationId } = await makeOrganization();
    const colleague = await makeMember(organizationId, { name: "Colleague C" });
    const story = await newStory(admin);
    const doc = edit(story.doc, (d) => {
      d.title = "Grown story";
      d.narrative = "What happened, in full.";
      d.channel = "conference";
      d.visibility = "ORG";
      d.minutesInvested = 15;
      d.minutesSaved = 120;
      d.tags = ["GDPR", "templates", "gdpr"];
      d.contributors = [
        { membershipId: colleague.membershipId, name: "", platform: "", insideOrg: false, tie: "STRONG" },
        { membershipId: null, name: "@jane", platform: "Mastodon", insideOrg: false, tie: "WEAK" },
      ];
      d.entries.POTENTIAL = {
        narrative: "A template",
        indicators: ["capital-tangible", "not-in-catalogue"],
        figureValue: null,
        figureUnit: "",
        links: [{ url: "https://example.org/t", label: "Template" }],
      };
      d.entries.REALIZED = { narrative: "Customer served", indicators: [], figureValue: 116, figureUnit: "minutes saved", links: [] };
    });
    const result = await saveStoryDocument(admin, story.id, story.version, doc);
    expect(result).toMatchObject({ status: "saved", version: story.version + 1 });

    const saved = await getStoryForEditing(admin, story.id);
    expect(saved?.doc).toMatchObject({ title: "Grown story", channel: "conference", visibility: "ORG", minutesSaved: 120, tags: ["gdpr", "templates"] });
    expect(saved?.doc.contributors).toEqual([
      { membershipId: colleague.membershipId, name: "", platform: "", insideOrg: true, tie: "STRONG" },
      { membershipId: null, name: "@jane", platform: "Mastodon", insideOrg: false, tie: "WEAK" },
    ]);
    expect(saved?.doc.entries.POTENTIAL).toEqual({
      narrative: "A template",
      indicators: ["capital-tangible"],
      figureValue: null,
      figureUnit: "",
      links: [{ url: "https://example.org/t", label: "Template" }],
    });
    expect(saved?.doc.entries.REALIZED).toMatchObject({ figureValue: 116, figureUnit: "minutes saved" });
    // The quick-capture entry is kept; untouched cycles stay empty.
    expect(saved?.doc.entries.IMMEDIATE.narrative).toBe("A moment");
    expect(Object.keys(saved?.recordedAt ?? {}).sort()).toEqual(["IMMEDIATE", "POTENTIAL", "REALIZED"]);
  });

  it("removes an entry whose content was cleared, and keeps link rows stable across saves", async () => {
    const { admin } = await makeOrganization();
    const story = await newStory(admin);
    const withLink = edit(story.doc, (d) => {
      d.entries.APPLIED = { narrative: "Used it", indicators: [], figureValue: null, figureUnit: "", links: [{ url: "https://a.example", label: "" }] };
    });
    const first = await saveStoryDocument(admin, story.id, story.version, withLink);
    if (first.status !== "saved") throw new Error("expected saved");
    const linkIdsBefore = (await db().evidence.findMany({ where: { cycleEntry: { storyId: story.id } }, select: { id: true } })).map((e) => e.id);
    const second = await saveStoryDocument(
      admin,
      story.id,
      first.version,
      edit(withLink, (d) => void (d.title = "Renamed")),
    );
    if (second.status !== "saved") throw new Error("expected saved");
    const linkIdsAfter = (await db().evidence.findMany({ where: { cycleEntry: { storyId: story.id } }, select: { id: true } })).map((e) => e.id);
    expect(linkIdsAfter).toEqual(linkIdsBefore);

    const cleared = await saveStoryDocument(
      admin,
      story.id,
      second.version,
      edit(withLink, (d) => void (d.entries.APPLIED = { narrative: "", indicators: [], figureValue: null, figureUnit: "", links: [] })),
    );
    expect(cleared.status).toBe("saved");
    const cycles = (await db().cycleEntry.findMany({ where: { storyId: story.id } })).map((e) => e.cycle);
    expect(cycles).toEqual(["IMMEDIATE"]);
  });

  it("refuses a save based on an old version and returns the saved version instead, writing nothing", async () => {
    const { admin } = await makeOrganization();
    const story = await newStory(admin);
    const tabA = await saveStoryDocument(
      admin,
      story.id,
      story.version,
      edit(story.doc, (d) => void (d.narrative = "From tab A")),
    );
    expect(tabA.status).toBe("saved");
    const tabB = await saveStoryDocument(
      admin,
      story.id,
      story.version,
      edit(story.doc, (d) => void (d.narrative = "From tab B")),
    );
    expect(tabB.status).toBe("conflict");
    if (tabB.status !== "conflict") return;
    expect(tabB.server.doc.narrative).toBe("From tab A");
    expect(tabB.server.version).toBe(story.version + 1);
    expect((await getStoryForEditing(admin, story.id))?.doc.narrative).toBe("From tab A");
    // Choosing "keep mine" saves on top of the version that was shown.
    const kept = await saveStoryDocument(
      admin,
      story.id,
      tabB.server.version,
      edit(story.doc, (d) => void (d.narrative = "From tab B")),
    );
    expect(kept.status).toBe("saved");
    expect((await getStoryForEditing(admin, story.id))?.doc.narrative).toBe("From tab B");
  });

  it("a save whose content the server already holds is never a conflict: the save that arrived first, retried, or sent before a reload", async () => {
    const { admin } = await makeOrganization();
    const story = await newStory(admin);
    const typed = edit(story.doc, (d) => {
      d.narrative = "Typed, then the page was reloaded ";
      d.tags = ["Docs", "api"];
    });
    // (edit() parses like the action: the trailing space and the tags' case are what the page held.)
    // The page's save in flight when it unloaded arrives first...
    const inFlight = await saveStoryDocument(admin, story.id, story.version, typed);
    if (inFlight.status !== "saved") throw new Error("expected saved");
    // ...then the reloaded page sends the same words on the old version: saved, nothing written.
    const updatedBefore = (await db().story.findFirstOrThrow({ where: { id: story.id } })).updatedAt;
    const again = await saveStoryDocument(admin, story.id, story.version, typed);
    expect(again).toEqual({ status: "saved", version: inFlight.version, savedAt: inFlight.savedAt });
    const row = await db().story.findFirstOrThrow({ where: { id: story.id } });
    expect(row.version).toBe(inFlight.version);
    expect(row.updatedAt).toEqual(updatedBefore);
    // A version that differs in content is still a conflict.
    const different = await saveStoryDocument(
      admin,
      story.id,
      story.version,
      edit(typed, (d) => void (d.narrative = "Other words")),
    );
    expect(different.status).toBe("conflict");
  });

  it("lets only the author edit: others, and other organisations, get not found", async () => {
    const { admin, organizationId } = await makeOrganization();
    const other = await makeOrganization("Other");
    const colleague = await makeMember(organizationId, { role: "MANAGER" });
    const story = await newStory(admin);
    for (const actor of [colleague, other.admin]) {
      expect(await getStoryForEditing(actor, story.id)).toBeNull();
      await expect(saveStoryDocument(actor, story.id, story.version, story.doc)).rejects.toMatchObject({ code: "not_found" });
      await expect(trashStory(actor, story.id)).rejects.toMatchObject({ code: "not_found" });
      await expect(scheduleFollowUp(actor, story.id, 2)).rejects.toMatchObject({ code: "not_found" });
    }
  });

  it("refuses a colleague from another organisation as a contributor, and an unknown channel", async () => {
    const { admin } = await makeOrganization();
    const other = await makeOrganization("Other");
    const story = await newStory(admin);
    const foreign = edit(
      story.doc,
      (d) => void (d.contributors = [{ membershipId: other.admin.membershipId, name: "", platform: "", insideOrg: true, tie: "WEAK" }]),
    );
    await expect(saveStoryDocument(admin, story.id, story.version, foreign)).rejects.toBeInstanceOf(ExpectedError);
    const badChannel = edit(story.doc, (d) => void (d.channel = "carrier-pigeon"));
    await expect(saveStoryDocument(admin, story.id, story.version, badChannel)).rejects.toMatchObject({ code: "invalid" });
  });

  it("records a visibility change in the audit log, without the story's text", async () => {
    const { admin } = await makeOrganization();
    const story = await newStory(admin, "Secret words here");
    await saveStoryDocument(
      admin,
      story.id,
      story.version,
      edit(story.doc, (d) => void (d.visibility = "PRIVATE")),
    );
    const events = await db().auditEvent.findMany({ where: { organizationId: admin.organizationId, action: "story.visibility_changed", targetId: story.id } });
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0])).not.toContain("Secret words");
  });
});

describe("sharing", () => {
  it("a draft is the author's alone until shared", async () => {
    const { organizationId } = await makeOrganization();
    const team = await makeTeam(organizationId);
    const author = await makeMember(organizationId, { teamId: team.id });
    const teammate = await makeMember(organizationId, { teamId: team.id });
    const story = await newStory(author);
    expect(await getStoryForViewer(teammate, story.id)).toBeNull();
    await setStoryStatus(author, story.id, "PUBLISHED");
    expect(await getStoryForViewer(teammate, story.id)).not.toBeNull();
  });
});

describe("trash, restore and erase", () => {
  it("trashes, lists, restores, and erases for good with an audit event that has no content", async () => {
    const { admin, organizationId } = await makeOrganization();
    const reader = await makeMember(organizationId);
    const story = await newStory(admin, "Erasable words");
    await setStoryStatus(admin, story.id, "PUBLISHED");
    await db().story.updateMany({ where: { id: story.id }, data: { visibility: "ORG" } });

    await trashStory(admin, story.id);
    expect(await getStoryForViewer(reader, story.id)).toBeNull();
    expect(await getStoryForViewer(admin, story.id)).toBeNull();
    expect((await listTrash(admin)).map((s) => s.id)).toEqual([story.id]);

    await restoreStory(admin, story.id);
    expect(await getStoryForViewer(reader, story.id)).not.toBeNull();
    expect(await listTrash(admin)).toEqual([]);

    await trashStory(admin, story.id);
    await eraseStory(admin, story.id);
    expect(await db().story.findFirst({ where: { id: story.id } })).toBeNull();
    expect(await db().cycleEntry.count({ where: { storyId: story.id } })).toBe(0);
    const audit = await db().auditEvent.findFirst({ where: { action: "story.erased", targetId: story.id } });
    expect(audit).not.toBeNull();
    expect(JSON.stringify(audit)).not.toContain("Erasable");
  });

  it("erases stories that have been in the trash for more than 30 days", async () => {
    const { admin } = await makeOrganization();
    const old = await newStory(admin, "Old");
    const recent = await newStory(admin, "Recent");
    await db().story.updateMany({ where: { id: old.id }, data: { deletedAt: new Date(Date.now() - 31 * 86_400_000) } });
    await trashStory(admin, recent.id);
    expect(await purgeExpiredTrash(admin)).toBe(1);
    expect(await db().story.findFirst({ where: { id: old.id } })).toBeNull();
    expect((await listTrash(admin)).map((s) => s.id)).toEqual([recent.id]);
  });
});

describe("follow-ups", () => {
  it("asks for the next cycle, comes due, and is done once that cycle is added", async () => {
    const { admin } = await makeOrganization();
    const story = await newStory(admin);
    const followUp = await scheduleFollowUp(admin, story.id, 2);
    expect(followUp.cycle).toBe("POTENTIAL");
    expect(await openFollowUpFor(admin, story.id)).toMatchObject({ id: followUp.id });
    expect(await listDueFollowUps(admin)).toEqual([]);

    await db().followUp.updateMany({ where: { id: followUp.id }, data: { dueAt: new Date(Date.now() - 1000) } });
    expect((await listDueFollowUps(admin)).map((f) => f.story.id)).toEqual([story.id]);

    await saveStoryDocument(
      admin,
      story.id,
      story.version,
      edit(story.doc, (d) => void (d.entries.POTENTIAL.narrative = "It produced a template")),
    );
    expect(await listDueFollowUps(admin)).toEqual([]);
    expect(await openFollowUpFor(admin, story.id)).toBeNull();
  });

  it("a new reminder replaces the open one; dismissing works only for its assignee", async () => {
    const { admin, organizationId } = await makeOrganization();
    const other = await makeMember(organizationId);
    const story = await newStory(admin);
    const first = await scheduleFollowUp(admin, story.id, 2);
    const second = await scheduleFollowUp(admin, story.id, 6);
    expect((await openFollowUpFor(admin, story.id))?.id).toBe(second.id);
    expect(await db().followUp.findFirst({ where: { id: first.id } })).toMatchObject({ doneAt: expect.any(Date) });
    await expect(dismissFollowUp(other, second.id)).rejects.toMatchObject({ code: "not_found" });
    await dismissFollowUp(admin, second.id);
    expect(await openFollowUpFor(admin, story.id)).toBeNull();
  });
});
