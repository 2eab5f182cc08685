// The leadership summary PDF against a real database: a manager's file holds only stories they
// may read (a PRIVATE story's title never appears, nor another team's or another
// organisation's), L&D's holds the organisation's readable stories, an employee is refused at
// the route, and every download leaves an "export.created" audit event without story text.
// The session is the only stand-in; the PDF is read back with pdf.js.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { bestSummaryStories, leadershipSummary } from "@/lib/db/leadership-summary";
import type { Actor } from "@/lib/domain/actor";
import type { Cycle } from "@/lib/domain/framework";
import type { Visibility } from "@/lib/domain/roles";
import { day, makeMember, makeOrganization, makeStory, makeTeam } from "../factories";
import { flat, readPdfText } from "../support/pdf-text";
import { session } from "../support/session";

vi.mock("@/lib/auth/session", () => import("../support/session"));

const { GET } = await import("@/app/api/reports/pdf/route");

let lnd: Actor, mgr: Actor, e1: Actor, e3: Actor, slug: string;
const ALL: Cycle[] = ["IMMEDIATE", "POTENTIAL", "APPLIED", "REALIZED", "REFRAMING"];

beforeAll(async () => {
  const a = await makeOrganization("Summary Org Ωμέγα");
  const org = a.organizationId;
  slug = (await getDatabase().prisma.organization.findUniqueOrThrow({ where: { id: org } })).slug;
  const T1 = (await makeTeam(org, "Support")).id;
  const T2 = (await makeTeam(org, "Finance")).id;
  lnd = await makeMember(org, { role: "LND", name: "Lin Chen" });
  mgr = await makeMember(org, { role: "MANAGER", teamId: T1, name: "Marco Rossi" });
  e1 = await makeMember(org, { teamId: T1, managerId: mgr.membershipId, name: "Ава Петрова" });
  e3 = await makeMember(org, { teamId: T2, name: "Eve Other" });

  const b = await makeOrganization("Another Org");
  // Each story happened on 2 February 2026, its cycles five days apart; a figure is the realized cycle's.
  const stories: {
    title: string;
    author: Actor;
    visibility: Visibility;
    cycles: Cycle[];
    highlighted?: boolean;
    figure?: { value: number; unit: string; confirmedBy?: string };
  }[] = [
    { title: "Picked for leadership, one cycle", author: e1, visibility: "ORG", cycles: ["IMMEDIATE"], highlighted: true },
    {
      title: "Support end to end with a confirmed figure",
      author: e1,
      visibility: "ORG",
      cycles: ALL.slice(0, 4),
      figure: { value: 12, unit: "hours saved per month", confirmedBy: mgr.membershipId },
    },
    { title: "Support team-only story", author: e1, visibility: "TEAM", cycles: ["IMMEDIATE", "POTENTIAL", "APPLIED"] },
    {
      title: "Finance org-wide story",
      author: e3,
      visibility: "ORG",
      cycles: ["IMMEDIATE", "POTENTIAL", "APPLIED", "REALIZED"],
      figure: { value: 3, unit: "hours saved" },
    },
    { title: "Secret private story", author: e1, visibility: "PRIVATE", cycles: ALL },
    { title: "Finance private story", author: e3, visibility: "PRIVATE", cycles: ALL },
    { title: "Only one cycle, not picked", author: e3, visibility: "ORG", cycles: ["IMMEDIATE"] },
    { title: "Another organisation's story", author: b.admin, visibility: "ORG", cycles: ALL },
  ];
  for (const { title, author, visibility, cycles, highlighted, figure } of stories) {
    await makeStory({
      author,
      title,
      visibility,
      at: "2026-02-02",
      highlighted: highlighted ? { at: "2026-03-01" } : undefined,
      entries: cycles.map((cycle, i) => ({
        cycle,
        narrative: `${title}: what happened in cycle ${i + 1}.`,
        keys: [],
        at: new Date(day("2026-02-02").getTime() + i * 5 * 86_400_000),
        figure: cycle === "REALIZED" && figure ? { ...figure, confirmedAt: "2026-03-03" } : undefined,
      })),
    });
  }
});

beforeEach(() => {
  session.actor = null;
});

async function download(actor: Actor | null, query = "") {
  session.actor = actor;
  const res = await GET(new Request(`http://localhost/api/reports/pdf${query}`), { params: Promise.resolve({}) });
  return res;
}

async function pdfOf(res: Response) {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/pdf");
  const bytes = new Uint8Array(await res.arrayBuffer());
  const pdf = await readPdfText(bytes);
  expect(pdf.pages).toBeGreaterThanOrEqual(1);
  expect(pdf.pages).toBeLessThanOrEqual(3);
  return { ...pdf, text: flat(pdf.text) };
}

