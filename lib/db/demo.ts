import "server-only";
import { prisma } from "./client";
import { seedOrganizationCatalogue } from "./organizations";
import { hashPassword } from "@/lib/platform/password";
import type { Cycle } from "@/lib/domain/framework";
import type { Role } from "@/lib/domain/roles";
import { now } from "@/lib/platform/clock";

export const DEMO_PASSWORD = "ripple-demo";

export const DEMO_PEOPLE = [
  { key: "employee", email: "ava@demo.ripple.test", name: "Ava Patel", role: "EMPLOYEE", team: "Support EMEA", manager: "manager" },
  { key: "teammate", email: "priya@demo.ripple.test", name: "Priya Shah", role: "EMPLOYEE", team: "Support EMEA", manager: "manager" },
  { key: "manager", email: "marco@demo.ripple.test", name: "Marco Rossi", role: "MANAGER", team: "Customer Success", manager: null },
  { key: "lnd", email: "lin@demo.ripple.test", name: "Lin Chen", role: "LND", team: "Learning & Development", manager: null },
  { key: "admin", email: "sam@demo.ripple.test", name: "Sam Okafor", role: "ADMIN", team: null, manager: null },
] as const satisfies readonly { key: string; email: string; name: string; role: Role; team: string | null; manager: string | null }[];

type DemoEntry = { cycle: Cycle; narrative: string; indicators: string[]; figure?: { value: number; unit: string }; link?: string };
/** Who helped: a demo person by key, or someone outside the organisation (a name and where). */
type DemoHelper = { person: "teammate" | "manager" | "lnd"; tie: "STRONG" | "WEAK" } | { name: string; platform: string; tie: "STRONG" | "WEAK" };
type DemoStory = {
  title: string;
  daysAgo: number;
  channel: string;
  visibility: "PRIVATE" | "MANAGER" | "TEAM" | "ORG";
  entries: DemoEntry[];
  minutesSaved?: number;
  minutesInvested?: number;
  tags?: string[];
  helpers?: DemoHelper[];
};

const DEMO_STORIES: DemoStory[] = [
  {
    title: "An agency's urgent question answered by my network in four minutes",
    daysAgo: 20,
    channel: "social",
    visibility: "ORG",
    minutesInvested: 4,
    minutesSaved: 120,
    tags: ["data-sharing", "public-sector"],
    helpers: [
      { name: "@opendata_jo", platform: "Mastodon", tie: "WEAK" },
      { name: "Dana Reyes", platform: "LinkedIn", tie: "WEAK" },
      { person: "teammate", tie: "STRONG" },
    ],
    entries: [
      {
        cycle: "IMMEDIATE",
        narrative:
          "An agency phoned with an urgent question about a data-sharing template. I asked my network; within two minutes several people answered with a document.",
        indicators: ["reciprocity", "interaction-quality"],
      },
      {
        cycle: "POTENTIAL",
        narrative:
          "Years of engaging with this network meant people answered at once (social capital), and the template itself is now in our shared drive (tangible capital).",
        indicators: ["capital-social", "capital-tangible"],
        link: "https://example.org/templates/data-sharing",
      },
      { cycle: "APPLIED", narrative: "I checked the document and sent it to the agency the same call.", indicators: ["connections-used", "tools-used"] },
      {
        cycle: "REALIZED",
        narrative: "The agency said it was exactly what they needed: a good answer in four minutes instead of a two-hour search.",
        indicators: ["org-performance", "org-reputation"],
        figure: { value: 116, unit: "minutes saved" },
      },
      {
        cycle: "REFRAMING",
        narrative: "My manager now asks for stories like this one each month: networked learning is part of the job.",
        indicators: ["new-criteria"],
      },
    ],
  },
  {
    title: "Community of practice call on escalation playbooks",
    daysAgo: 9,
    channel: "community",
    visibility: "TEAM",
    tags: ["incident-response", "escalations"],
    helpers: [{ name: "Kofi Mensah", platform: "Slack community", tie: "WEAK" }],
    entries: [
      {
        cycle: "IMMEDIATE",
        narrative: "Monthly call with support leads from five companies. Lively exchange on how they triage escalations.",
        indicators: ["engagement", "networking"],
      },
      {
        cycle: "POTENTIAL",
        narrative: "Came away with two playbooks and a contact at a peer company who offered to review ours.",
        indicators: ["capital-tangible", "capital-social"],
      },
    ],
  },
  {
    title: "Tip from a colleague: saved searches for recurring tickets",
    daysAgo: 2,
    channel: "colleague",
    visibility: "MANAGER",
    tags: ["ticket-triage"],
    helpers: [{ person: "teammate", tie: "STRONG" }],
    entries: [{ cycle: "IMMEDIATE", narrative: "Priya showed me saved searches that group recurring tickets by cause.", indicators: ["fun-inspiration"] }],
  },
];

