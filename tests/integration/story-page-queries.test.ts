// What one story page load and one comment cost the database, counted from the statements sent
// (tests/support/query-log.ts), with React's per-request cache as Next.js runs it
// (tests/support/request-scope.ts) and without it (scripts, jobs, this test runner).
import { describe, expect, it, vi } from "vitest";
vi.mock("react", async (importOriginal) => (await import("../support/request-scope")).withRequestCache(importOriginal));
import { getDatabase } from "@/lib/db/registry";
import { addComment } from "@/lib/db/comments";
import { recordReading } from "@/lib/db/review";
import { storyPageData } from "@/lib/db/story-page";
import { quickCapture } from "@/lib/db/stories";
import type { Actor } from "@/lib/domain/actor";
import { quickCaptureSchema } from "@/lib/validation/story";
import { makeMember, makeOrganization, makeTeam } from "../factories";
import { queriesDuring } from "../support/query-log";
import { inRequest } from "../support/request-scope";

const db = () => getDatabase().prisma;

async function publishedStory(author: Actor, visibility: "TEAM" | "ORG") {
  const { id } = await quickCapture(author, quickCaptureSchema.parse({ what: "Asked the network about templates", channel: "social" }));
  await db().story.updateMany({ where: { id }, data: { status: "PUBLISHED", visibility } });
  return id;
}

/** The authorising lookup of a story (lib/db/access.ts storyHandle), and the viewer's subtrees (viewerContext). */
const isHandleLookup = (sql: string) =>
  /FROM "Story" s JOIN "Membership" a ON a\.id = s\."authorId" AND a\."organizationId" = s\."organizationId"\s+WHERE s\.id =/.test(sql);
const isViewerContext = (sql: string) => sql.includes(`WITH RECURSIVE "reports"(id)`);

describe("a story page load", () => {
  it("looks the story up once, as the author and as their manager, in a request or outside one", async () => {
    const { organizationId } = await makeOrganization();
    const team = await makeTeam(organizationId);
    const manager = await makeMember(organizationId, { role: "MANAGER", teamId: team.id, name: "Mia Manager" });
    const author = await makeMember(organizationId, { teamId: team.id, managerId: manager.membershipId, name: "Ava Author" });
    const colleague = await makeMember(organizationId, { teamId: team.id, name: "Cole League" });
    const id = await publishedStory(author, "TEAM");
    await addComment(colleague, id, "Nice");
    await recordReading(manager, id, { cycles: ["IMMEDIATE"], indicatorKeys: [], note: "Good" });

    const counts: Record<string, number> = {};
    for (const [who, actor] of [
      ["employee", author],
      ["manager", manager],
    ] as const) {
      const inOne = await queriesDuring(() => inRequest(() => storyPageData(actor, id)));
      const outside = await queriesDuring(() => storyPageData(actor, id));
      // Everything the page shows came back.
      expect(inOne.result?.story.title).toBe("Asked the network about templates");
      expect(inOne.result?.comments.map((c) => c.body)).toEqual(["Nice"]);
      expect(inOne.result?.readings.map((r) => r.reviewer)).toEqual(["Mia Manager"]);
      expect(inOne.result?.abilities.askNext).toBe(who === "manager");
      expect(outside.result).toEqual(inOne.result);
      // One authorising lookup of the story, shared by the content, comments, review controls and readings.
      expect(inOne.statements.filter(isHandleLookup)).toHaveLength(1);
      expect(outside.statements.filter(isHandleLookup)).toHaveLength(1);
      expect(inOne.statements.filter(isViewerContext)).toHaveLength(1);
      counts[`${who} in a request`] = inOne.statements.length;
      counts[`${who} outside a request`] = outside.statements.length;
    }
    console.info("statements per story page load:", counts);
  });

  it("a story the viewer may not read costs one lookup and shows nothing", async () => {
    const { organizationId } = await makeOrganization();
    const author = await makeMember(organizationId);
    const stranger = await makeMember(organizationId);
    const { id } = await quickCapture(author, quickCaptureSchema.parse({ what: "A draft", channel: "social" }));
    const { result, statements } = await queriesDuring(() => inRequest(() => storyPageData(stranger, id)));
    expect(result).toBeNull();
    expect(statements.filter(isHandleLookup)).toHaveLength(1);
  });
});

describe("a comment's notifications", () => {
  it("cost the same number of statements for 2 recipients as for 10", async () => {
    const cost = async (recipients: number) => {
      const { organizationId } = await makeOrganization();
      const author = await makeMember(organizationId);
      const id = await publishedStory(author, "ORG");
      for (let i = 0; i < recipients - 1; i++) await addComment(await makeMember(organizationId), id, `Comment ${i}`);
      const commenter = await makeMember(organizationId);
      const { statements } = await queriesDuring(() => addComment(commenter, id, "One more"));
      // The author and every earlier commenter were told, once each.
      const told = await db().notification.findMany({ where: { storyId: id, actorId: commenter.membershipId }, select: { recipientId: true } });
      expect(told).toHaveLength(recipients);
      return statements.length;
    };
    const two = await cost(2);
    const ten = await cost(10);
    expect(ten).toBe(two);
  });
});