describe("bestSummaryStories", () => {
  it("offers a manager their readable stories: picked first, then the most complete; never private, another team's or another organisation's", async () => {
    const titles = (await bestSummaryStories(mgr, {})).map((s) => s.title);
    expect(titles).toEqual(["Picked for leadership, one cycle", "Support end to end with a confirmed figure", "Support team-only story"]);
  });

  it("offers L&D the organisation's stories they may read", async () => {
    const titles = (await bestSummaryStories(lnd, {})).map((s) => s.title);
    expect(titles).toEqual(["Picked for leadership, one cycle", "Support end to end with a confirmed figure", "Finance org-wide story"]);
  });

  it("keeps each story's value chain in cycle order, with first names and the confirmer", async () => {
    const [, full] = await bestSummaryStories(mgr, {});
    expect(full).toMatchObject({ authorFirstName: "Ава", authorTeam: "Support", highlighted: false });
    expect(full!.entries.map((e) => e.cycle)).toEqual(ALL.slice(0, 4));
    expect(full!.entries[3]!.figure).toEqual({ value: 12, unit: "hours saved per month", confirmedBy: "Marco", confirmedAt: day("2026-03-03") });
  });

  it("follows the filters", async () => {
    const titles = (await bestSummaryStories(lnd, { cycle: "REALIZED" })).map((s) => s.title);
    // Four cycles each: the confirmed figure first.
    expect(titles).toEqual(["Support end to end with a confirmed figure", "Finance org-wide story"]);
  });
});

describe("leadershipSummary", () => {
  it("counts private and other hidden stories anonymously, and names the scope and filters", async () => {
    const { input, fileName } = await leadershipSummary(mgr, { cycle: "APPLIED" });
    expect(input.scopeLine).toBe("Marco Rossi and the people reporting to them");
    expect(input.filtersLine).toBe("All time · cycle Applied value");
    expect(input.headline).toMatchObject({ stories: 2, privateCount: 1, hiddenCount: 0 });
    expect(fileName).toBe(`ripple-${slug}-cycle-applied.pdf`);
    const all = await leadershipSummary(lnd, {});
    expect(all.input.headline).toMatchObject({ stories: 4, privateCount: 2, hiddenCount: 1 });
    expect(all.input.scopeLine).toBe("Whole organisation");
  });
});

describe("GET /api/reports/pdf", () => {
  it("gives a manager a PDF of their readable stories only, named after the filters, and records the export", async () => {
    const res = await download(mgr, "?cycle=applied");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="ripple-${slug}-cycle-applied.pdf"`);
    const pdf = await pdfOf(res);
    expect(pdf.text).toContain("Value created through social learning");
    expect(pdf.text).toContain("Summary Org Ωμέγα");
    expect(pdf.text).toContain("All time · cycle Applied value");
    expect(pdf.text).toContain("Support end to end with a confirmed figure");
    expect(pdf.text).toContain("12 hours saved per month — confirmed by Marco, 3 Mar 2026");
    expect(pdf.text).toContain("Ава, Support");
    for (const hidden of ["Secret private story", "Finance private story", "Finance org-wide story", "Another organisation's story"])
      expect(pdf.text).not.toContain(hidden);

    const events = await getDatabase().prisma.auditEvent.findMany({
      where: { organizationId: mgr.organizationId, actorId: mgr.membershipId, action: "export.created" },
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.meta).toEqual({ kind: "pdf", filters: { cycle: "APPLIED" } });
    expect(JSON.stringify(events[0])).not.toMatch(/story|Support end/i);
  });

  it("gives L&D the organisation's readable stories, never a private one", async () => {
    const pdf = await pdfOf(await download(lnd));
    expect(pdf.text).toContain("Whole organisation · All time");
    expect(pdf.text).toContain("Support end to end with a confirmed figure");
    expect(pdf.text).toContain("Finance org-wide story");
    expect(pdf.text).toContain("3 hours saved — self-reported");
    for (const hidden of ["Secret private story", "Finance private story", "Support team-only story", "Another organisation's story"])
      expect(pdf.text).not.toContain(hidden);
    expect(pdf.text).toContain("2 private stories");
  });

  it("refuses an employee like a missing page, and a signed-out visitor, without an audit event", async () => {
    const before = await getDatabase().prisma.auditEvent.count({ where: { organizationId: e1.organizationId, action: "export.created" } });
    const res = await download(e1);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).not.toBe("application/pdf");
    expect((await download(null)).status).toBe(401);
    expect(await getDatabase().prisma.auditEvent.count({ where: { organizationId: e1.organizationId, action: "export.created" } })).toBe(before);
  });
});
