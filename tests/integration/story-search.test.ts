import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { findMyStories, listMyStories, listTagNames, searchMyStoryIds } from "@/lib/db/stories";
import { getStoryForEditing, saveStoryDocument } from "@/lib/db/story-editor";
import { eraseStory, trashStory } from "@/lib/db/trash";
import type { StoryDoc } from "@/lib/domain/story";
import { storyDocSchema } from "@/lib/validation/story-editor";
import type { Actor } from "@/lib/domain/actor";
import type { Cycle } from "@/lib/domain/framework";
import type { StoryFilters } from "@/lib/domain/story-filters";
import { parseStoryFilters } from "@/lib/validation/story-filters";
import { makeMember, makeOrganization, makeStory } from "../factories";

/** Stories captured the way people do, then grown directly in the database. */
const CAPTURED = { captured: true } as const;

const titles = async (actor: Actor, filters: StoryFilters) => (await listMyStories(actor, filters)).map((s) => s.title);

describe("full-text search of My stories", () => {
  it("finds a story by a word that appears only in one cycle entry, with a marked snippet", async () => {
    const { admin } = await makeOrganization();
    await makeStory({
      author: admin,
      title: "Asked about deployment help",
      ...CAPTURED,
      entries: [{ cycle: "APPLIED", narrative: "We moved the reporting job to kubernetes the same week and it has run without a hitch since." }],
    });
    await makeStory({
      author: admin,
      title: "Another moment entirely",
      ...CAPTURED,
      entries: [{ cycle: "POTENTIAL", narrative: "A contact at a peer company." }],
    });

    const found = await listMyStories(admin, { q: "kubernetes" });
    expect(found.map((s) => s.title)).toEqual(["Asked about deployment help"]);
    expect(found[0]!.snippet).toContain("<<kubernetes>>");
    expect(found[0]!.snippet!.split(/\s+/).length).toBeLessThanOrEqual(22);
  });

  it("matches stemmed forms both ways", async () => {
    const { admin } = await makeOrganization();
    await makeStory({
      author: admin,
      title: "Network helped in minutes",
      ...CAPTURED,
      entries: [{ cycle: "POTENTIAL", narrative: "Several people gave the answer at once." }],
    });
    await makeStory({
      author: admin,
      title: "Conference chat",
      ...CAPTURED,
      entries: [{ cycle: "IMMEDIATE", narrative: "Colleagues answered my question about templates." }],
    });
    expect(await titles(admin, { q: "answered" })).toHaveLength(2);
    expect((await titles(admin, { q: "answer" })).sort()).toEqual(["Conference chat", "Network helped in minutes"]);
    expect(await titles(admin, { q: "templating" })).toEqual(["Conference chat"]);
  });

  it("searches the title and the story's own narrative too", async () => {
    const { admin } = await makeOrganization();
    await makeStory({ author: admin, title: "Escalation playbooks from peers", ...CAPTURED });
    await makeStory({ author: admin, title: "Something else", ...CAPTURED, narrative: "We compared escalation matrices across five companies." });
    expect((await titles(admin, { q: "escalation" })).sort()).toEqual(["Escalation playbooks from peers", "Something else"]);
    const [narrativeHit] = await listMyStories(admin, { q: "matrices" });
    expect(narrativeHit?.snippet).toContain("<<matrices>>");
  });

  it("treats a story and its cycle entries as one text: all words anywhere, exclusions anywhere", async () => {
    const { admin } = await makeOrganization();
    await makeStory({
      author: admin,
      title: "An agency's urgent question",
      ...CAPTURED,
      entries: [{ cycle: "POTENTIAL", narrative: "The data-sharing template is now in our shared drive." }],
    });
    await makeStory({ author: admin, title: "Another agency call", ...CAPTURED, entries: [{ cycle: "POTENTIAL", narrative: "They already had everything." }] });
    expect(await titles(admin, { q: "agency template" })).toEqual(["An agency's urgent question"]);
    expect(await titles(admin, { q: "agency -template" })).toEqual(["Another agency call"]);
    const [hit] = await listMyStories(admin, { q: "agency template" });
    expect(hit!.snippet).toContain("<<template>>");
  });

  it("never returns another person's, another organisation's or a trashed story", async () => {
    const a = await makeOrganization("A");
    const b = await makeOrganization("B");
    const colleague = await makeMember(a.organizationId);
    const mine = await makeStory({ author: a.admin, title: "Mine", ...CAPTURED, entries: [{ cycle: "APPLIED", narrative: "kubernetes rollout" }] });
    const theirs = await makeStory({
      author: colleague,
      title: "Colleague's",
      ...CAPTURED,
      entries: [{ cycle: "APPLIED", narrative: "kubernetes rollout" }],
      visibility: "ORG",
      status: "PUBLISHED",
    });
    const other = await makeStory({ author: b.admin, title: "Other org's", ...CAPTURED, entries: [{ cycle: "APPLIED", narrative: "kubernetes rollout" }] });
    const trashed = await makeStory({
      author: a.admin,
      title: "Trashed kubernetes notes",
      ...CAPTURED,
      entries: [{ cycle: "APPLIED", narrative: "kubernetes rollout" }],
    });
    await getDatabase().prisma.story.updateMany({ where: { id: trashed }, data: { deletedAt: new Date() } });

    expect((await searchMyStoryIds(a.admin, "kubernetes")).map((r) => r.id)).toEqual([mine]);
    expect((await listMyStories(a.admin, { q: "kubernetes" })).map((s) => s.id)).toEqual([mine]);
    expect((await listMyStories(colleague, { q: "kubernetes" })).map((s) => s.id)).toEqual([theirs]);
    expect((await listMyStories(b.admin, { q: "kubernetes" })).map((s) => s.id)).toEqual([other]);
    expect((await listMyStories(a.admin, {})).map((s) => s.id)).toEqual([mine]);
  });

  it("ranks a title match above a match in a cycle entry, and combines search with filters", async () => {
    const { admin } = await makeOrganization();
    await makeStory({
      author: admin,
      title: "Older note",
      ...CAPTURED,
      at: "2025-01-01T10:00:00Z",
      entries: [{ cycle: "APPLIED", narrative: "We tried the retrospective format." }],
    });
    await makeStory({ author: admin, title: "Retrospective format from a community call", ...CAPTURED, at: "2024-06-01T10:00:00Z", channel: "community" });
    expect(await titles(admin, { q: "retrospective" })).toEqual(["Retrospective format from a community call", "Older note"]);
    expect(await titles(admin, { q: "retrospective", sort: "newest" })).toEqual(["Older note", "Retrospective format from a community call"]);
    expect(await titles(admin, { q: "retrospective", channel: "community" })).toEqual(["Retrospective format from a community call"]);
    const ranked = await searchMyStoryIds(admin, "retrospective");
    expect(ranked[0]!.rank).toBeGreaterThan(ranked[1]!.rank);
  });

  it("takes any text without error: stop words, web search syntax, quotes and SQL", async () => {
    const { admin } = await makeOrganization();
    await makeStory({
      author: admin,
      title: "Rate limits explained by a stranger",
      ...CAPTURED,
      entries: [{ cycle: "POTENTIAL", narrative: "A clear answer about rate limits and retries." }],
    });
    expect(await titles(admin, { q: "the" })).toEqual([]);
    expect(await titles(admin, { q: '"rate limits" -retries' })).toEqual([]);
    expect(await titles(admin, { q: '"rate limits" or kubernetes' })).toEqual(["Rate limits explained by a stranger"]);
    expect(await titles(admin, { q: '\'); DROP TABLE "Story"; --' })).toEqual([]);
    expect(await titles(admin, { q: "rate & | ! : * ( ) <-> \\" })).toEqual(["Rate limits explained by a stranger"]);
    expect(await titles(admin, { q: "   " })).toEqual(["Rate limits explained by a stranger"]);
    expect(await searchMyStoryIds(admin, "   ")).toEqual([]);
    expect(await titles(admin, {})).toHaveLength(1);
  });
});

