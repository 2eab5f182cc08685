// Concurrent bursts against the sign-in limits, through next-auth's authorize (the path a
// real sign-in takes), on PGlite and, with TEST_DATABASE_URL, on PostgreSQL. The password
// functions are wrapped (not replaced) so the test can count how many checks really ran.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/platform/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/platform/password")>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword), burnPasswordCheck: vi.fn(real.burnPasswordCheck) };
});

import { authorizeCredentials } from "@/lib/auth/options";
import { burnPasswordCheck, verifyPassword } from "@/lib/platform/password";
import { checkCredentials } from "@/lib/db/auth";
import { getDatabase } from "@/lib/db/registry";
import { SIGN_IN_LIMITS } from "@/lib/domain/rate-limit";
import { makeMember, makeOrganization, PASSWORD, uniqueEmail } from "../factories";

const db = () => getDatabase().prisma;
const where = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite";
/** Password verifications that ran: a real hash checked, or the equal-cost check for an unknown e-mail. */
const verifications = () => vi.mocked(verifyPassword).mock.calls.length + vi.mocked(burnPasswordCheck).mock.calls.length;
const count = (action: string, subject: string) => db().auditEvent.count({ where: { action, subject } });

beforeEach(() => {
  // Every attempt of a burst arrives at the same instant: no backoff expires in the middle of one.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now());
  vi.mocked(verifyPassword).mockClear();
  vi.mocked(burnPasswordCheck).mockClear();
});
afterEach(() => vi.useRealTimers());

type Outcome = "signed in" | "wrong" | "refused";
async function burst(attempts: { email: string; password: string; headers?: Record<string, string> }[]): Promise<Outcome[]> {
  const settled = await Promise.allSettled(attempts.map((a) => authorizeCredentials({ email: a.email, password: a.password }, a.headers ?? {})));
  return settled.map((s) => {
    if (s.status === "rejected") {
      expect(String((s.reason as Error).message)).toMatch(/^RateLimited:\d+$/);
      return "refused";
    }
    return s.value ? "signed in" : "wrong";
  });
}
const tally = (outcomes: Outcome[]) => ({
  "signed in": outcomes.filter((o) => o === "signed in").length,
  wrong: outcomes.filter((o) => o === "wrong").length,
  refused: outcomes.filter((o) => o === "refused").length,
});

describe(`sign-in bursts (${where})`, () => {
  it("30 concurrent wrong passwords for one account: exactly 5 are checked, 25 refused before any check", async () => {
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    const outcomes = await burst(Array.from({ length: 30 }, (_, i) => ({ email: member.email, password: `wrong ${i}` })));
    console.log(`[burst ${where}] 30 concurrent wrong passwords: ${verifications()} checked, ${tally(outcomes).refused} refused`);
    expect(verifications()).toBe(SIGN_IN_LIMITS.account.free);
    expect(tally(outcomes)).toEqual({ "signed in": 0, wrong: 5, refused: 25 });
    expect(await count("auth.sign_in_failed", member.email)).toBe(5);
    expect(await count("auth.sign_in_blocked", member.email)).toBe(25);
  });

  it("20 concurrent attempts, the right password last: 5 checked in all, the right one included or refused", async () => {
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    const attempts = [...Array.from({ length: 19 }, (_, i) => ({ email: member.email, password: `wrong ${i}` })), { email: member.email, password: PASSWORD }];
    const outcomes = await burst(attempts);
    const t = tally(outcomes);
    console.log(
      `[burst ${where}] 19 wrong + 1 right, concurrent: ${verifications()} checked, ${t.wrong} wrong guesses checked, signed in: ${t["signed in"] === 1}`,
    );
    expect(verifications()).toBe(5);
    expect(t.wrong + t["signed in"]).toBe(5);
    expect(t.refused).toBe(15);
    // Whether the right one got one of the 5 places depends on scheduling; either way, no more than 5 guesses were checked.
    expect(t.wrong).toBeLessThanOrEqual(5);
    expect(await count("auth.sign_in_failed", member.email)).toBe(t.wrong);
  });

  it("60 concurrent guesses spread over 60 e-mails from one known address: the address's budget of 100 is never overrun", async () => {
    const address = `2001:db8:b0b:${Math.floor(Math.random() * 0xffff).toString(16)}::1`;
    // Spend 50 of the 100 first, then burst 60: exactly 50 more may be checked.
    for (let i = 0; i < 50; i++) await checkCredentials(uniqueEmail("spent"), "guess", { address, trustedDevice: null });
    vi.mocked(burnPasswordCheck).mockClear();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, () => checkCredentials(uniqueEmail("spray"), "guess", { address, trustedDevice: null })),
    );
    const results = outcomes.map((o) => (o.status === "fulfilled" ? o.value : { ok: false, reason: "error" }));
    expect(verifications()).toBe(50);
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(10);
  });

  it("a burst on one browser's trusted-device limit is counted just as strictly", async () => {
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);
    const trustedDevice = "t".repeat(22);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => checkCredentials(member.email, `wrong ${i}`, { address: null, trustedDevice })));
    expect(verifications()).toBe(SIGN_IN_LIMITS.device.free);
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(7);
  });
});
