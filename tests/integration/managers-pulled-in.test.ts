// Managers pulled in (issue 11 §3), against a real database: a report's share reaches their
// manager as a notification (in the app and the digest) and as an unread marker on Home; one
// question makes one notification that carries its text; a pick for leadership and a thank-you
// tell the author, once; each write leaves its audit event.
import { beforeAll, describe, expect, it } from "vitest";
import { listNotifications, markStorySeen, findPendingDigests, unreadCount } from "@/lib/db/notifications";
import { acknowledgeStory, askWhatHappenedNext, listAcknowledgements, setHighlight, sharedWithMe } from "@/lib/db/review";
import { listDueFollowUps, scheduleFollowUp } from "@/lib/db/follow-ups";
import { getDatabase } from "@/lib/db/registry";
import { getStoryForEditing, saveStoryDocument, setStoryStatus } from "@/lib/db/story-editor";
import { quickCapture } from "@/lib/db/stories";
import type { Actor } from "@/lib/domain/actor";
import type { Visibility } from "@/lib/domain/roles";
import { now } from "@/lib/platform/clock";
import { quickCaptureSchema } from "@/lib/validation/story";
import { makeMember, makeOrganization, makeTeam } from "../factories";

const db = () => getDatabase().prisma;
let boss: Actor, manager: Actor, author: Actor, teammate: Actor, lnd: Actor, otherManager: Actor;

beforeAll(async () => {
  const { organizationId } = await makeOrganization("Pulled In Ltd");
  const team = await makeTeam(organizationId);
  boss = await makeMember(organizationId, { role: "MANAGER", name: "Bea Boss" });
  manager = await makeMember(organizationId, { role: "MANAGER", managerId: boss.membershipId, name: "Marco Manager" });
  author = await makeMember(organizationId, { teamId: team.id, managerId: manager.membershipId, name: "Ava Author" });
  teammate = await makeMember(organizationId, { teamId: team.id, managerId: manager.membershipId, name: "Tim Teammate" });
  lnd = await makeMember(organizationId, { role: "LND", name: "Lin Learning" });
  otherManager = await makeMember(organizationId, { role: "MANAGER", name: "Olga Other" });
});

/** A draft of the author's, with a visibility set in the editor (as the person would). */
async function draft(who: Actor, title: string, visibility: Visibility): Promise<string> {
  const { id } = await quickCapture(who, quickCaptureSchema.parse({ what: title, channel: "social" }));
  const editable = (await getStoryForEditing(who, id))!;
  const doc = { ...structuredClone(editable.doc), visibility };
  expect((await saveStoryDocument(who, id, editable.version, doc)).status).toBe("saved");
  return id;
}

const sharedNotes = (recipient: Actor, storyId?: string) =>
  db().notification.count({ where: { recipientId: recipient.membershipId, kind: "story.shared", ...(storyId ? { storyId } : {}) } });

