// The walls, at the data layer, with a real database: every relationship against a story of
// every visibility, through each entry point that reads or changes a story. Expected
// outcomes are written out by hand below, not computed by the code under test.
import { beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "@/lib/db/auth";
import { addFileEvidence, openEvidenceFile } from "@/lib/db/evidence";
import { scheduleFollowUp } from "@/lib/db/follow-ups";
import { getDatabase } from "@/lib/db/registry";
import { getStoryForEditing, saveStoryDocument } from "@/lib/db/story-editor";
import { getStoryForViewer, quickCapture } from "@/lib/db/stories";
import { trashStory } from "@/lib/db/trash";
import { acknowledgeStory, askWhatHappenedNext, confirmFigure, listAcknowledgements, listReadings, recordReading, setHighlight } from "@/lib/db/review";
import { addComment, deleteComment, listComments } from "@/lib/db/comments";
import { removeEvidence } from "@/lib/db/evidence";
import { setStoryStatus } from "@/lib/db/story-editor";
import { eraseStory, restoreStory } from "@/lib/db/trash";
import { listAuditEvents, listMembers, searchMembers, updateMember } from "@/lib/db/admin";
import { checkBulkInvite, createBulkInvites, createInvite } from "@/lib/db/invites";
import { dismissOnboarding, onboardingChecklist } from "@/lib/db/onboarding";
import { createAdminResetLink } from "@/lib/db/password-reset";
import { getOrgSettings, updateOrgSettings } from "@/lib/db/org-settings";
import { markRead, listNotifications } from "@/lib/db/notifications";
import { getNudgePreferences, unsubscribe, unsubscribeToken, updateNudgePreferences } from "@/lib/db/nudges";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  disconnectLrs,
  getLrsSettings,
  listDeliveries,
  listWebhookEndpoints,
  replayDelivery,
  saveLrsSettings,
  sendTestEvent,
  updateWebhookEndpoint,
} from "@/lib/db/outbound";
import { createChatLinkRequest, disconnectChat, getChatSettings, listMyChatLinks, redeemChatLink, removeMyChatLink, saveChatSettings } from "@/lib/db/chat";
import type { Actor } from "@/lib/domain/actor";
import { authenticateScimToken, getScimTokenStatus, issueScimToken, listScimUsers, revokeScimToken } from "@/lib/db/scim";
import { exportFileKey, finishExportFile, openExportFile, requestExportFile } from "@/lib/db/export-files";
import { getBlobStore } from "@/lib/platform/storage";
import { quickCaptureSchema } from "@/lib/validation/story";
import { createApiToken } from "@/lib/db/api-tokens";
import { TINY_PNG_BYTES, makeMember, makeOrganization, makeTeam } from "../factories";
import { callApi } from "../support/api";

// Another organisation is tried with each of the roles that review: its admin, its L&D
// person and a manager (with a report of their own there).
type Persona =
  "author" | "manager" | "managersManager" | "teammate" | "teamAbove" | "otherTeam" | "lnd" | "admin" | "otherOrg" | "otherOrgLnd" | "otherOrgManager";
type StoryKind = "PRIVATE" | "MANAGER" | "TEAM" | "ORG" | "DRAFT" | "TRASHED";

const READS: Record<StoryKind, Persona[]> = {
  PRIVATE: ["author"],
  MANAGER: ["author", "manager", "managersManager"],
  TEAM: ["author", "manager", "managersManager", "teammate", "teamAbove"],
  ORG: ["author", "manager", "managersManager", "teammate", "teamAbove", "otherTeam", "lnd", "admin"],
  DRAFT: ["author"],
  TRASHED: [],
};
const PERSONAS: Persona[] = [
  "author",
  "manager",
  "managersManager",
  "teammate",
  "teamAbove",
  "otherTeam",
  "lnd",
  "admin",
  "otherOrg",
  "otherOrgLnd",
  "otherOrgManager",
];
const KINDS: StoryKind[] = ["PRIVATE", "MANAGER", "TEAM", "ORG", "DRAFT", "TRASHED"];

const people = {} as Record<Persona, Actor>;
const stories = {} as Record<StoryKind, { id: string; fileId: string }>;
let deactivatedUser: { userId: string; membershipId: string };

