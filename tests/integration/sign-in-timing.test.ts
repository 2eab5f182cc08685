// An unknown e-mail must cost what a wrong password costs: one argon2id verification. Checked
// through next-auth's authorize (the real sign-in path) two ways: structurally (the checks
// that ran, which cannot be flaky), and by timing medians over interleaved tries (printed,
// with a bound loose enough for a loaded machine and tight enough to catch a shortcut: a
// path that skips argon2 answers in a few milliseconds, a tenth of one that runs it).
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/platform/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/platform/password")>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword), burnPasswordCheck: vi.fn(real.burnPasswordCheck) };
});

import { authorizeCredentials } from "@/lib/auth/options";
import { burnPasswordCheck, verifyPassword } from "@/lib/platform/password";
import { makeMember, makeOrganization, uniqueEmail } from "../factories";

const TRIES = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

beforeEach(() => {
  vi.mocked(verifyPassword).mockClear();
  vi.mocked(burnPasswordCheck).mockClear();
});

describe("the unknown-e-mail path", () => {
  it("runs one full password verification, with the password typed, like a wrong password does", async () => {
    const { organizationId } = await makeOrganization();
    const member = await makeMember(organizationId);

    expect(await authorizeCredentials({ email: uniqueEmail("nobody"), password: "typed guess" }, {})).toBeNull();
    expect(vi.mocked(burnPasswordCheck).mock.calls).toEqual([["typed guess"]]);
    expect(vi.mocked(verifyPassword)).not.toHaveBeenCalled();
    // burnPasswordCheck verifies against a real argon2id hash made with the same parameters.
    const burnt = await vi.mocked(burnPasswordCheck).mock.results[0]!.value;
    expect(burnt).toBeUndefined();

    vi.mocked(burnPasswordCheck).mockClear();
    expect(await authorizeCredentials({ email: member.email, password: "typed guess" }, {})).toBeNull();
    expect(vi.mocked(verifyPassword).mock.calls).toEqual([[expect.stringMatching(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/), "typed guess"]]);
    expect(vi.mocked(burnPasswordCheck)).not.toHaveBeenCalled();
  });

  it("takes as long as a wrong password: medians over interleaved tries", async () => {
    const { organizationId } = await makeOrganization();
    // One account per try, so that no try waits on another's backoff.
    const members = await Promise.all(Array.from({ length: TRIES }, () => makeMember(organizationId)));
    // Warm up both paths (the equal-cost check makes its reference hash once).
    await authorizeCredentials({ email: uniqueEmail("warm"), password: "warm up" }, {});
    await authorizeCredentials({ email: (await makeMember(organizationId)).email, password: "warm up" }, {});

    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < TRIES; i++) {
      // Alternate which goes first, so a change in the machine's load falls on both alike.
      const order = i % 2 ? (["unknown", "wrong"] as const) : (["wrong", "unknown"] as const);
      for (const kind of order) {
        const email = kind === "unknown" ? uniqueEmail("nobody") : members[i]!.email;
        const started = performance.now();
        expect(await authorizeCredentials({ email, password: `guess ${i}` }, {})).toBeNull();
        (kind === "unknown" ? unknown : wrong).push(performance.now() - started);
      }
    }
    const mUnknown = median(unknown);
    const mWrong = median(wrong);
    console.log(
      `[timing] over ${TRIES} tries each: unknown e-mail median ${mUnknown.toFixed(1)} ms, wrong password median ${mWrong.toFixed(1)} ms (ratio ${(mUnknown / mWrong).toFixed(2)})`,
    );
    expect(vi.mocked(burnPasswordCheck)).toHaveBeenCalledTimes(TRIES + 1);
    expect(vi.mocked(verifyPassword)).toHaveBeenCalledTimes(TRIES + 1);
    expect(mUnknown / mWrong).toBeGreaterThan(0.5);
    expect(mUnknown / mWrong).toBeLessThan(2);
  });
});
