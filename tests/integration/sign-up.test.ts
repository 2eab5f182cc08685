// Sign-up from the public page: throttled per address and for everyone; with e-mail
// configured, an answer that never tells whether the address already has an account.
// The only file that signs up through signUp(): it owns the instance-wide limit's row.
import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { checkCredentials } from "@/lib/db/auth";
import { ExpectedError } from "@/lib/platform/errors";
import { getDatabase } from "@/lib/db/registry";
import { GLOBAL_SIGN_UP_KEY, signUp } from "@/lib/db/sign-up";
import { SIGN_UP_LIMITS } from "@/lib/domain/rate-limit";
import type { SignUpInput } from "@/lib/validation/auth";
import { makeOrganization, uniqueEmail } from "../factories";
import { useSmtpServer } from "../support/smtp";
import { rejectionOf } from "../support/assertions";

const db = () => getDatabase().prisma;
const input = (o: Partial<SignUpInput> = {}): SignUpInput => ({
  organizationName: `Org ${randomUUID().slice(0, 8)}`,
  name: "Sam Founder",
  email: uniqueEmail("founder"),
  password: "a long enough password",
  ...o,
});
const address = () => `2001:db8:5:${randomBytes(2).toString("hex")}::1`;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now());
  // The instance-wide budget is one row for everyone: each test starts from a full budget.
  await db().rateLimit.deleteMany({ where: { key: GLOBAL_SIGN_UP_KEY } });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe("sign-up without e-mail configured", () => {
  it("creates the organisation at once, for its first person to sign in", async () => {
    const i = input();
    expect(await signUp(i, { address: null })).toEqual({ status: "created", email: i.email });
    expect(await db().organization.count({ where: { name: i.organizationName } })).toBe(1);
    expect(await checkCredentials(i.email, i.password, null)).toMatchObject({ ok: true });
  });

  it("allows 5 from one address in a burst, then one every 12 minutes, with a clear message; other addresses go on", async () => {
    const from = address();
    for (let n = 0; n < SIGN_UP_LIMITS.address.capacity; n++) expect((await signUp(input(), { address: from })).status).toBe("created");
    const sixth = input();
    const error = await rejectionOf(signUp(sixth, { address: from }));
    expect(error).toMatchObject({
      code: "rate_limited",
      message: "Too many organisations were created from your network in the last hour. Try again in 12 minutes.",
    });
    expect(await db().organization.count({ where: { name: sixth.organizationName } })).toBe(0);
    expect(await db().user.count({ where: { email: sixth.email } })).toBe(0);
    expect((await signUp(input(), { address: address() })).status).toBe("created");
    vi.setSystemTime(Date.now() + SIGN_UP_LIMITS.address.refillMs);
    expect((await signUp(sixth, { address: from })).status).toBe("created");
  });

  it("holds the instance-wide limit of 30, even when no address is known, under a concurrent burst", async () => {
    const burst = Array.from({ length: SIGN_UP_LIMITS.global.capacity + 4 }, () => input());
    const results = await Promise.allSettled(burst.map((i) => signUp(i, { address: null })));
    const created = results.filter((r) => r.status === "fulfilled");
    const limited = results.filter((r) => r.status === "rejected" && (r.reason as ExpectedError).code === "rate_limited");
    expect(created).toHaveLength(30);
    expect(limited).toHaveLength(4);
    expect((limited[0] as PromiseRejectedResult).reason.message).toBe(
      "Ripple is not taking new organisations for a few minutes: many were created in the last hour. Try again in 2 minutes.",
    );
    expect(await db().organization.count({ where: { name: { in: burst.map((i) => i.organizationName) } } })).toBe(30);
  }, 120_000);

  it("refuses a taken address (without e-mail there is no one else to tell; see the README)", async () => {
    const { admin } = await makeOrganization();
    const error = await rejectionOf(signUp(input({ email: admin.email }), { address: null }));
    expect(error).toMatchObject({ code: "conflict" });
  });
});