beforeAll(async () => {
  const db = getDatabase().prisma;
  const { admin, organizationId } = await makeOrganization("Walls Inc");
  const parent = await makeTeam(organizationId, `Parent ${Date.now()}`);
  const child = await makeTeam(organizationId, `Child ${Date.now()}`, parent.id);
  const other = await makeTeam(organizationId, `Other ${Date.now()}`);
  people.admin = admin;
  people.managersManager = await makeMember(organizationId, { role: "MANAGER", teamId: null });
  people.manager = await makeMember(organizationId, { role: "MANAGER", teamId: null, managerId: people.managersManager.membershipId });
  people.author = await makeMember(organizationId, { teamId: child.id, managerId: people.manager.membershipId });
  people.teammate = await makeMember(organizationId, { teamId: child.id, managerId: people.manager.membershipId });
  people.teamAbove = await makeMember(organizationId, { teamId: parent.id });
  people.otherTeam = await makeMember(organizationId, { teamId: other.id });
  people.lnd = await makeMember(organizationId, { role: "LND" });
  const elsewhere = await makeOrganization("Elsewhere Ltd");
  people.otherOrg = elsewhere.admin;
  people.otherOrgLnd = await makeMember(elsewhere.organizationId, { role: "LND" });
  people.otherOrgManager = await makeMember(elsewhere.organizationId, { role: "MANAGER" });
  await makeMember(elsewhere.organizationId, { managerId: people.otherOrgManager.membershipId });
  // Writes the readings that listing shows; not one of the personas (their own readings change below).
  const seedReviewer = await makeMember(organizationId, { role: "MANAGER" });
  const gone = await makeMember(organizationId, { teamId: child.id, managerId: people.manager.membershipId, status: "DEACTIVATED" });
  deactivatedUser = { userId: gone.userId, membershipId: gone.membershipId };

  for (const kind of KINDS) {
    const { id } = await quickCapture(people.author, quickCaptureSchema.parse({ what: `${kind} story`, channel: "social" }));
    const file = await addFileEvidence(people.author, id, "IMMEDIATE", { name: "proof.png", bytes: TINY_PNG_BYTES });
    const visibility = ["PRIVATE", "MANAGER", "TEAM", "ORG"].includes(kind) ? (kind as "PRIVATE") : "ORG";
    await db.story.updateMany({ where: { id }, data: { visibility, status: kind === "DRAFT" ? "DRAFT" : "PUBLISHED" } });
    // A reading on every story, so that listing readings shows who may see them.
    await db.storyReading.create({
      data: { organizationId, storyId: id, reviewerId: seedReviewer.membershipId, cycles: ["IMMEDIATE"], note: "Seeded reading" },
    });
    if (kind === "TRASHED") await trashStory(people.author, id);
    stories[kind] = { id, fileId: file.id };
  }
});

describe("reading a story and its evidence files", () => {
  for (const kind of KINDS) {
    for (const persona of PERSONAS) {
      const allowed = READS[kind].includes(persona);
      it(`${persona} ${allowed ? "reads" : "gets not-found for"} a ${kind} story, its file and its readings`, async () => {
        const actor = people[persona];
        expect((await getStoryForViewer(actor, stories[kind].id)) !== null).toBe(allowed);
        const file = await openEvidenceFile(actor, stories[kind].fileId);
        expect(file !== null).toBe(allowed);
        await file?.stream.cancel();
        const readings = await listReadings(actor, stories[kind].id);
        expect(readings.map((r) => r.note)).toEqual(allowed ? ["Seeded reading"] : []);
      });
    }
  }
});

// Reviewing (ask what happened next, confirm a figure, record a reading, pick for
// leadership): the author's managers wherever they can read; L&D only for readings and
// picks, and only where they can read (ORG).
const REVIEWERS: Record<"ask" | "confirm" | "reading" | "highlight", Partial<Record<StoryKind, Persona[]>>> = {
  ask: { MANAGER: ["manager", "managersManager"], TEAM: ["manager", "managersManager"], ORG: ["manager", "managersManager"] },
  confirm: { MANAGER: ["manager", "managersManager"], TEAM: ["manager", "managersManager"], ORG: ["manager", "managersManager"] },
  reading: { MANAGER: ["manager", "managersManager"], TEAM: ["manager", "managersManager"], ORG: ["manager", "managersManager", "lnd"] },
  highlight: { MANAGER: ["manager", "managersManager"], TEAM: ["manager", "managersManager"], ORG: ["manager", "managersManager", "lnd"] },
};