describe("a report shares a story with their manager", () => {
  it("publishing with a visibility that includes the manager notifies the direct manager, once, and nobody else", async () => {
    const id = await draft(author, "Found the fix on a forum", "TEAM");
    expect(await sharedNotes(manager, id)).toBe(0); // a draft is shared with nobody
    await setStoryStatus(author, id, "PUBLISHED");
    expect(await sharedNotes(manager, id)).toBe(1);
    // Not the manager's manager (no flood up the line), not teammates, not L&D.
    for (const other of [boss, teammate, lnd, otherManager]) expect(await sharedNotes(other, id)).toBe(0);
    const [n] = (await listNotifications(manager)).filter((x) => x.kind === "story.shared");
    expect(n).toMatchObject({ text: "Ava Author shared “Found the fix on a forum” with you", href: `/stories/${id}`, read: false });
    // Unsharing and sharing again is not news a second time.
    await setStoryStatus(author, id, "DRAFT");
    await setStoryStatus(author, id, "PUBLISHED");
    expect(await sharedNotes(manager, id)).toBe(1);
  });

  it("a private story shared with nobody tells nobody; widening it to the manager does", async () => {
    const id = await draft(author, "Kept to myself at first", "PRIVATE");
    await setStoryStatus(author, id, "PUBLISHED");
    expect(await sharedNotes(manager, id)).toBe(0);
    const editable = (await getStoryForEditing(author, id))!;
    await saveStoryDocument(author, id, editable.version, { ...structuredClone(editable.doc), visibility: "MANAGER" });
    expect(await sharedNotes(manager, id)).toBe(1);
    // Widening further is not a new share for the manager.
    const again = (await getStoryForEditing(author, id))!;
    await saveStoryDocument(author, id, again.version, { ...structuredClone(again.doc), visibility: "ORG" });
    expect(await sharedNotes(manager, id)).toBe(1);
  });

  it("a deactivated manager, who can read nothing, is not notified", async () => {
    const { organizationId } = await makeOrganization("Gone Manager Co");
    const gone = await makeMember(organizationId, { role: "MANAGER", status: "DEACTIVATED" });
    const report = await makeMember(organizationId, { managerId: gone.membershipId });
    const id = await draft(report, "Nobody to tell", "MANAGER");
    await setStoryStatus(report, id, "PUBLISHED");
    expect(await sharedNotes(gone, id)).toBe(0);
  });

  it("the share, its notification and its audit event are one write", async () => {
    const id = await draft(author, "Audited share", "MANAGER");
    await setStoryStatus(author, id, "PUBLISHED");
    expect(await db().auditEvent.count({ where: { targetId: id, action: "story.visibility_changed", actorId: author.membershipId } })).toBeGreaterThanOrEqual(
      1,
    );
  });

  it("goes into the manager's e-mail digest when their own “shared with you” e-mail is off (else that e-mail has it)", async () => {
    const { organizationId } = await makeOrganization("Digest Co");
    const lead = await makeMember(organizationId, { role: "MANAGER", name: "Dana Lead" });
    const report = await makeMember(organizationId, { managerId: lead.membershipId, name: "Rui Report" });
    const id = await draft(report, "Digest-worthy moment", "TEAM");
    await setStoryStatus(report, id, "PUBLISHED");
    const later = new Date(now().getTime() + 2 * 60 * 60_000);
    expect(await findPendingDigests(later, 10, { person: lead })).toEqual([]);
    await db().membership.updateMany({ where: { id: lead.membershipId }, data: { nudgeShared: "off" } });
    const [digest] = await findPendingDigests(later, 10, { person: lead });
    expect(digest?.lines).toEqual(["Rui Report shared “Digest-worthy moment” with you"]);
  });

  it("Home lists what was shared with the manager, unread first, until they open the story", async () => {
    const { organizationId } = await makeOrganization("Home Co");
    const lead = await makeMember(organizationId, { role: "MANAGER" });
    const report = await makeMember(organizationId, { managerId: lead.membershipId, name: "Rae Report" });
    const first = await draft(report, "First shared", "MANAGER");
    await setStoryStatus(report, first, "PUBLISHED");
    const second = await draft(report, "Second shared", "ORG");
    await setStoryStatus(report, second, "PUBLISHED");
    const privateOne = await draft(report, "Not shared", "PRIVATE");
    await setStoryStatus(report, privateOne, "PUBLISHED");

    let inbox = await sharedWithMe(lead);
    expect(inbox.unread).toBe(2);
    expect(inbox.items.map((i) => [i.title, i.author, i.unread])).toEqual([
      ["Second shared", "Rae Report", true],
      ["First shared", "Rae Report", true],
    ]);
    // Opening the story marks it seen: the marker goes, the story stays listed.
    expect(await markStorySeen(lead, first)).toBe(1);
    inbox = await sharedWithMe(lead);
    expect(inbox.unread).toBe(1);
    expect(inbox.items.map((i) => [i.title, i.unread])).toEqual([
      ["Second shared", true],
      ["First shared", false],
    ]);
    // Someone else's marks are their own: the report cannot clear the manager's.
    expect(await markStorySeen(report, second)).toBe(0);
    expect((await sharedWithMe(lead)).unread).toBe(1);
    // A story made private again leaves the list (it is no longer theirs to read).
    const editable = (await getStoryForEditing(report, second))!;
    await saveStoryDocument(report, second, editable.version, { ...structuredClone(editable.doc), visibility: "PRIVATE" });
    expect((await sharedWithMe(lead)).items.map((i) => i.title)).toEqual(["First shared"]);
    // Someone who manages nobody has nothing here.
    expect(await sharedWithMe(report)).toEqual({ unread: 0, items: [] });
  });
});