describe("sign-up with e-mail configured", () => {
  const { received, url } = useSmtpServer();
  async function withSmtp() {
    vi.stubEnv("SMTP_URL", url());
    vi.stubEnv("NEXTAUTH_URL", "https://ripple.example");
    vi.resetModules();
    return import("@/lib/db/sign-up");
  }
  const mailTo = (email: string) => received.filter((m) => m.to === email).map((m) => m.body.replace(/=\r?\n/g, "").replace(/=3D/g, "="));

  it("answers a new address and one with an account in another organisation alike, and creates nothing yet", async () => {
    const { signUp: signUpWithMail } = await withSmtp();
    const { admin } = await makeOrganization("Their Org");
    const fresh = input();
    const taken = input({ email: admin.email });
    const a = await signUpWithMail(fresh, { address: null });
    const b = await signUpWithMail(taken, { address: null });
    expect(a).toEqual({ status: "check_email", email: fresh.email });
    expect(b).toEqual({ status: "check_email", email: taken.email });
    for (const i of [fresh, taken]) expect(await db().organization.count({ where: { name: i.organizationName } })).toBe(0);
    expect(await db().user.count({ where: { email: fresh.email } })).toBe(0);
    expect(await db().pendingSignUp.count({ where: { email: taken.email } })).toBe(0);

    // Each address's owner learns what happened; nobody else does.
    const [toFresh] = mailTo(fresh.email);
    expect(toFresh).toMatch(/https:\/\/ripple\.example\/sign-up\/confirm\/[A-Za-z0-9_-]{43}/);
    const [toTaken] = mailTo(taken.email);
    expect(toTaken).toMatch(/already has a Ripple account, so nothing was created/);
    expect(toTaken).not.toMatch(/sign-up\/confirm/);
    // Neither e-mail carries text the requester typed (the organisation's name could be a lure).
    expect(toFresh).not.toContain(fresh.organizationName);
    expect(toTaken).not.toContain(taken.organizationName);
  });

  it("creates the organisation once its address's owner uses the link, and only once", async () => {
    const m = await withSmtp();
    const i = input();
    await m.signUp(i, { address: null });
    const token = /sign-up\/confirm\/([A-Za-z0-9_-]{43})/.exec(mailTo(i.email)[0]!)![1]!;
    expect(await m.getPendingSignUp(token)).toEqual({ email: i.email, name: i.name, organizationName: i.organizationName });

    expect(await m.confirmSignUp(token)).toMatchObject({ email: i.email });
    expect(await db().organization.count({ where: { name: i.organizationName } })).toBe(1);
    expect(await checkCredentials(i.email, i.password, null)).toMatchObject({ ok: true });
    expect(await m.getPendingSignUp(token)).toBeNull();
    expect(await rejectionOf(m.confirmSignUp(token))).toMatchObject({ code: "not_found" });
    expect(await db().pendingSignUp.count({ where: { email: i.email } })).toBe(0);
  });

  it("lets a link expire after a day", async () => {
    const m = await withSmtp();
    const i = input();
    await m.signUp(i, { address: null });
    const token = /sign-up\/confirm\/([A-Za-z0-9_-]{43})/.exec(mailTo(i.email)[0]!)![1]!;
    vi.setSystemTime(Date.now() + 24 * 3600 * 1000 + 1000);
    expect(await m.getPendingSignUp(token)).toBeNull();
    expect(await rejectionOf(m.confirmSignUp(token))).toMatchObject({ code: "not_found" });
  });

  it("sends one address at most 3 of these e-mails an hour, whoever asks, and answers the same", async () => {
    const { signUp: signUpWithMail } = await withSmtp();
    const { admin } = await makeOrganization();
    for (let n = 0; n < 5; n++) {
      expect(await signUpWithMail(input({ email: admin.email }), { address: address() })).toEqual({ status: "check_email", email: admin.email });
    }
    expect(mailTo(admin.email)).toHaveLength(3);
  });
});
