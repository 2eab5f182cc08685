// Password reset: "Forgot password" by e-mail (a real SMTP server on loopback), the link that
// works once and expires (by the clock), the same answer for an address without an account,
// every session ended, the admin's link, and the audit trail.
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkCredentials } from "@/lib/db/auth";
import { getDatabase } from "@/lib/db/registry";
import { ExpectedError } from "@/lib/platform/errors";
import { makeMember, makeOrganization, PASSWORD, uniqueEmail } from "../factories";
import { useSmtpServer, type ReceivedMail } from "../support/smtp";

const db = () => getDatabase().prisma;
const NEW_PASSWORD = "a brand new passphrase";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

/** The module as loaded with e-mail configured (env is read once per module graph). */
async function withEmail(url: string) {
  vi.stubEnv("SMTP_URL", url);
  vi.stubEnv("NEXTAUTH_URL", "https://ripple.example");
  vi.resetModules();
  return import("@/lib/db/password-reset");
}

/** Waits for the mail to `to` (the answer does not wait for the mail server), up to 5 s. */
async function mailTo(received: ReceivedMail[], to: string, count = 1): Promise<string[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const bodies = received.filter((m) => m.to === to).map((m) => m.body.replace(/=\r?\n/g, ""));
    if (bodies.length >= count || Date.now() > deadline) return bodies;
    await new Promise((r) => setTimeout(r, 25));
  }
}

const tokenIn = (body: string) => /https:\/\/ripple\.example\/reset-password\/([A-Za-z0-9_-]{20,})/.exec(body)?.[1] ?? null;

/** The refusal of a call: an ExpectedError (by its name: modules loaded again make another class). */
async function rejection(p: Promise<unknown>): Promise<ExpectedError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ name: "ExpectedError", code: expect.any(String), message: expect.any(String) });
  return error as ExpectedError;
}