/** Grows a story through the editor, as the page saves it: tags and who helped. */
async function grow(actor: Actor, id: string, change: (d: StoryDoc) => void): Promise<void> {
  const story = (await getStoryForEditing(actor, id))!;
  const doc = structuredClone(story.doc);
  change(doc);
  const result = await saveStoryDocument(actor, id, story.version, storyDocSchema.parse(doc) as StoryDoc);
  expect(result.status).toBe("saved");
}

const helper = (name: string, platform: string): StoryDoc["contributors"][number] => ({ membershipId: null, name, platform, insideOrg: false, tie: "WEAK" });

describe("search over tags and the people who helped", () => {
  it("finds a story by a tag, a helper's name, a helper's platform and a colleague's name, with a snippet naming who helped", async () => {
    const { admin, organizationId } = await makeOrganization();
    const colleague = await makeMember(organizationId, { name: "Wilhelmina Okonkwo" });
    const tagged = await makeStory({ author: admin, title: "Escalation call with peers", ...CAPTURED });
    await grow(admin, tagged, (d) => {
      d.tags = ["incident-response", "playbooks"];
      d.contributors = [helper("@opendata_jo", "Mastodon"), { membershipId: colleague.membershipId, name: "", platform: "", insideOrg: true, tie: "STRONG" }];
    });
    await makeStory({ author: admin, title: "Unrelated moment", ...CAPTURED, entries: [{ cycle: "POTENTIAL", narrative: "Nothing about responses here." }] });

    expect(await titles(admin, { q: "incident-response" })).toEqual(["Escalation call with peers"]);
    expect(await titles(admin, { q: "incident" })).toEqual(["Escalation call with peers"]);
    expect(await titles(admin, { q: "Mastodon" })).toEqual(["Escalation call with peers"]);
    expect(await titles(admin, { q: "mastodon opendata_jo" })).toEqual(["Escalation call with peers"]);
    expect(await titles(admin, { q: "Okonkwo" })).toEqual(["Escalation call with peers"]);
    expect(await titles(admin, { q: "escalation -mastodon" })).toEqual([]);
    const [hit] = await listMyStories(admin, { q: "Mastodon" });
    expect(hit!.snippet).toBe("Helped by @opendata_jo (<<Mastodon>>), Wilhelmina Okonkwo");
  });

  it("keeps the search current as tags and helpers change, a tag or a person is renamed, in the same transaction", async () => {
    const { admin, organizationId } = await makeOrganization();
    const colleague = await makeMember(organizationId, { name: "Bartholomew Kline" });
    const id = await makeStory({ author: admin, title: "A moment worth keeping", ...CAPTURED });
    await grow(admin, id, (d) => {
      d.tags = ["gdpr"];
      d.contributors = [helper("Jo", "Mastodon"), { membershipId: colleague.membershipId, name: "", platform: "", insideOrg: true, tie: "WEAK" }];
    });
    expect(await titles(admin, { q: "gdpr" })).toHaveLength(1);

    // Removed from the story: no longer found; the new ones are.
    await grow(admin, id, (d) => {
      d.tags = ["onboarding"];
      d.contributors = [helper("Jo", "LinkedIn")];
    });
    expect(await titles(admin, { q: "gdpr" })).toEqual([]);
    expect(await titles(admin, { q: "mastodon" })).toEqual([]);
    expect(await titles(admin, { q: "Bartholomew" })).toEqual([]);
    expect(await titles(admin, { q: "onboarding linkedin" })).toEqual(["A moment worth keeping"]);

    // A renamed tag and a renamed colleague.
    await grow(admin, id, (d) => void (d.contributors = [{ membershipId: colleague.membershipId, name: "", platform: "", insideOrg: true, tie: "WEAK" }]));
    const prisma = getDatabase().prisma;
    await prisma.tag.update({ where: { organizationId_name: { organizationId, name: "onboarding" } }, data: { name: "induction" } });
    await prisma.user.update({ where: { id: colleague.userId }, data: { name: "Barty Kline-Osei" } });
    expect(await titles(admin, { q: "onboarding" })).toEqual([]);
    expect(await titles(admin, { q: "induction" })).toEqual(["A moment worth keeping"]);
    expect(await titles(admin, { q: "Bartholomew" })).toEqual([]);
    expect(await titles(admin, { q: "Barty" })).toEqual(["A moment worth keeping"]);

    // A change rolled back leaves the document as it was: it is written in the change's transaction.
    await expect(
      prisma.$transaction(async (tx) => {
        const tag = await tx.tag.create({ data: { organizationId, name: "rolled-back" } });
        await tx.storyTag.create({ data: { organizationId, storyId: id, tagId: tag.id } });
        const [row] = await tx.$queryRaw<
          { found: boolean }[]
        >`SELECT "search" @@ websearch_to_tsquery('english', 'rolled-back') AS "found" FROM "Story" WHERE "id" = CAST(${id} AS uuid)`;
        expect(row!.found).toBe(true);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await titles(admin, { q: "rolled-back" })).toEqual([]);

    // Erasing a story with tags and helpers (the children go by cascade) works.
    await grow(admin, id, (d) => {
      d.tags = ["induction"];
      d.contributors = [helper("Jo", "Mastodon")];
    });
    await trashStory(admin, id);
    expect(await titles(admin, { q: "mastodon" })).toEqual([]);
    await eraseStory(admin, id);
    expect(await prisma.story.count({ where: { id } })).toBe(0);
  });

  it("never finds another person's story, another organisation's, or a trashed one by its tags or helpers", async () => {
    const a = await makeOrganization("A");
    const b = await makeOrganization("B");
    const colleague = await makeMember(a.organizationId);
    const add = async (actor: Actor, title: string, visibility: "PRIVATE" | "ORG" = "ORG") => {
      const id = await makeStory({ author: actor, title, ...CAPTURED, visibility, status: "PUBLISHED" });
      await grow(actor, id, (d) => {
        d.tags = ["incident-response"];
        d.contributors = [helper("@opendata_jo", "Mastodon")];
      });
      return id;
    };
    const mine = await add(a.admin, "Mine");
    const shared = await add(colleague, "Colleague's, shared with everyone");
    const secret = await add(colleague, "Colleague's, private", "PRIVATE");
    const other = await add(b.admin, "Other organisation's");
    const trashed = await add(a.admin, "Mine, trashed");
    await trashStory(a.admin, trashed);

    for (const q of ["incident-response", "Mastodon", "opendata_jo"]) {
      expect((await searchMyStoryIds(a.admin, q)).map((r) => r.id)).toEqual([mine]);
      expect((await listMyStories(a.admin, { q })).map((s) => s.id)).toEqual([mine]);
      expect((await listMyStories(colleague, { q })).map((s) => s.id).sort()).toEqual([secret, shared].sort());
      expect((await listMyStories(b.admin, { q })).map((s) => s.id)).toEqual([other]);
    }
  });
});

describe("filters of My stories", () => {
  it("filters by the furthest cycle reached, in the database", async () => {
    const { admin } = await makeOrganization();
    await makeStory({ author: admin, title: "Only immediate", ...CAPTURED });
    await makeStory({ author: admin, title: "Reaches potential", ...CAPTURED, entries: [{ cycle: "POTENTIAL", narrative: "two playbooks" }] });
    await makeStory({
      author: admin,
      title: "Reaches applied",
      ...CAPTURED,
      entries: [
        { cycle: "POTENTIAL", narrative: "a tool" },
        { cycle: "APPLIED", narrative: "used it" },
      ],
    });
    await makeStory({ author: admin, title: "Skips to realized", ...CAPTURED, entries: [{ cycle: "REALIZED", narrative: "saved a day" }] });
    expect(await titles(admin, { cycle: "IMMEDIATE" })).toEqual(["Only immediate"]);
    expect(await titles(admin, { cycle: "POTENTIAL" })).toEqual(["Reaches potential"]);
    expect(await titles(admin, { cycle: "APPLIED" })).toEqual(["Reaches applied"]);
    expect(await titles(admin, { cycle: "REALIZED" })).toEqual(["Skips to realized"]);
    expect(await titles(admin, { cycle: "REFRAMING" })).toEqual([]);
  });

  it("filters by channel, tag, visibility and status", async () => {
    const { admin } = await makeOrganization();
    await makeStory({
      author: admin,
      title: "Conference talk",
      ...CAPTURED,
      channel: "conference",
      tags: ["onboarding", "gdpr"],
      visibility: "ORG",
      status: "PUBLISHED",
    });
    await makeStory({ author: admin, title: "Chat tip", ...CAPTURED, channel: "chat", tags: ["gdpr"], visibility: "PRIVATE" });
    await makeStory({ author: admin, title: "Colleague tip", ...CAPTURED, channel: "colleague", visibility: "TEAM" });
    expect(await titles(admin, { channel: "conference" })).toEqual(["Conference talk"]);
    expect(await titles(admin, { channel: "course" })).toEqual([]);
    expect(await titles(admin, { tag: "gdpr" })).toEqual(["Chat tip", "Conference talk"]);
    expect(await titles(admin, { tag: "onboarding" })).toEqual(["Conference talk"]);
    expect(await titles(admin, { tag: "nothing" })).toEqual([]);
    expect(await titles(admin, { visibility: "PRIVATE" })).toEqual(["Chat tip"]);
    expect(await titles(admin, { visibility: "MANAGER" })).toEqual([]);
    expect(await titles(admin, { status: "PUBLISHED" })).toEqual(["Conference talk"]);
    expect(await titles(admin, { status: "DRAFT" })).toEqual(["Colleague tip", "Chat tip"]);
    expect(await titles(admin, { status: "DRAFT", tag: "gdpr" })).toEqual(["Chat tip"]);

    const [talk] = await listMyStories(admin, { channel: "conference" });
    expect(talk).toMatchObject({ channel: "Conference or event", tags: ["gdpr", "onboarding"], visibility: "ORG", status: "PUBLISHED" });
    expect(talk!.snippet).toBeUndefined();
  });

  it("filters by date, both ends inclusive, on whole UTC days", async () => {
    const { admin } = await makeOrganization();
    await makeStory({ author: admin, title: "Before", ...CAPTURED, at: "2025-02-28T23:59:59.999Z" });
    await makeStory({ author: admin, title: "First day", ...CAPTURED, at: "2025-03-01T00:00:00Z" });
    await makeStory({ author: admin, title: "Last day", ...CAPTURED, at: "2025-03-31T23:59:59.999Z" });
    await makeStory({ author: admin, title: "After", ...CAPTURED, at: "2025-04-01T00:00:00Z" });
    expect(await titles(admin, { from: "2025-03-01", to: "2025-03-31" })).toEqual(["Last day", "First day"]);
    expect(await titles(admin, { from: "2025-03-31", to: "2025-03-31" })).toEqual(["Last day"]);
    expect(await titles(admin, { from: "2025-03-31" })).toEqual(["After", "Last day"]);
    expect(await titles(admin, { to: "2025-02-28" })).toEqual(["Before"]);
  });

  it("sorts newest, oldest and by furthest cycle", async () => {
    const { admin } = await makeOrganization();
    await makeStory({ author: admin, title: "Middle, applied", ...CAPTURED, at: "2025-02-01T00:00:00Z", entries: [{ cycle: "APPLIED", narrative: "x" }] });
    await makeStory({ author: admin, title: "Oldest, realized", ...CAPTURED, at: "2025-01-01T00:00:00Z", entries: [{ cycle: "REALIZED", narrative: "x" }] });
    await makeStory({ author: admin, title: "Newest, immediate", ...CAPTURED, at: "2025-03-01T00:00:00Z" });
    await makeStory({ author: admin, title: "Newer, applied", ...CAPTURED, at: "2025-02-15T00:00:00Z", entries: [{ cycle: "APPLIED", narrative: "x" }] });
    expect(await titles(admin, {})).toEqual(["Newest, immediate", "Newer, applied", "Middle, applied", "Oldest, realized"]);
    expect(await titles(admin, { sort: "oldest" })).toEqual(["Oldest, realized", "Middle, applied", "Newer, applied", "Newest, immediate"]);
    expect(await titles(admin, { sort: "furthest" })).toEqual(["Oldest, realized", "Newer, applied", "Middle, applied", "Newest, immediate"]);
    // Relevance without a search means newest.
    expect(await titles(admin, { sort: "relevance" })).toEqual(["Newest, immediate", "Newer, applied", "Middle, applied", "Oldest, realized"]);
  });

  it("keeps the home page's short list and says when a list is cut short", async () => {
    const { admin } = await makeOrganization();
    for (const t of ["One", "Two", "Three"]) await makeStory({ author: admin, title: t, ...CAPTURED });
    expect(await listMyStories(admin, { take: 2 })).toHaveLength(2);
    expect(await findMyStories(admin, {}, { limit: 2 })).toMatchObject({ more: true });
    expect(await findMyStories(admin, {}, { limit: 3 })).toMatchObject({ more: false });
  });

  it("applies filters read from an address", async () => {
    const { admin } = await makeOrganization();
    await makeStory({
      author: admin,
      title: "Tagged and applied",
      ...CAPTURED,
      tags: ["gdpr"],
      entries: [{ cycle: "APPLIED", narrative: "templates in use" }],
    });
    await makeStory({ author: admin, title: "Untagged", ...CAPTURED });
    const filters = parseStoryFilters(new URLSearchParams("tag=gdpr&cycle=applied&sort=bogus&from=never"));
    expect(await titles(admin, filters)).toEqual(["Tagged and applied"]);
  });
});

describe("listTagNames", () => {
  it("lists own tags, or tags on stories the actor may read, never a private story's", async () => {
    const { admin, organizationId } = await makeOrganization();
    const colleague = await makeMember(organizationId);
    await makeStory({ author: admin, title: "Mine", ...CAPTURED, tags: ["zeta", "alpha"] });
    await makeStory({ author: colleague, title: "Shared", ...CAPTURED, tags: ["shared-tag"], visibility: "ORG", status: "PUBLISHED" });
    await makeStory({ author: colleague, title: "Secret", ...CAPTURED, tags: ["secret-tag"], visibility: "PRIVATE", status: "PUBLISHED" });
    const trashed = await makeStory({ author: admin, title: "Gone", ...CAPTURED, tags: ["trashed-tag"] });
    await getDatabase().prisma.story.updateMany({ where: { id: trashed }, data: { deletedAt: new Date() } });
    await getDatabase().prisma.tag.create({ data: { organizationId, name: "unused" } });

    expect(await listTagNames(admin, { scope: "own" })).toEqual(["alpha", "zeta"]);
    expect(await listTagNames(admin)).toEqual(["alpha", "shared-tag", "zeta"]);
    expect(await listTagNames(colleague, { scope: "own" })).toEqual(["secret-tag", "shared-tag"]);
    const other = await makeOrganization("Other");
    expect(await listTagNames(other.admin)).toEqual([]);
  });
});

describe("search latency (informational)", () => {
  it("searches a few hundred stories", async () => {
    const { admin } = await makeOrganization();
    const prisma = getDatabase().prisma;
    const channel = await prisma.channel.findFirstOrThrow({ where: { organizationId: admin.organizationId, key: "social" } });
    const words = ["template", "kubernetes", "escalation", "playbook", "retrospective", "coaching", "gdpr", "answer", "network", "pairing"];
    const n = 400;
    const stories = Array.from({ length: n }, (_, i) => ({
      id: randomUUID(),
      organizationId: admin.organizationId,
      authorId: admin.membershipId,
      title: `Moment ${i} about ${words[i % words.length]}`,
      occurredAt: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000),
      channelId: channel.id,
      visibility: "TEAM" as const,
      status: "PUBLISHED" as const,
    }));
    await prisma.story.createMany({ data: stories });
    const cycles: Cycle[] = ["IMMEDIATE", "POTENTIAL", "APPLIED", "REALIZED", "REFRAMING"];
    await prisma.cycleEntry.createMany({
      data: stories.flatMap((s, i) =>
        cycles.slice(0, (i % 5) + 1).map((cycle, j) => ({
          organizationId: admin.organizationId,
          storyId: s.id,
          cycle,
          narrative: `People in my network shared a ${words[(i + j + 3) % words.length]} and I used it with the ${words[(i * 7 + j) % words.length]} work; it saved time on ${words[(i + 2 * j) % words.length]}.`,
        })),
      ),
    });

    const timings: Record<string, number> = {};
    const time = async (label: string, filters: StoryFilters) => {
      await listMyStories(admin, filters); // warm up
      const runs = 5;
      const start = performance.now();
      let count = 0;
      for (let r = 0; r < runs; r++) count = (await listMyStories(admin, filters)).length;
      timings[`${label} (${count} results)`] = Math.round(((performance.now() - start) / runs) * 10) / 10;
    };
    await time("list, newest", {});
    await time("list, furthest cycle first", { sort: "furthest" });
    await time("filter furthest cycle APPLIED", { cycle: "APPLIED" });
    await time("search 'kubernetes'", { q: "kubernetes" });
    await time("search 'answered network'", { q: "answered network" });
    await time("search 'kubernetes' + APPLIED + newest", { q: "kubernetes", cycle: "APPLIED", sort: "newest" });
    for (const q of ["kubernetes", "answered network"]) {
      await searchMyStoryIds(admin, q);
      const start = performance.now();
      let count = 0;
      for (let r = 0; r < 5; r++) count = (await searchMyStoryIds(admin, q)).length;
      timings[`ids and ranks only, '${q}' (${count} results)`] = Math.round(((performance.now() - start) / 5) * 10) / 10;
    }
    console.info(`My stories on ${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"}, ${n} stories, ${n * 3} entries, ms per call:`, timings);
    expect(Object.keys(timings)).toHaveLength(8);
  });
});