describe("reviewing a story", () => {
  for (const kind of KINDS) {
    for (const persona of PERSONAS) {
      it(`${persona} on a ${kind} story: ask ${REVIEWERS.ask[kind]?.includes(persona) ? "yes" : "no"}, confirm ${REVIEWERS.confirm[kind]?.includes(persona) ? "yes" : "no"}, reading ${REVIEWERS.reading[kind]?.includes(persona) ? "yes" : "no"}, pick ${REVIEWERS.highlight[kind]?.includes(persona) ? "yes" : "no"}`, async () => {
        const actor = people[persona];
        const id = stories[kind].id;
        const allowed = (what: keyof typeof REVIEWERS) => REVIEWERS[what][kind]?.includes(persona) ?? false;
        expect(await outcome(askWhatHappenedNext(actor, id, ""))).toBe(allowed("ask") ? "ok" : "not_found");
        // The stories have no realized figure: a reviewer passes the wall and then hears so.
        expect(await outcome(confirmFigure(actor, id))).toBe(allowed("confirm") ? "invalid" : "not_found");
        expect(await outcome(recordReading(actor, id, { cycles: ["IMMEDIATE"], indicatorKeys: [], note: "" }))).toBe(allowed("reading") ? "ok" : "not_found");
        expect(await outcome(setHighlight(actor, id, false))).toBe(allowed("highlight") ? "ok" : "not_found");
      });
    }
  }
});

const outcome = async (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string }) => e.code ?? "error",
  );

// A thank-you: anyone who may read the story, but its author (who would thank themselves).
describe("thanking the author", () => {
  for (const kind of KINDS) {
    for (const persona of PERSONAS) {
      const allowed = READS[kind].includes(persona) && persona !== "author";
      it(`${persona} ${allowed ? "can" : "cannot"} thank the author of a ${kind} story`, async () => {
        const actor = people[persona];
        expect(await outcome(acknowledgeStory(actor, stories[kind].id))).toBe(allowed ? "ok" : "not_found");
        const seen = await listAcknowledgements(actor, stories[kind].id);
        expect(seen.some((a) => a.mine)).toBe(allowed);
      });
    }
  }
});

describe("comments", () => {
  for (const kind of KINDS) {
    for (const persona of PERSONAS) {
      const allowed = READS[kind].includes(persona);
      it(`${persona} ${allowed ? "can" : "cannot"} read and add comments on a ${kind} story`, async () => {
        const actor = people[persona];
        expect(await outcome(addComment(actor, stories[kind].id, `A comment from ${persona}`))).toBe(allowed ? "ok" : "not_found");
        const seen = await listComments(actor, stories[kind].id);
        expect(seen.some((c) => c.mine)).toBe(allowed);
      });
    }
  }

  it("only its writer deletes a comment", async () => {
    const { id } = await addComment(people.manager, stories.ORG.id, "Delete me");
    for (const persona of PERSONAS.filter((p) => p !== "manager")) expect(await outcome(deleteComment(people[persona], id))).toBe("not_found");
    expect(await outcome(deleteComment(people.manager, id))).toBe("ok");
  });
});

describe("the author's other controls", () => {
  for (const persona of PERSONAS.filter((p) => p !== "author")) {
    it(`${persona} cannot share, restore, erase, or remove evidence of the author's story`, async () => {
      const actor = people[persona];
      expect(await outcome(setStoryStatus(actor, stories.ORG.id, "DRAFT"))).toBe("not_found");
      expect(await outcome(restoreStory(actor, stories.TRASHED.id))).toBe("not_found");
      expect(await outcome(eraseStory(actor, stories.TRASHED.id))).toBe("not_found");
      expect(await outcome(removeEvidence(actor, stories.ORG.fileId))).toBe("not_found");
    });
  }
});

