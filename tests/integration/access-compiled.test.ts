// The visibility rule is declared once (AUDIENCE in lib/domain/access.ts) and compiled into the
// forms the code runs: the pure decision (canRead, fed by a story's handle), the Prisma filter of
// story queries (readableStoryScope), the SQL predicate the reports embed (readableStorySql, over
// stories and over their rollups) and a story's readers for notifications (storyReaders). This
// test puts them side by side on a real database, for every relationship to the author, every
// visibility, draft and shared, kept and trashed, by an active and a deactivated author, with the
// organisation showing and hiding deactivated people's stories, and checks that they agree with
// each other and with the pure rule over relationships written out by hand. How many stories
// each person reads is worked out by hand too, so the forms cannot agree on a wrong answer.
import { beforeAll, describe, expect, it } from "vitest";
import { ROLLUP_COLUMNS, STORY_COLUMNS, readableStoryScope, readableStorySql, storyHandle, storyReaders, viewerContext } from "@/lib/db/access";
import { getDatabase } from "@/lib/db/registry";
import { canRead, type Relationship, type StoryFacts } from "@/lib/domain/access";
import type { Actor } from "@/lib/domain/actor";
import { VISIBILITIES, type Visibility } from "@/lib/domain/roles";
import { makeMember, makeOrganization, makeTeam } from "../factories";

type Persona = "author" | "manager" | "managersManager" | "teammate" | "teamAbove" | "otherTeam" | "lnd" | "admin" | "otherOrg";
const PERSONAS: Persona[] = ["author", "manager", "managersManager", "teammate", "teamAbove", "otherTeam", "lnd", "admin", "otherOrg"];
type Author = "author" | "gone";
type Policy = "KEEP" | "HIDE";
type Story = { id: string; author: Author; visibility: Visibility; status: "DRAFT" | "PUBLISHED"; trashed: boolean };

// How each persona stands to the two authors, written out by hand. Both authors are in the
// child team and report to the manager, who reports to the manager's manager; "gone" is
// deactivated after writing (so the author persona is gone's teammate).
const none: Relationship = { sameOrg: true, isAuthor: false, managesAuthor: false, teamCovers: false };
const RELATION: Record<Persona, Record<Author, Relationship>> = {
  author: { author: { ...none, isAuthor: true }, gone: { ...none, teamCovers: true } },
  manager: { author: { ...none, managesAuthor: true }, gone: { ...none, managesAuthor: true } },
  managersManager: { author: { ...none, managesAuthor: true }, gone: { ...none, managesAuthor: true } },
  teammate: { author: { ...none, teamCovers: true }, gone: { ...none, teamCovers: true } },
  teamAbove: { author: { ...none, teamCovers: true }, gone: { ...none, teamCovers: true } },
  otherTeam: { author: none, gone: none },
  lnd: { author: none, gone: none },
  admin: { author: none, gone: none },
  otherOrg: { author: { ...none, sameOrg: false }, gone: { ...none, sameOrg: false } },
};

// Stories each persona reads, out of the 32 (2 authors × 4 visibilities × draft/shared × kept/trashed):
// the author their own 8 kept ones, and gone's shared TEAM and ORG ones as a teammate; managers
// the shared MANAGER, TEAM and ORG ones of both; the team the shared TEAM and ORG ones; everyone
// else in the organisation the shared ORG ones. Hiding deactivated people's stories takes gone's.
const READS: Record<Policy, Record<Persona, number>> = {
  KEEP: { author: 10, manager: 6, managersManager: 6, teammate: 4, teamAbove: 4, otherTeam: 2, lnd: 2, admin: 2, otherOrg: 0 },
  HIDE: { author: 8, manager: 3, managersManager: 3, teammate: 2, teamAbove: 2, otherTeam: 1, lnd: 1, admin: 1, otherOrg: 0 },
};

const people = {} as Record<Persona, Actor>;
const stories: Story[] = [];
let organizationId = "";
let goneId = "";

