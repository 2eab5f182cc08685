import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { checkCredentials, loadActor } from "@/lib/db/auth";
import { DEMO_PASSWORD, DEMO_PEOPLE, demoOrganizationExists, seedDemoOrganization } from "@/lib/db/demo";
import { quickCapture, listMyStories } from "@/lib/db/stories";
import { getStoryForEditing, saveStoryDocument, setStoryStatus } from "@/lib/db/story-editor";
import { confirmFigure } from "@/lib/db/review";
import { reportRealizedValue } from "@/lib/db/reports";
import { realizedHeadline } from "@/lib/domain/figures";
import { verifyPassword } from "@/lib/platform/password";
import { CYCLES } from "@/lib/domain/framework";

const db = () => getDatabase().prisma;
const DEMO_EMAILS = DEMO_PEOPLE.map((p) => p.email);

/**
 * Demo e-mails and the demo slug are globally unique, so on a shared PostgreSQL database a
 * previous run's demo data would block seeding. Remove it first (organisation rows cascade).
 */
async function removeExistingDemo() {
  await db().organization.deleteMany({ where: { slug: "northwind-demo" } });
  await db().user.deleteMany({ where: { email: { in: DEMO_EMAILS } } });
  await db().auditEvent.deleteMany({ where: { subject: { in: DEMO_EMAILS } } });
}