describe("administration is for the organisation's admins", () => {
  for (const persona of PERSONAS.filter((p) => p !== "otherOrg")) {
    const allowed = persona === "admin";
    it(`${persona} ${allowed ? "may" : "may not"} list and search people, change a role, invite one or many, make a password reset link, see and hide onboarding, change settings, read the audit log`, async () => {
      const actor = people[persona];
      expect(await outcome(listMembers(actor))).toBe(allowed ? "ok" : "not_found");
      expect(await outcome(createAdminResetLink(actor, people.otherTeam.membershipId))).toBe(allowed ? "ok" : "not_found");
      expect(await outcome(updateMember(actor, people.teammate.membershipId, { role: "EMPLOYEE" }))).toBe(allowed ? "ok" : "not_found");
      expect(await outcome(createInvite(actor, { role: "EMPLOYEE" }))).toBe(allowed ? "ok" : "not_found");
      expect(await outcome(searchMembers(actor, { q: "a" }))).toBe(allowed ? "ok" : "not_found");
      expect(await outcome(checkBulkInvite(actor, `bulk-${persona}@matrix.test`))).toBe(allowed ? "ok" : "not_found");
      expect(await outcome(createBulkInvites(actor, `bulk-${persona}@matrix.test`, { tokenFor: (id) => `matrix-${id}` }))).toBe(allowed ? "ok" : "not_found");
      expect(await outcome(onboardingChecklist(actor))).toBe(allowed ? "ok" : "not_found");
      expect(await outcome(dismissOnboarding(actor))).toBe(allowed ? "ok" : "not_found");
      expect(await outcome(listAuditEvents(actor))).toBe(allowed ? "ok" : "not_found");
      if (allowed) {
        const settings = await getOrgSettings(actor);
        expect(
          await outcome(
            updateOrgSettings(actor, {
              defaultVisibility: settings.defaultVisibility,
              reflectionDay: settings.reflectionDay,
              deactivatedStories: settings.deactivatedStories,
            }),
          ),
        ).toBe("ok");
      } else {
        expect(await outcome(getOrgSettings(actor))).toBe("not_found");
      }
    });
  }

  it("an admin of another organisation administers only their own: none of ours is listed or changeable", async () => {
    const stranger = people.otherOrg;
    const members = await listMembers(stranger);
    expect(members.some((m) => m.id === people.teammate.membershipId)).toBe(false);
    const found = await searchMembers(stranger, { q: people.teammate.email });
    expect(found.total).toBe(0);
    expect(await outcome(updateMember(stranger, people.teammate.membershipId, { role: "ADMIN" }))).toBe("not_found");
    expect(await outcome(createAdminResetLink(stranger, people.teammate.membershipId))).toBe("not_found");
    const audit = await listAuditEvents(stranger);
    expect(JSON.stringify(audit)).not.toContain(people.author.organizationId);
  });
});

describe("notifications are their recipient's alone", () => {
  it("nobody marks or sees someone else's notifications", async () => {
    const author = people.author;
    const mine = (await listNotifications(author, { take: 100 })).filter((n) => !n.read);
    expect(mine.length).toBeGreaterThan(0); // the comments above notified the author
    for (const persona of PERSONAS.filter((p) => p !== "author")) {
      expect(
        await markRead(
          people[persona],
          mine.map((n) => n.id),
        ),
      ).toBe(0);
      const theirs = await listNotifications(people[persona], { take: 100 });
      expect(theirs.some((n) => mine.some((m) => m.id === n.id))).toBe(false);
    }
  });
});

describe("editing is the author's alone", () => {
  for (const persona of PERSONAS) {
    it(`${persona} ${persona === "author" ? "may" : "may not"} open the editor, save, set a follow-up or trash`, async () => {
      const actor = people[persona];
      const story = stories.ORG.id;
      const editable = await getStoryForEditing(actor, story);
      if (persona === "author") {
        expect(editable).not.toBeNull();
        return;
      }
      expect(editable).toBeNull();
      const doc = (await getStoryForEditing(people.author, story))!;
      await expect(saveStoryDocument(actor, story, doc.version, doc.doc)).rejects.toMatchObject({ code: "not_found" });
      await expect(scheduleFollowUp(actor, story, 2)).rejects.toMatchObject({ code: "not_found" });
      await expect(trashStory(actor, story)).rejects.toMatchObject({ code: "not_found" });
    });
  }
});

