import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { ExpectedError } from "@/lib/platform/errors";
import { createOrganizationWithAdmin } from "@/lib/db/organizations";
import { verifyPassword } from "@/lib/platform/password";
import { CHANNEL_SEED, INDICATOR_SEED } from "@/lib/domain/framework";
import { signUpSchema } from "@/lib/validation/auth";
import { PASSWORD, uniqueEmail } from "../factories";

const db = () => getDatabase().prisma;
const signUp = (patch: Partial<{ organizationName: string; name: string; email: string; password: string }> = {}) =>
  signUpSchema.parse({ organizationName: "Acme Ltd", name: "Ada Admin", email: uniqueEmail("founder"), password: PASSWORD, ...patch });

describe("createOrganizationWithAdmin", () => {
  it("creates the organisation, its admin and the user with an argon2id hash of the password", async () => {
    const input = signUp();
    const result = await createOrganizationWithAdmin(input);

    const org = await db().organization.findUniqueOrThrow({ where: { id: result.organizationId } });
    expect(org).toMatchObject({ name: "Acme Ltd", isDemo: false });
    expect(org.slug).toMatch(/^acme-ltd-[0-9a-f]{6}$/);

    const user = await db().user.findUniqueOrThrow({ where: { id: result.userId } });
    expect(user).toMatchObject({ email: input.email, name: "Ada Admin" });
    expect(user.passwordHash).not.toBe(PASSWORD);
    expect(user.passwordHash).not.toContain(PASSWORD);
    expect(user.passwordHash?.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(user.passwordHash!, PASSWORD)).toBe(true);

    const memberships = await db().membership.findMany({ where: { organizationId: result.organizationId } });
    expect(memberships).toHaveLength(1);
    expect(memberships[0]).toMatchObject({ id: result.membershipId, userId: result.userId, role: "ADMIN", status: "ACTIVE", teamId: null, managerId: null });
  });

  it("seeds the 8 channels and the indicator catalogue, in order, for the new organisation only", async () => {
    const first = await createOrganizationWithAdmin(signUp());
    const channelsBefore = await db().channel.findMany({ where: { organizationId: first.organizationId }, select: { id: true } });
    const second = await createOrganizationWithAdmin(signUp());

    const channels = await db().channel.findMany({ where: { organizationId: second.organizationId }, orderBy: { sortOrder: "asc" } });
    expect(channels).toHaveLength(8);
    expect(channels.map((c) => ({ key: c.key, label: c.label }))).toEqual(CHANNEL_SEED.map((c) => ({ key: c.key, label: c.label })));

    const indicators = await db().indicator.findMany({ where: { organizationId: second.organizationId }, orderBy: { sortOrder: "asc" } });
    expect(indicators.map((i) => ({ key: i.key, cycle: i.cycle, capitalKind: i.capitalKind, label: i.label, description: i.description }))).toEqual(
      INDICATOR_SEED.map((i) => ({ key: i.key, cycle: i.cycle, capitalKind: i.capitalKind ?? null, label: i.label, description: i.description ?? "" })),
    );

    // Each organisation has its own rows: the second sign-up added none to the first.
    const channelsAfter = await db().channel.findMany({ where: { organizationId: first.organizationId }, select: { id: true } });
    expect(channelsAfter).toEqual(channelsBefore);
    expect(await db().indicator.count({ where: { organizationId: first.organizationId } })).toBe(INDICATOR_SEED.length);
    const firstIds = new Set(channelsAfter.map((c) => c.id));
    expect(channels.some((c) => firstIds.has(c.id))).toBe(false);
  });

  it("records an auth.sign_up audit event for the organisation", async () => {
    const input = signUp();
    const result = await createOrganizationWithAdmin(input);
    const events = await db().auditEvent.findMany({ where: { organizationId: result.organizationId, action: "auth.sign_up" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ subject: input.email, actorId: result.membershipId });
  });

  it("refuses a second sign-up with the same e-mail as a conflict on the email field, creating nothing", async () => {
    const email = uniqueEmail("twice");
    await createOrganizationWithAdmin(signUp({ email }));
    const secondName = `Second ${randomUUID()}`;
    const error = await createOrganizationWithAdmin(signUp({ email, organizationName: secondName })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpectedError);
    expect((error as ExpectedError).code).toBe("conflict");
    expect((error as ExpectedError).fieldErrors?.email?.[0]).toMatch(/already exists/);
    expect(await db().organization.count({ where: { name: secondName } })).toBe(0);
    expect(await db().user.count({ where: { email } })).toBe(1);
  });

  it("treats the e-mail case-insensitively once it has gone through the sign-up schema", async () => {
    const email = uniqueEmail("case");
    await createOrganizationWithAdmin(signUp({ email }));
    const error = await createOrganizationWithAdmin(signUp({ email: email.toUpperCase() })).catch((e: unknown) => e);
    expect((error as ExpectedError).code).toBe("conflict");
  });

  it.each([
    ["Ünïcödé Café", /^[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{6}$/],
    ["  Spaces & Symbols!!  ", /^spaces-symbols-[0-9a-f]{6}$/],
    ["日本語", /^org-[0-9a-f]{6}$/],
    ["x".repeat(100), new RegExp(`^${"x".repeat(40)}-[0-9a-f]{6}$`)],
  ])("makes a URL-safe slug for %j", async (organizationName, slug) => {
    const result = await createOrganizationWithAdmin(signUp({ organizationName }));
    const org = await db().organization.findUniqueOrThrow({ where: { id: result.organizationId } });
    expect(org.slug).toMatch(slug);
  });

  it("drops accents from the slug rather than splitting words at them", async () => {
    const result = await createOrganizationWithAdmin(signUp({ organizationName: "Ünïcödé Café" }));
    const org = await db().organization.findUniqueOrThrow({ where: { id: result.organizationId } });
    expect(org.slug).toMatch(/^unicode-cafe-[0-9a-f]{6}$/);
  });

  it("lets only one of two simultaneous sign-ups with the same e-mail through, leaving no half-made organisation", async () => {
    const email = uniqueEmail("race");
    const names = [`Race A ${randomUUID()}`, `Race B ${randomUUID()}`];
    const results = await Promise.allSettled(names.map((organizationName) => createOrganizationWithAdmin(signUp({ email, organizationName }))));
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db().organization.count({ where: { name: { in: names } } })).toBe(1);
    expect(await db().user.count({ where: { email } })).toBe(1);
  });

  it("reports the loser of a simultaneous sign-up as a conflict on the email field", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.allSettled([createOrganizationWithAdmin(signUp({ email })), createOrganizationWithAdmin(signUp({ email }))]);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ExpectedError);
    expect((rejected.reason as ExpectedError).fieldErrors?.email?.[0]).toMatch(/already exists/);
  });

  it("gives two organisations with the same name different slugs", async () => {
    const a = await createOrganizationWithAdmin(signUp({ organizationName: "Twin Co" }));
    const b = await createOrganizationWithAdmin(signUp({ organizationName: "Twin Co" }));
    const orgs = await db().organization.findMany({ where: { id: { in: [a.organizationId, b.organizationId] } } });
    expect(new Set(orgs.map((o) => o.slug)).size).toBe(2);
  });

  it("can flag an organisation as demo data", async () => {
    const result = await createOrganizationWithAdmin(signUp(), { isDemo: true });
    expect((await db().organization.findUniqueOrThrow({ where: { id: result.organizationId } })).isDemo).toBe(true);
  });
});
