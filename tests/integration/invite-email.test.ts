import { describe, expect, it, vi } from "vitest";
import { makeMember, makeOrganization } from "../factories";
import { useSmtpServer } from "../support/smtp";

describe("invitations by e-mail", () => {
  const { received, url } = useSmtpServer();

  it("sends the link when SMTP is configured, and only then", async () => {
    const { admin } = await makeOrganization("Mailing Co");
    vi.resetModules();
    const withoutSmtp = await import("@/lib/db/invites");
    const quiet = await withoutSmtp.createInvite(admin, { email: "quiet@invitee.test", role: "EMPLOYEE" });
    expect(quiet.emailed).toBe(false);

    vi.stubEnv("SMTP_URL", url());
    vi.stubEnv("NEXTAUTH_URL", "https://ripple.example");
    vi.resetModules();
    const { createInvite } = await import("@/lib/db/invites");
    const invite = await createInvite(admin, { email: "new.person@invitee.test", role: "MANAGER" });
    expect(invite.emailed).toBe(true);
    const mail = received.filter((m) => m.to === "new.person@invitee.test");
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body.replace(/=\r?\n/g, "")).toContain(`https://ripple.example${invite.path}`);
    expect(received.some((m) => m.to === "quiet@invitee.test")).toBe(false);
    vi.unstubAllEnvs();
  });

  it("tells the owner of an address with an account elsewhere, by e-mail, what the admin is never told", async () => {
    const { admin } = await makeOrganization("Inviting Co");
    const other = await makeOrganization("Other Co");
    const elsewhere = await makeMember(other.organizationId);
    vi.stubEnv("SMTP_URL", url());
    vi.stubEnv("NEXTAUTH_URL", "https://ripple.example");
    vi.resetModules();
    const { createInvite } = await import("@/lib/db/invites");
    const invite = await createInvite(admin, { email: elsewhere.email, role: "EMPLOYEE" });
    expect(invite.emailed).toBe(true);
    const mail = received.filter((m) => m.to === elsewhere.email);
    expect(mail).toHaveLength(1);
    const body = mail[0]!.body.replace(/=\r?\n/g, "");
    expect(body).toMatch(/already has a Ripple account with another organisation/);
    expect(body).not.toContain(invite.path);
    vi.unstubAllEnvs();
  });
});