// A background export's file: only the person who asked downloads it. Everyone else, whatever
// their role (another L&D person would be refused too: the admin here can export as well), and
// everyone in another organisation, gets not-found; so does the requester once they may no
// longer export. The file is put in the store as the job would (the job itself:
// tests/integration/background-exports.test.ts).
describe("downloading someone's background export", () => {
  for (const owner of ["lnd", "manager"] as const) {
    it(`only ${owner} downloads ${owner}'s export`, async () => {
      const actor = people[owner];
      const file = await requestExportFile(actor, "csv", {}, async () => undefined);
      const fileKey = exportFileKey(actor.organizationId, file.id);
      await getBlobStore().put(fileKey, new TextEncoder().encode("a,b\r\n"), { contentType: "text/csv" });
      await getDatabase().prisma.$transaction((tx) =>
        finishExportFile(tx, actor.organizationId, file.id, { fileKey, fileName: "x.csv", sizeBytes: 5, rowsWritten: 1 }),
      );
      for (const persona of PERSONAS) {
        if (persona === owner) {
          const opened = await openExportFile(people[persona], file.id);
          await opened.stream.cancel();
        } else await expect(openExportFile(people[persona], file.id), persona).rejects.toMatchObject({ code: "not_found" });
      }
      // The same person with another role (as a session after a role change would carry it).
      await expect(openExportFile({ ...actor, role: "EMPLOYEE" }, file.id)).rejects.toMatchObject({ code: "not_found" });
    });
  }
});

describe("a deactivated person", () => {
  it("has no actor at all, so no entry point lets them in", async () => {
    expect(await loadActor(deactivatedUser.userId, deactivatedUser.membershipId)).toBeNull();
  });

  it("when the organisation hides the stories of people who left, colleagues no longer see them", async () => {
    const db = getDatabase().prisma;
    await db.organization.update({ where: { id: people.author.organizationId }, data: { deactivatedStories: "HIDE" } });
    await db.membership.updateMany({ where: { id: people.author.membershipId }, data: { status: "DEACTIVATED" } });
    try {
      expect(await getStoryForViewer(people.otherTeam, stories.ORG.id)).toBeNull();
      expect(await getStoryForViewer(people.manager, stories.MANAGER.id)).toBeNull();
      await db.organization.update({ where: { id: people.author.organizationId }, data: { deactivatedStories: "KEEP" } });
      expect(await getStoryForViewer(people.otherTeam, stories.ORG.id)).not.toBeNull();
    } finally {
      await db.membership.updateMany({ where: { id: people.author.membershipId }, data: { status: "ACTIVE" } });
      await db.organization.update({ where: { id: people.author.organizationId }, data: { deactivatedStories: "KEEP" } });
    }
  });
});

// The share target (app/api/capture/share) is open to anyone (a phone's share sheet, another
// site): it reads no session and writes nothing, only sends the browser on to the capture form,
// where "Save moment" is the quick-capture action behind its own wall (anySignedIn).
describe("the share target is a door to the form, not to the data", () => {
  it("answers every persona and a signed-out visitor the same 303, and stores nothing", async () => {
    const { POST } = await import("@/app/api/capture/share/route");
    const db = getDatabase().prisma;
    const count = () => db.story.count({ where: { organizationId: { in: [people.author.organizationId, people.otherOrg.organizationId] } } });
    const before = await count();
    // No session is read (session: "none"), so each persona's request is the same request.
    for (const persona of [...PERSONAS, "signed out"]) {
      const body = new FormData();
      body.set("title", `Shared by ${persona}`);
      const res = await POST(
        new Request("http://localhost:3000/api/capture/share", { method: "POST", body, headers: { origin: "https://elsewhere.example" } }),
        {
          params: Promise.resolve({}),
        },
      );
      expect(res.status, persona).toBe(303);
      expect(res.headers.get("location")).toBe(`/capture?title=${encodeURIComponent(`Shared by ${persona}`).replaceAll("%20", "+")}`);
    }
    expect(await count()).toBe(before);
  });
});