/**
 * The demo organisation: five people (one per role, and a teammate for the employee) and a few stories. Only ever created on
 * an empty embedded database; clearly marked as demo data.
 */
export async function seedDemoOrganization(): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await prisma().$transaction(async (tx) => {
    const org = await tx.organization.create({ data: { name: "Northwind (demo data)", slug: "northwind-demo", isDemo: true, defaultVisibility: "TEAM" } });
    await seedOrganizationCatalogue(tx, org.id);
    const cs = await tx.team.create({ data: { organizationId: org.id, name: "Customer Success" } });
    const teams = new Map<string, string>([
      ["Customer Success", cs.id],
      ["Support EMEA", (await tx.team.create({ data: { organizationId: org.id, name: "Support EMEA", parentId: cs.id } })).id],
      ["Learning & Development", (await tx.team.create({ data: { organizationId: org.id, name: "Learning & Development" } })).id],
    ]);
    const members = new Map<string, string>();
    for (const p of [...DEMO_PEOPLE].sort((a, b) => Number(Boolean(a.manager)) - Number(Boolean(b.manager)))) {
      const user = await tx.user.create({ data: { email: p.email, name: p.name, passwordHash } });
      const m = await tx.membership.create({
        data: {
          organizationId: org.id,
          userId: user.id,
          role: p.role,
          teamId: p.team ? (teams.get(p.team) ?? null) : null,
          managerId: p.manager ? (members.get(p.manager) ?? null) : null,
        },
      });
      members.set(p.key, m.id);
    }
    const channels = new Map((await tx.channel.findMany({ where: { organizationId: org.id } })).map((c) => [c.key, c.id]));
    const authorId = members.get("employee")!;
    for (const s of DEMO_STORIES) {
      const occurredAt = new Date(now().getTime() - s.daysAgo * 86_400_000);
      const story = await tx.story.create({
        data: {
          organizationId: org.id,
          authorId,
          title: s.title,
          occurredAt,
          channelId: channels.get(s.channel) ?? null,
          visibility: s.visibility,
          status: "PUBLISHED",
          minutesInvested: s.minutesInvested ?? null,
          minutesSaved: s.minutesSaved ?? null,
          entries: {
            create: s.entries.map((e, i) => ({
              cycle: e.cycle,
              narrative: e.narrative,
              indicatorKeys: e.indicators,
              figureValue: e.figure?.value ?? null,
              figureUnit: e.figure?.unit ?? null,
              recordedAt: new Date(occurredAt.getTime() + i * 3 * 86_400_000),
              ...(e.link ? { evidence: { create: { kind: "LINK" as const, url: e.link } } } : {}),
            })),
          },
          contributors: {
            create: (s.helpers ?? []).map((h) =>
              "person" in h
                ? { membershipId: members.get(h.person) ?? null, insideOrg: true, tieStrength: h.tie }
                : { externalName: h.name, platform: h.platform, insideOrg: false, tieStrength: h.tie },
            ),
          },
        },
        select: { id: true },
      });
      for (const name of s.tags ?? []) {
        const tag = await tx.tag.upsert({
          where: { organizationId_name: { organizationId: org.id, name } },
          create: { organizationId: org.id, name },
          update: {},
          select: { id: true },
        });
        await tx.storyTag.create({ data: { organizationId: org.id, storyId: story.id, tagId: tag.id } });
      }
      // Ava shared it with Marco, her manager: his Home lists it, the last week's as new.
      if (s.visibility !== "PRIVATE") {
        await tx.notification.create({
          data: {
            organizationId: org.id,
            recipientId: members.get("manager")!,
            actorId: authorId,
            kind: "story.shared",
            storyId: story.id,
            createdAt: occurredAt,
            readAt: s.daysAgo > 7 ? new Date(occurredAt.getTime() + 86_400_000) : null,
          },
        });
      }
    }
  });
}

export async function demoOrganizationExists(): Promise<boolean> {
  return (await prisma().organization.count({ where: { isDemo: true } })) > 0;
}