describe("what happened next?", () => {
  it("one ask makes one notification, with the question, also after the follow-up comes due", async () => {
    const id = await draft(author, "Asked about", "MANAGER");
    await setStoryStatus(author, id, "PUBLISHED");
    const before = await db().notification.count({ where: { recipientId: author.membershipId, storyId: id } });
    const followUp = await askWhatHappenedNext(manager, id, "Did the team adopt it?");
    // The follow-up is due at once: listing and counting must not announce it a second time
    // (they used to add a "follow_up.due" beside the "question").
    expect(await unreadCount(author)).toBe(await db().notification.count({ where: { recipientId: author.membershipId, readAt: null } }));
    const listed = (await listNotifications(author)).filter((n) => n.href === `/stories/${id}`);
    await listNotifications(author);
    expect(await db().notification.count({ where: { recipientId: author.membershipId, storyId: id } })).toBe(before + 1);
    expect(listed.map((n) => [n.kind, n.text])).toEqual([["question", "Marco Manager asked what happened next on “Asked about”: “Did the team adopt it?”"]]);
    expect(await db().notification.findFirst({ where: { recipientId: author.membershipId, storyId: id }, select: { followUpId: true } })).toEqual({
      followUpId: followUp.id,
    });
    // Home shows the question with its asker.
    expect((await listDueFollowUps(author)).find((f) => f.id === followUp.id)).toMatchObject({
      note: "Did the team adopt it?",
      requestedBy: { user: { name: "Marco Manager" } },
    });
    expect(await db().auditEvent.count({ where: { targetId: id, action: "review.asked_next", actorId: manager.membershipId } })).toBe(1);
  });

  it("a reminder the author set is announced once when it comes due", async () => {
    const id = await draft(author, "Remind me", "PRIVATE");
    const f = await scheduleFollowUp(author, id, 2);
    await db().followUp.updateMany({ where: { id: f.id }, data: { dueAt: new Date(now().getTime() - 60_000) } });
    await Promise.all([listNotifications(author), listNotifications(author)]);
    await listNotifications(author);
    const rows = await db().notification.findMany({ where: { recipientId: author.membershipId, storyId: id }, select: { kind: true, followUpId: true } });
    expect(rows).toEqual([{ kind: "follow_up.due", followUpId: f.id }]);
  });

  it("a question without a note reads as the bare question", async () => {
    const id = await draft(author, "No note", "MANAGER");
    await setStoryStatus(author, id, "PUBLISHED");
    await askWhatHappenedNext(manager, id, "");
    expect((await listNotifications(author)).find((n) => n.href === `/stories/${id}`)?.text).toBe("Marco Manager asked what happened next on “No note”");
  });
});

describe("picked for leadership", () => {
  it("notifies the author once per story, whoever picks it, and is audited", async () => {
    const id = await draft(author, "Worth a slide", "ORG");
    await setStoryStatus(author, id, "PUBLISHED");
    await setHighlight(manager, id, true);
    await setHighlight(manager, id, true); // already picked: nothing new
    await setHighlight(lnd, id, false);
    await setHighlight(lnd, id, true); // picked again after an unpick: the author already knows
    const notes = await db().notification.findMany({
      where: { recipientId: author.membershipId, storyId: id, kind: "story.highlighted" },
      select: { actorId: true },
    });
    expect(notes).toEqual([{ actorId: manager.membershipId }]);
    expect((await listNotifications(author)).find((n) => n.kind === "story.highlighted" && n.href === `/stories/${id}`)?.text).toBe(
      "Marco Manager picked “Worth a slide” for leadership",
    );
    expect(await db().auditEvent.count({ where: { targetId: id, action: "review.highlighted" } })).toBe(3);
  });
});

describe("a thank-you", () => {
  it("a manager thanks in one click: one acknowledgement and one notification, even when clicked twice at once", async () => {
    const id = await draft(author, "Thank me", "TEAM");
    await setStoryStatus(author, id, "PUBLISHED");
    const results = await Promise.all([acknowledgeStory(manager, id), acknowledgeStory(manager, id)]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    await acknowledgeStory(manager, id);
    await acknowledgeStory(teammate, id);
    expect(await db().acknowledgement.count({ where: { storyId: id } })).toBe(2);
    const notes = await db().notification.findMany({
      where: { recipientId: author.membershipId, storyId: id, kind: "acknowledgement" },
      select: { actorId: true },
      orderBy: { createdAt: "asc" },
    });
    expect(notes.map((n) => n.actorId).sort()).toEqual([manager.membershipId, teammate.membershipId].sort());
    expect(await db().auditEvent.count({ where: { targetId: id, action: "story.acknowledged" } })).toBe(2);
    // The author sees who thanked them.
    expect((await listAcknowledgements(author, id)).map((a) => [a.name, a.mine])).toEqual([
      ["Marco Manager", false],
      ["Tim Teammate", false],
    ]);
    expect(
      (await listNotifications(author))
        .filter((n) => n.kind === "acknowledgement" && n.href === `/stories/${id}`)
        .map((n) => n.text)
        .sort(),
    ).toEqual(["Marco Manager thanked you for “Thank me”", "Tim Teammate thanked you for “Thank me”"]);
  });

  it("the author cannot thank themselves, nor can anyone who may not read the story", async () => {
    const id = await draft(author, "Only my manager", "MANAGER");
    await setStoryStatus(author, id, "PUBLISHED");
    for (const who of [author, teammate, lnd, otherManager]) await expect(acknowledgeStory(who, id)).rejects.toMatchObject({ code: "not_found" });
    expect(await db().acknowledgement.count({ where: { storyId: id } })).toBe(0);
    expect(await listAcknowledgements(teammate, id)).toEqual([]);
  });
});