describe("nudge settings and unsubscribe links are each person's own", () => {
  const all = () =>
    getDatabase().prisma.membership.findMany({
      where: { id: { in: PERSONAS.map((p) => people[p].membershipId) } },
      select: { id: true, nudgeShared: true, nudgeHour: true },
    });
  const offOrNot = async () => new Map((await all()).map((m) => [m.id, `${m.nudgeShared}/${m.nudgeHour}`]));

  it("a person's save and a person's link change that person's row alone, in any organisation", async () => {
    for (const persona of PERSONAS) {
      const actor = people[persona];
      const before = await offOrNot();
      await updateNudgePreferences(actor, { followUps: "email", reflection: "email", shared: "email", hour: 7, days: "weekdays" });
      expect(await unsubscribe(unsubscribeToken(actor, "shared"), "page")).toEqual({ kind: "shared", changed: true });
      const after = await offOrNot();
      for (const [id, value] of after) expect(value, persona).toBe(id === actor.membershipId ? "off/7" : before.get(id));
      expect((await getNudgePreferences(actor)).shared).toBe("off");
      await updateNudgePreferences(actor, { followUps: "email", reflection: "email", shared: "email", hour: 9, days: "weekdays" });
    }
  });

  it("a link signed for one person does not work for another (the signature covers the person and the organisation)", async () => {
    const mine = unsubscribeToken(people.author, "shared").split(".");
    for (const persona of PERSONAS.filter((p) => p !== "author")) {
      const other = people[persona];
      expect(await unsubscribe([mine[0], other.membershipId, mine[2], mine[3]].join("."), "one-click"), persona).toBeNull();
      if (other.organizationId !== people.author.organizationId)
        expect(await unsubscribe([other.organizationId, mine[1], mine[2], mine[3]].join("."), "one-click"), persona).toBeNull();
    }
    expect((await all()).every((m) => m.nudgeShared === "email")).toBe(true);
  });
});

// Chat capture (Slack, Teams): connecting a workspace is the organisation admin's; a chat link is
// made only by the person who opens it, inside the organisation the chat belongs to, and removed
// only by that person. The chat routes themselves read no session: their signature is the wall
// (tests/integration/chat-capture.test.ts tries every request unsigned, tampered and stale).
describe("chat: connecting is the admin's, a chat link its person's", () => {
  const WORKSPACE = "T0MATRIX";
  const identity = (externalUserId: string) => ({
    provider: "SLACK" as const,
    organizationId: people.author.organizationId,
    workspaceId: WORKSPACE,
    externalUserId,
  });

  it("only our admin reads, connects and disconnects our chat settings; another organisation's admin cannot take our workspace", async () => {
    const settings = { workspaceId: WORKSPACE, signingSecret: "matrix-signing-secret-0123456789", botToken: "xoxb-matrix-0000-token" };
    for (const persona of PERSONAS.filter((p) => !p.startsWith("otherOrg"))) {
      const allowed = persona === "admin";
      const actor = people[persona];
      expect(await outcome(getChatSettings(actor)), persona).toBe(allowed ? "ok" : "not_found");
      expect(await outcome(saveChatSettings(actor, "SLACK", settings)), persona).toBe(allowed ? "ok" : "not_found");
      expect(await outcome(disconnectChat(actor, "TEAMS")), persona).toBe(allowed ? "ok" : "not_found");
    }
    expect(await outcome(saveChatSettings(people.otherOrg, "SLACK", settings))).toBe("conflict");
    expect(await outcome(saveChatSettings(people.otherOrgLnd, "SLACK", settings))).toBe("not_found");
  });

  it("a link is redeemed only inside its organisation, by whoever opens it there, and removed only by its person", async () => {
    for (const persona of PERSONAS.filter((p) => p.startsWith("otherOrg"))) {
      const { token } = await createChatLinkRequest(identity(`U0${persona.toUpperCase()}`), null);
      expect(await outcome(redeemChatLink(people[persona], token)), persona).toBe("not_found");
    }
    const { token } = await createChatLinkRequest(identity("U0AUTHORMATRIX"), null);
    expect(await redeemChatLink(people.author, token)).toMatchObject({ status: "linked" });
    const [link] = await listMyChatLinks(people.author);
    for (const persona of PERSONAS.filter((p) => p !== "author")) {
      expect(await listMyChatLinks(people[persona]), persona).not.toContainEqual(expect.objectContaining({ id: link!.id }));
      expect(await outcome(removeMyChatLink(people[persona], link!.id)), persona).toBe("not_found");
    }
    expect(await outcome(removeMyChatLink(people.author, link!.id))).toBe("ok");
  });
});