beforeAll(async () => {
  const db = getDatabase().prisma;
  const org = await makeOrganization("Compiled Rules Ltd");
  organizationId = org.organizationId;
  const parent = await makeTeam(organizationId, `Parent ${Date.now()}`);
  const child = await makeTeam(organizationId, `Child ${Date.now()}`, parent.id);
  const other = await makeTeam(organizationId, `Other ${Date.now()}`);
  people.admin = org.admin;
  people.managersManager = await makeMember(organizationId, { role: "MANAGER" });
  people.manager = await makeMember(organizationId, { role: "MANAGER", managerId: people.managersManager.membershipId });
  people.author = await makeMember(organizationId, { teamId: child.id, managerId: people.manager.membershipId });
  const gone = await makeMember(organizationId, { teamId: child.id, managerId: people.manager.membershipId });
  goneId = gone.membershipId;
  people.teammate = await makeMember(organizationId, { teamId: child.id });
  people.teamAbove = await makeMember(organizationId, { teamId: parent.id });
  people.otherTeam = await makeMember(organizationId, { teamId: other.id });
  people.lnd = await makeMember(organizationId, { role: "LND" });
  people.otherOrg = (await makeOrganization("Elsewhere Compiled")).admin;

  const authors: Record<Author, string> = { author: people.author.membershipId, gone: gone.membershipId };
  for (const author of ["author", "gone"] as const) {
    for (const visibility of VISIBILITIES) {
      for (const status of ["DRAFT", "PUBLISHED"] as const) {
        for (const trashed of [false, true]) {
          const { id } = await db.story.create({
            data: {
              organizationId,
              authorId: authors[author],
              title: `${author} ${visibility} ${status}${trashed ? " trashed" : ""}`,
              occurredAt: new Date("2026-03-02T10:00:00.000Z"),
              visibility,
              status,
              deletedAt: trashed ? new Date("2026-03-03T10:00:00.000Z") : null,
            },
            select: { id: true },
          });
          stories.push({ id, author, visibility, status, trashed });
        }
      }
    }
  }
  await db.membership.updateMany({ where: { id: gone.membershipId }, data: { status: "DEACTIVATED", deactivatedAt: new Date("2026-03-04T10:00:00.000Z") } });
});

const ids = () => stories.map((s) => s.id);
const sorted = (xs: Iterable<string>) => [...xs].sort();
const facts = (s: Story, policy: Policy): StoryFacts => ({
  visibility: s.visibility,
  status: s.status,
  deleted: s.trashed,
  authorHidden: policy === "HIDE" && s.author === "gone",
});

/** Every form's answer: the ids of the stories `actor` may read. */
async function forms(persona: Persona, policy: Policy) {
  const actor = people[persona];
  const db = getDatabase().prisma;
  const ctx = await viewerContext(actor);
  const pure = stories.filter((s) => canRead(RELATION[persona][s.author], facts(s, policy))).map((s) => s.id);
  const handles = await Promise.all(stories.map(async (s) => ({ s, h: await storyHandle(actor, s.id) })));
  const handle = handles.filter(({ h }) => h !== null && canRead(h.rel, h.facts)).map(({ s }) => s.id);
  const prisma = (await db.story.findMany({ where: { AND: [{ id: { in: ids() } }, await readableStoryScope(actor)] }, select: { id: true } })).map((s) => s.id);
  const sql = (
    await db.$queryRaw<{ id: string }[]>`SELECT s.id::text AS id FROM "Story" s JOIN "Membership" a ON a.id = s."authorId"
      WHERE s.id = ANY(${`{${ids().join(",")}}`}::uuid[]) AND ${readableStorySql(actor, ctx, STORY_COLUMNS)}`
  ).map((r) => r.id);
  const rollup = (
    await db.$queryRaw<{ id: string }[]>`SELECT r."storyId"::text AS id FROM "StoryRollup" r
      WHERE r."storyId" = ANY(${`{${ids().join(",")}}`}::uuid[]) AND ${readableStorySql(actor, ctx, ROLLUP_COLUMNS)}`
  ).map((r) => r.id);
  return { pure, handle, prisma, sql, rollup };
}

for (const policy of ["KEEP", "HIDE"] as const) {
  describe(`the organisation ${policy === "HIDE" ? "hides" : "keeps"} deactivated people's stories`, () => {
    beforeAll(async () => {
      await getDatabase().prisma.organization.update({ where: { id: organizationId }, data: { deactivatedStories: policy } });
    });

    for (const persona of PERSONAS) {
      it(`${persona}: the pure rule, the story handle, the Prisma filter and the SQL predicate read the same ${READS[policy][persona]} stories`, async () => {
        const f = await forms(persona, policy);
        expect(f.pure).toHaveLength(READS[policy][persona]);
        expect(sorted(f.handle)).toEqual(sorted(f.pure));
        expect(sorted(f.prisma)).toEqual(sorted(f.pure));
        expect(sorted(f.sql)).toEqual(sorted(f.pure));
        // The rollups hold only live stories (shared, not trashed): the ones the reports count.
        const live = new Set(stories.filter((s) => s.status === "PUBLISHED" && !s.trashed).map((s) => s.id));
        expect(sorted(f.rollup)).toEqual(sorted(f.pure.filter((id) => live.has(id))));
      });
    }

    it("each story's readers (who a comment notifies) are the people the pure rule lets read it", async () => {
      const candidates = PERSONAS.map((p) => people[p].membershipId).concat(goneId);
      const inOrg = PERSONAS.filter((p) => p !== "otherOrg");
      for (const s of stories) {
        const expected = inOrg.filter((p) => canRead(RELATION[p][s.author], facts(s, policy))).map((p) => people[p].membershipId);
        expect(sorted(await storyReaders(people.admin, s.id, candidates)), `${s.author} ${s.visibility} ${s.status}${s.trashed ? " trashed" : ""}`).toEqual(
          sorted(expected),
        );
      }
    });
  });
}