describe("seedDemoOrganization", () => {
  it("creates a demo organisation with one person per role, a reporting line and stories", async () => {
    await removeExistingDemo();
    await seedDemoOrganization();
    expect(await demoOrganizationExists()).toBe(true);

    const org = await db().organization.findFirstOrThrow({ where: { slug: "northwind-demo" } });
    expect(org).toMatchObject({ isDemo: true, defaultVisibility: "TEAM" });
    expect(org.name).toMatch(/demo/i);

    const memberships = await db().membership.findMany({
      where: { organizationId: org.id },
      include: { user: true, team: { include: { parent: true } } },
    });
    expect(memberships).toHaveLength(5);
    expect(memberships.map((m) => m.role).sort()).toEqual(["ADMIN", "EMPLOYEE", "EMPLOYEE", "LND", "MANAGER"]);
    expect(memberships.map((m) => m.user.email).sort()).toEqual([...DEMO_EMAILS].sort());
    expect(memberships.every((m) => m.status === "ACTIVE")).toBe(true);

    const byKey = (key: (typeof DEMO_PEOPLE)[number]["key"]) => {
      const person = DEMO_PEOPLE.find((p) => p.key === key)!;
      const m = memberships.find((x) => x.user.email === person.email)!;
      expect(m.role).toBe(person.role);
      expect(m.user.name).toBe(person.name);
      return m;
    };
    const employee = byKey("employee");
    const teammate = byKey("teammate");
    const manager = byKey("manager");
    expect(teammate.managerId).toBe(manager.id);
    expect(teammate.team?.name).toBe("Support EMEA");
    const lnd = byKey("lnd");
    const admin = byKey("admin");

    // Reporting line and teams.
    expect(employee.managerId).toBe(manager.id);
    expect([manager.managerId, lnd.managerId, admin.managerId]).toEqual([null, null, null]);
    expect(employee.team?.name).toBe("Support EMEA");
    expect(employee.team?.parent?.name).toBe("Customer Success");
    expect(manager.team?.name).toBe("Customer Success");
    expect(lnd.team?.name).toBe("Learning & Development");
    expect(admin.teamId).toBeNull();
    expect(new Set(memberships.filter((m) => m.team).map((m) => m.team!.organizationId))).toEqual(new Set([org.id]));

    // Everyone can sign in with the demo password, and only with it.
    for (const m of memberships) {
      expect(m.user.passwordHash?.startsWith("$argon2id$")).toBe(true);
      expect(await verifyPassword(m.user.passwordHash!, DEMO_PASSWORD)).toBe(true);
      expect(await verifyPassword(m.user.passwordHash!, `${DEMO_PASSWORD}x`)).toBe(false);
    }
    expect(await checkCredentials(employee.user.email, DEMO_PASSWORD, null)).toEqual({
      ok: true,
      userId: employee.userId,
      membershipId: employee.id,
      organizationId: org.id,
      sessionId: expect.any(String),
    });

    // The employee's stories: three published, one reaching all five cycles.
    const stories = await db().story.findMany({ where: { organizationId: org.id }, include: { entries: { include: { evidence: true } }, channel: true } });
    expect(stories).toHaveLength(3);
    expect(stories.every((s) => s.authorId === employee.id && s.status === "PUBLISHED")).toBe(true);
    const cycleSets = stories.map((s) => s.entries.map((e) => e.cycle).sort((a, b) => CYCLES.indexOf(a) - CYCLES.indexOf(b)));
    expect(cycleSets.filter((c) => c.length === 5)).toEqual([[...CYCLES]]);
    expect(cycleSets.map((c) => c.length).sort()).toEqual([1, 2, 5]);

    // Demo data is consistent with the organisation's own catalogue.
    const indicatorKeys = new Set((await db().indicator.findMany({ where: { organizationId: org.id }, select: { key: true } })).map((i) => i.key));
    for (const story of stories) {
      expect(story.channel?.organizationId).toBe(org.id);
      for (const entry of story.entries) {
        expect(entry.organizationId).toBe(org.id);
        expect(entry.indicatorKeys.length).toBeGreaterThan(0);
        for (const key of entry.indicatorKeys) expect(indicatorKeys, `indicator ${key}`).toContain(key);
        for (const ev of entry.evidence) expect(ev).toMatchObject({ organizationId: org.id, kind: "LINK" });
      }
    }
    expect(stories.flatMap((s) => s.entries.flatMap((e) => e.evidence))).toHaveLength(1);

    // As the app shows them to Ava: newest first, the oldest reaching reframing.
    const actor = await loadActor(employee.userId, employee.id);
    const mine = await listMyStories(actor!);
    expect(mine).toHaveLength(3);
    expect(mine.map((s) => s.furthest)).toEqual(["IMMEDIATE", "POTENTIAL", "REFRAMING"]);
    expect(mine[2]!.chain.every((c) => c.reached)).toBe(true);

    // What people remember finds it: a tag, a platform, a helper's name (issue 11: these found nothing).
    expect((await listMyStories(actor!, { q: "incident-response" })).map((s) => s.title)).toEqual(["Community of practice call on escalation playbooks"]);
    expect((await listMyStories(actor!, { q: "Mastodon" })).map((s) => s.title)).toEqual([
      "An agency's urgent question answered by my network in four minutes",
    ]);
    // Priya helped with two (named in one entry, and as a helper of both).
    expect((await listMyStories(actor!, { q: "Priya Shah" })).map((s) => s.title)).toEqual([
      "Tip from a colleague: saved searches for recurring tickets",
      "An agency's urgent question answered by my network in four minutes",
    ]);
  });

  it("refuses to seed twice and leaves the existing demo untouched", async () => {
    await removeExistingDemo();
    await seedDemoOrganization();
    const org = await db().organization.findFirstOrThrow({ where: { slug: "northwind-demo" } });
    await expect(seedDemoOrganization()).rejects.toThrow();
    expect(await db().organization.count({ where: { slug: "northwind-demo" } })).toBe(1);
    expect(await db().membership.count({ where: { organizationId: org.id } })).toBe(DEMO_PEOPLE.length);
    expect(await db().story.count({ where: { organizationId: org.id } })).toBe(3);
    expect(await db().user.count({ where: { email: { in: DEMO_EMAILS } } })).toBe(DEMO_PEOPLE.length);
  });

  it('after a manager confirms a realized figure of 25,000 EUR, the headline says so (it said "0 hours saved")', async () => {
    await removeExistingDemo();
    await seedDemoOrganization();
    const org = await db().organization.findFirstOrThrow({ where: { slug: "northwind-demo" } });
    const memberships = await db().membership.findMany({ where: { organizationId: org.id }, include: { user: true } });
    const person = async (key: (typeof DEMO_PEOPLE)[number]["key"]) => {
      const m = memberships.find((x) => x.user.email === DEMO_PEOPLE.find((p) => p.key === key)!.email)!;
      return (await loadActor(m.userId, m.id))!;
    };
    const [ava, marco, lin] = [await person("employee"), await person("manager"), await person("lnd")];

    // Before: the demo's only realized figure is Ava's self-reported 116 minutes saved.
    expect(realizedHeadline((await reportRealizedValue(lin)).units)).toEqual({ confirmed: [], selfReportedFigures: 1 });

    // Ava writes a story with an immediate figure and a realized one, shares it with the
    // organisation, and Marco confirms the realized figure.
    const { id } = await quickCapture(ava, { what: "Vendor clause spotted by a peer", channel: "social", startCycle: "IMMEDIATE", link: "" } as never);
    const editable = (await getStoryForEditing(ava, id))!;
    const doc = structuredClone(editable.doc);
    doc.visibility = "ORG";
    doc.entries.IMMEDIATE = { ...doc.entries.IMMEDIATE, narrative: "Asked the legal community.", figureValue: 4, figureUnit: "minutes to answer" };
    doc.entries.REALIZED = { narrative: "We avoided a penalty.", indicators: [], figureValue: 25000, figureUnit: "EUR avoided", links: [] };
    expect((await saveStoryDocument(ava, id, editable.version, doc)).status).toBe("saved");
    await setStoryStatus(ava, id, "PUBLISHED");
    await confirmFigure(marco, id);

    const figures = await reportRealizedValue(lin);
    expect(realizedHeadline(figures.units)).toEqual({ confirmed: [{ key: "EUR avoided", text: "€25,000 avoided", figures: 1 }], selfReportedFigures: 1 });
    expect(figures.units.map((u) => [u.unit, u.confirmed, u.selfReported])).toEqual([
      ["EUR avoided", 25000, 0],
      ["hours saved", 0, 1.93],
    ]);
    expect(figures.otherCycles).toEqual([
      { cycle: "IMMEDIATE", units: [{ key: "minutes to answer", unit: "minutes to answer", currency: null, total: 4, count: 1 }] },
    ]);
  });
});