// SCIM provisioning: its token is made, rotated and revoked by the organisation's admin alone; a
// token reads only its own organisation (tests/integration/scim.test.ts tries every route with
// another organisation's token, none and a revoked one).
describe("provisioning (SCIM) is the organisation admin's", () => {
  it("only our admin reads, makes and revokes our token; another organisation's token lists none of our people", async () => {
    for (const persona of PERSONAS.filter((p) => !p.startsWith("otherOrg"))) {
      const allowed = persona === "admin";
      const actor = people[persona];
      expect(await outcome(getScimTokenStatus(actor)), persona).toBe(allowed ? "ok" : "not_found");
      expect(await outcome(issueScimToken(actor)), persona).toBe(allowed ? "ok" : "not_found");
      expect(await outcome(revokeScimToken(actor)), persona).toBe(allowed ? "ok" : "not_found");
    }
    const ours = await issueScimToken(people.admin);
    // Another organisation's admin makes their own token, which leaves ours alone and sees only theirs.
    const theirs = await issueScimToken(people.otherOrg);
    expect(await authenticateScimToken(ours.token)).toMatchObject({ organizationId: people.admin.organizationId });
    const client = (await authenticateScimToken(theirs.token))!;
    expect(client.organizationId).toBe(people.otherOrg.organizationId);
    const seen = await listScimUsers(client, { where: {}, none: false }, 1, 200);
    const ourIds = Object.values(people)
      .filter((p) => p.organizationId === people.admin.organizationId)
      .map((p) => p.membershipId);
    expect(seen.people.some((p) => ourIds.includes(p.id))).toBe(false);
    expect(seen.people.map((p) => p.id)).toContain(people.otherOrgLnd.membershipId);
  });
});

// Webhooks and the learning record store (Admin › Webhooks): only the organisation's admin lists,
// adds, changes, tests, deletes endpoints, replays deliveries and connects the LRS; another
// organisation's admin reaches none of ours (not even by id).
describe("webhooks and the LRS: the organisation admin's", () => {
  it("only our admin manages our endpoints, deliveries and LRS; another organisation's admin cannot reach them by id", async () => {
    const input = { url: "https://93.184.215.14/matrix", description: "Matrix", events: ["story.created" as const] };
    const lrs = { endpoint: "https://93.184.215.14/xapi/", key: "matrix-key", secret: "matrix-secret" };
    const { endpointId } = await createWebhookEndpoint(people.admin, input);
    const { deliveryId } = await sendTestEvent(people.admin, endpointId);
    for (const persona of PERSONAS.filter((p) => p !== "admin")) {
      const actor = people[persona];
      // Another organisation's admin manages their own organisation's, never ours.
      const own = persona === "otherOrg";
      expect(await outcome(listWebhookEndpoints(actor)), persona).toBe(own ? "ok" : "not_found");
      if (own) expect(await listWebhookEndpoints(actor)).not.toContainEqual(expect.objectContaining({ id: endpointId }));
      expect(await outcome(createWebhookEndpoint(actor, input)), persona).toBe(own ? "ok" : "not_found");
      expect(await outcome(updateWebhookEndpoint(actor, { ...input, endpointId, enabled: false })), persona).toBe("not_found");
      expect(await outcome(sendTestEvent(actor, endpointId)), persona).toBe("not_found");
      expect(await outcome(replayDelivery(actor, deliveryId)), persona).toBe("not_found");
      expect(await outcome(deleteWebhookEndpoint(actor, endpointId)), persona).toBe("not_found");
      expect(await outcome(listDeliveries(actor)), persona).toBe(own ? "ok" : "not_found");
      if (own) expect(await listDeliveries(actor)).not.toContainEqual(expect.objectContaining({ id: deliveryId }));
      expect(await outcome(getLrsSettings(actor)), persona).toBe(own ? "ok" : "not_found");
      expect(await outcome(saveLrsSettings(actor, lrs)), persona).toBe(own ? "ok" : "not_found");
      expect(await outcome(disconnectLrs(actor)), persona).toBe(own ? "ok" : "not_found");
    }
    expect(await outcome(updateWebhookEndpoint(people.admin, { ...input, endpointId, enabled: false }))).toBe("ok");
    expect(await outcome(replayDelivery(people.admin, deliveryId))).toBe("ok");
    expect(await outcome(saveLrsSettings(people.admin, lrs))).toBe("ok");
    expect(await outcome(disconnectLrs(people.admin))).toBe("ok");
    expect(await outcome(deleteWebhookEndpoint(people.admin, endpointId))).toBe("ok");
  });
});