describe("forgot password, by e-mail", () => {
  const { received, url } = useSmtpServer();

  it("sends a link to an address with an account, and answers an unknown address the same way, with no e-mail", async () => {
    const { requestPasswordReset } = await withEmail(url());
    const { organizationId } = await makeOrganization("Forgetful Co");
    const member = await makeMember(organizationId);
    const unknown = uniqueEmail("nobody");

    const known = await requestPasswordReset(member.email, { address: null });
    const stranger = await requestPasswordReset(unknown, { address: null });
    expect(known).toEqual({ status: "check_email", email: member.email });
    expect(stranger).toEqual({ status: "check_email", email: unknown });

    const [body] = await mailTo(received, member.email);
    expect(body).toContain("Reset your Ripple password");
    const token = tokenIn(body!);
    expect(token).not.toBeNull();
    // Only the hash is stored.
    const stored = await db().passwordReset.findMany({ where: { user: { email: member.email } } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(token!);
    expect(stored[0]!.expiresAt.getTime() - stored[0]!.createdAt.getTime()).toBe(60 * 60_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(received.some((m) => m.to === unknown)).toBe(false);
    // Both requests are in the audit log; the unknown one belongs to no organisation.
    const audits = await db().auditEvent.findMany({
      where: { action: "auth.password_reset_requested", subject: { in: [member.email, unknown] } },
      orderBy: { createdAt: "asc" },
    });
    expect(audits.map((a) => [a.subject, a.organizationId])).toEqual([[member.email, organizationId]]);
    expect(await db().systemAuditEvent.count({ where: { action: "auth.password_reset_requested", subject: unknown } })).toBe(1);
  });

  it("sets the new password once, ends every session of the person, and is audited", async () => {
    const { requestPasswordReset, resetPassword, getPasswordReset } = await withEmail(url());
    const { organizationId } = await makeOrganization("Reset Co");
    const member = await makeMember(organizationId);
    // Signed in on two browsers.
    const a = await checkCredentials(member.email, PASSWORD);
    const b = await checkCredentials(member.email, PASSWORD);
    expect(a.ok && b.ok).toBe(true);

    await requestPasswordReset(member.email, { address: null });
    const token = tokenIn((await mailTo(received, member.email))[0]!)!;
    expect(await getPasswordReset(token)).toEqual({ email: member.email });

    const done = await resetPassword(token, NEW_PASSWORD);
    expect(done).toEqual({ email: member.email, endedSessions: 2 });
    const sessions = await db().session.findMany({ where: { userId: member.userId } });
    expect(sessions.map((s) => s.revokedAt !== null)).toEqual([true, true]);
    expect((await checkCredentials(member.email, PASSWORD)).ok).toBe(false);
    expect((await checkCredentials(member.email, NEW_PASSWORD)).ok).toBe(true);

    // Single use: the same link again is refused, and changes nothing.
    expect(await getPasswordReset(token)).toBeNull();
    const again = await rejection(resetPassword(token, "yet another passphrase"));
    expect(again.code).toBe("not_found");
    expect((await checkCredentials(member.email, NEW_PASSWORD)).ok).toBe(true);

    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "auth.password_reset", subject: member.email } });
    expect(audit).toMatchObject({ organizationId, actorId: member.membershipId, meta: { endedSessions: 2, via: "email" } });
  });

  it("a link expires after an hour, by the clock", async () => {
    const { requestPasswordReset, resetPassword, getPasswordReset } = await withEmail(url());
    const { organizationId } = await makeOrganization("Slow Co");
    const member = await makeMember(organizationId);
    await requestPasswordReset(member.email, { address: null });
    const token = tokenIn((await mailTo(received, member.email))[0]!)!;

    vi.stubEnv("RIPPLE_CLOCK_OFFSET_DAYS", String(59 / 1440)); // 59 minutes later: still valid
    expect(await getPasswordReset(token)).toEqual({ email: member.email });
    vi.stubEnv("RIPPLE_CLOCK_OFFSET_DAYS", String(61 / 1440)); // 61 minutes later: expired
    expect(await getPasswordReset(token)).toBeNull();
    expect((await rejection(resetPassword(token, NEW_PASSWORD))).code).toBe("not_found");
    expect((await checkCredentials(member.email, PASSWORD)).ok).toBe(true);
  });

  it("sends one address at most 3 links an hour, and still answers the same", async () => {
    const { requestPasswordReset } = await withEmail(url());
    const { organizationId } = await makeOrganization("Flooded Co");
    const member = await makeMember(organizationId);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await requestPasswordReset(member.email, { address: null }));
    expect(answers).toEqual(Array.from({ length: 5 }, () => ({ status: "check_email", email: member.email })));
    await mailTo(received, member.email, 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(received.filter((m) => m.to === member.email)).toHaveLength(3);
    expect(await db().passwordReset.count({ where: { userId: member.userId } })).toBe(3);
  });

  it("limits one network address across e-mails, with a message saying so", async () => {
    const { requestPasswordReset } = await withEmail(url());
    const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    for (let i = 0; i < 10; i++) await requestPasswordReset(uniqueEmail("probe"), { address });
    const refused = await rejection(requestPasswordReset(uniqueEmail("probe"), { address }));
    expect(refused.code).toBe("rate_limited");
    expect(refused.message).toMatch(/^Too many reset requests from your network\. Try again in /);
  });

  it("without SMTP there is no e-mail to send: the person is told to ask their admin", async () => {
    vi.stubEnv("SMTP_URL", "");
    vi.resetModules();
    const { requestPasswordReset } = await import("@/lib/db/password-reset");
    const error = await rejection(requestPasswordReset(uniqueEmail("any"), { address: null }));
    expect(error.message).toMatch(/Ask your organisation's admin for a password reset link/);
  });
});

describe("a reset link made by an admin", () => {
  it("works once, ends the person's sessions, and both steps are audited", async () => {
    const { createAdminResetLink, resetPassword } = await import("@/lib/db/password-reset");
    const { admin, organizationId } = await makeOrganization("Admin Reset Co");
    const member = await makeMember(organizationId);
    expect((await checkCredentials(member.email, PASSWORD)).ok).toBe(true);

    const link = await createAdminResetLink(admin, member.membershipId);
    expect(link.path).toMatch(/^\/reset-password\/[A-Za-z0-9_-]{40,}$/);
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
    const created = await db().auditEvent.findFirstOrThrow({ where: { action: "auth.password_reset_link_created", targetId: member.membershipId } });
    expect(created).toMatchObject({ organizationId, actorId: admin.membershipId, subject: member.email });

    const token = link.path.split("/").pop()!;
    expect(await resetPassword(token, NEW_PASSWORD)).toEqual({ email: member.email, endedSessions: 1 });
    expect((await rejection(resetPassword(token, NEW_PASSWORD))).code).toBe("not_found");
    const used = await db().auditEvent.findFirstOrThrow({ where: { action: "auth.password_reset", subject: member.email } });
    expect(used.meta).toMatchObject({ via: "admin_link", endedSessions: 1 });
  });

  it("only for an admin, only in their organisation, never for an account of another organisation too", async () => {
    const { createAdminResetLink } = await import("@/lib/db/password-reset");
    const { admin, organizationId } = await makeOrganization("Careful Co");
    const other = await makeOrganization("Other Co");
    const employee = await makeMember(organizationId);
    const stranger = await makeMember(other.organizationId);

    expect((await rejection(createAdminResetLink(employee, admin.membershipId))).code).toBe("not_found");
    expect((await rejection(createAdminResetLink(admin, stranger.membershipId))).code).toBe("not_found");
    // The same person, also a member of the other organisation: its admin may not take over the account.
    await db().membership.create({ data: { organizationId: other.organizationId, userId: employee.userId } });
    const shared = await rejection(
      createAdminResetLink(
        other.admin,
        (await db().membership.findFirstOrThrow({ where: { organizationId: other.organizationId, userId: employee.userId } })).id,
      ),
    );
    expect(shared.code).toBe("conflict");
    expect(await db().passwordReset.count({ where: { userId: { in: [admin.userId, stranger.userId, employee.userId] } } })).toBe(0);
  });
});
