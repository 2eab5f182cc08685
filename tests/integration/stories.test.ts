import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { getStoryForViewer, listMyStories, quickCapture } from "@/lib/db/stories";
import { ExpectedError } from "@/lib/platform/errors";
import { quickCaptureSchema } from "@/lib/validation/story";
import { makeMember, makeOrganization, makeTeam } from "../factories";

const capture = (what: string, extra: Record<string, unknown> = {}) => quickCaptureSchema.parse({ what, channel: "social", ...extra });

describe("quick capture", () => {
  it("stores a draft story whose first entry is immediate value, with the link as evidence", async () => {
    const { admin } = await makeOrganization();
    const { id } = await quickCapture(admin, capture("Asked the network about GDPR templates", { link: "https://example.org/t" }));
    const story = await getDatabase().prisma.story.findFirstOrThrow({ where: { id }, include: { entries: { include: { evidence: true } }, channel: true } });
    expect(story).toMatchObject({
      status: "DRAFT",
      title: "Asked the network about GDPR templates",
      organizationId: admin.organizationId,
      authorId: admin.membershipId,
      visibility: "TEAM",
    });
    expect(story.channel?.key).toBe("social");
    expect(story.entries).toHaveLength(1);
    expect(story.entries[0]).toMatchObject({ cycle: "IMMEDIATE", narrative: "Asked the network about GDPR templates" });
    expect(story.entries[0]!.evidence).toMatchObject([{ kind: "LINK", url: "https://example.org/t" }]);
  });

  it("can start in another cycle", async () => {
    const { admin } = await makeOrganization();
    const { id } = await quickCapture(admin, capture("Tried pairing on reviews first", { startCycle: "APPLIED" }));
    const entries = await getDatabase().prisma.cycleEntry.findMany({ where: { storyId: id } });
    expect(entries.map((e) => e.cycle)).toEqual(["APPLIED"]);
  });

  it("refuses a channel the organisation does not have, naming the field", async () => {
    const { admin } = await makeOrganization();
    const error = await quickCapture(admin, capture("Something", { channel: "carrier-pigeon" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpectedError);
    expect((error as ExpectedError).fieldErrors?.channel?.[0]).toMatch(/choose where it happened/i);
  });
});

describe("My stories and reading a story", () => {
  it("lists only the actor's own stories, newest first, with their value chain", async () => {
    const { admin, organizationId } = await makeOrganization();
    const colleague = await makeMember(organizationId);
    await quickCapture(admin, capture("First moment"));
    await quickCapture(admin, capture("Second moment"));
    await quickCapture(colleague, capture("Colleague's moment"));
    const mine = await listMyStories(admin);
    expect(mine.map((s) => s.title)).toEqual(["Second moment", "First moment"]);
    expect(mine[0]!.furthest).toBe("IMMEDIATE");
    expect(mine[0]!.chain.map((c) => c.reached)).toEqual([true, false, false, false, false]);
  });

  it("answers null for a story of another organisation, exactly as for one that does not exist", async () => {
    const a = await makeOrganization("A");
    const b = await makeOrganization("B");
    const { id } = await quickCapture(a.admin, capture("A's moment"));
    expect(await getStoryForViewer(a.admin, id)).not.toBeNull();
    expect(await getStoryForViewer(b.admin, id)).toBeNull();
    expect(await getStoryForViewer(b.admin, "0190a5b4-0000-7000-8000-000000000000")).toBeNull();
  });

  it("hides a colleague's draft and private stories, and shows published team and organisation stories", async () => {
    const { admin, organizationId } = await makeOrganization();
    const team = await makeTeam(organizationId);
    const author = await makeMember(organizationId, { teamId: team.id });
    const teammate = await makeMember(organizationId, { teamId: team.id });
    const outsider = await makeMember(organizationId);
    const prisma = getDatabase().prisma;
    const draft = await quickCapture(author, capture("Draft moment"));
    const teamStory = await quickCapture(author, capture("Team moment"));
    const privateStory = await quickCapture(author, capture("Private moment"));
    await prisma.story.updateMany({ where: { id: teamStory.id }, data: { status: "PUBLISHED", visibility: "TEAM" } });
    await prisma.story.updateMany({ where: { id: privateStory.id }, data: { status: "PUBLISHED", visibility: "PRIVATE" } });

    expect(await getStoryForViewer(teammate, draft.id)).toBeNull();
    expect(await getStoryForViewer(teammate, teamStory.id)).not.toBeNull();
    expect(await getStoryForViewer(outsider, teamStory.id)).toBeNull();
    expect(await getStoryForViewer(teammate, privateStory.id)).toBeNull();
    expect(await getStoryForViewer(admin, privateStory.id)).toBeNull();
    expect(await getStoryForViewer(author, privateStory.id)).not.toBeNull();

    await prisma.story.updateMany({ where: { id: teamStory.id }, data: { visibility: "ORG" } });
    expect(await getStoryForViewer(outsider, teamStory.id)).not.toBeNull();
  });
});