// The same walls through the REST API: each persona's own token (read and write) reaches exactly
// what the data layer above lets them reach, by the same data functions. READS is the table
// written out at the top; nothing here is computed from the code under test.
describe("through the REST API (/api/v1), with each persona's token", () => {
  const tokens = {} as Record<Persona, string>;
  beforeAll(async () => {
    for (const persona of PERSONAS) {
      tokens[persona] = (
        await createApiToken(people[persona], { name: `matrix ${persona}`, scopes: ["read", "write"], expiresInDays: 7, kind: "PERSONAL" })
      ).token;
    }
  });

  for (const persona of PERSONAS) {
    it(`${persona}: lists, reads, comments on and changes exactly the stories the table gives them`, async () => {
      const token = tokens[persona];
      const listed = new Set<string>();
      for (let next: string | null = "/api/v1/stories?limit=100"; next;) {
        const page = await callApi("GET", next, { token });
        expect(page.status).toBe(200);
        const body = page.body as { items: { id: string }[]; nextLink: string | null };
        for (const s of body.items) listed.add(s.id);
        next = body.nextLink;
      }
      for (const kind of KINDS) {
        const allowed = READS[kind].includes(persona);
        const id = stories[kind].id;
        const expectRead = allowed ? 200 : 404;
        const where = `${persona} on a ${kind} story`;
        expect(listed.has(id), `${where}: listed`).toBe(allowed);
        expect((await callApi("GET", `/api/v1/stories/${id}`, { token })).status, `${where}: GET`).toBe(expectRead);
        expect((await callApi("GET", `/api/v1/stories/${id}/entries`, { token })).status, `${where}: entries`).toBe(expectRead);
        expect((await callApi("GET", `/api/v1/stories/${id}/comments`, { token })).status, `${where}: comments`).toBe(expectRead);
        const comment = await callApi("POST", `/api/v1/stories/${id}/comments`, { token, body: { body: `Through the API, from ${persona}` } });
        expect(comment.status, `${where}: comment`).toBe(allowed ? 201 : 404);
        // Changing is the author's, and never of a trashed story (an empty change: nothing moves).
        const change = await callApi("PATCH", `/api/v1/stories/${id}`, { token, body: {} });
        expect(change.status, `${where}: PATCH`).toBe(persona === "author" && kind !== "TRASHED" ? 200 : 404);
        const entry = await callApi("POST", `/api/v1/stories/${id}/entries`, { token, body: { cycle: "REFRAMING", narrative: `Reframed by ${persona}` } });
        expect(entry.status, `${where}: add entry`).toBe(persona === "author" && kind !== "TRASHED" ? 201 : 404);
        if (persona === "author" && kind !== "TRASHED") {
          const empty = await callApi("POST", `/api/v1/stories/${id}/entries`, { token, body: { cycle: "REFRAMING" } });
          expect(empty.status, `${where}: an empty entry`).toBe(400);
        }
      }
    });
  }

  it("another organisation's admin token lists none of this organisation's people or stories", async () => {
    const admin = (await createApiToken(people.otherOrg, { name: "other admin", scopes: ["read", "admin"], expiresInDays: 7, kind: "ORGANIZATION" })).token;
    const peopleHere = await callApi("GET", "/api/v1/people?limit=100", { token: admin });
    const ids = (peopleHere.body as { items: { id: string }[] }).items.map((p) => p.id);
    expect(ids).not.toContain(people.author.membershipId);
    expect(ids).toContain(people.otherOrg.membershipId);
    const tokensHere = await callApi("GET", "/api/v1/tokens?limit=100", { token: admin });
    expect((tokensHere.body as { items: { name: string }[] }).items.map((t) => t.name)).not.toContain("matrix author");
  });
});
