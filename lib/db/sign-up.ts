import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { prisma } from "./client";
import { ExpectedError } from "@/lib/platform/errors";
import { createOrganizationWithAdmin, insertOrganizationWithAdmin, isUniqueViolation } from "./organizations";
import { limitKey, reserveAttempt, type Limit } from "./rate-limit";
import { hashPassword } from "@/lib/platform/password";
import { addressLimitKey } from "@/lib/domain/forwarded";
import { describeWait, SIGN_UP_LIMITS } from "@/lib/domain/rate-limit";
import { publicUrl } from "@/lib/platform/env";
import { now } from "@/lib/platform/clock";
import { logger } from "@/lib/platform/logger";
import { emailConfigured, sendMail } from "@/lib/platform/mailer";
import type { SignUpInput } from "@/lib/validation/auth";

/** How long the link in a sign-up confirmation e-mail works. */
export const SIGN_UP_LINK_HOURS = 24;

/**
 * created: the organisation exists and the person can sign in now (e-mail not configured).
 * check_email: an e-mail went to the address (or would have, see the recipient limit); the
 * same answer whether or not the address already has an account.
 */
export type SignUpOutcome = { status: "created" | "check_email"; email: string };

export const GLOBAL_SIGN_UP_KEY = limitKey("signup:global", "all");

function signUpLimits(address: string | null): Limit[] {
  return [
    { key: GLOBAL_SIGN_UP_KEY, policy: SIGN_UP_LIMITS.global },
    ...(address ? [{ key: limitKey("signup:address", addressLimitKey(address)), policy: SIGN_UP_LIMITS.address }] : []),
  ];
}

function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function signUpConfirmPath(token: string): string {
  return `/sign-up/confirm/${token}`;
}

/**
 * Sign-up from the public page. Throttled per address (when known) and for everyone together.
 *
 * With e-mail configured, nothing is created yet and the answer never tells whether the
 * address already has an account: a new address gets a link to confirm it and finish; an
 * address with an account gets a note that someone tried. Without e-mail there is no way to
 * reach the address's owner, so the organisation is created at once, and a taken address
 * has to be refused (the README says so, and advises SMTP for a public sign-up page).
 */
export async function signUp(input: SignUpInput, ctx: { address: string | null }): Promise<SignUpOutcome> {
  const at = now();
  const reservation = await reserveAttempt(signUpLimits(ctx.address), at);
  if (!reservation.allowed) {
    const wait = describeWait(reservation.retryAfterSeconds);
    throw new ExpectedError(
      "rate_limited",
      reservation.blocked.includes(GLOBAL_SIGN_UP_KEY)
        ? `Ripple is not taking new organisations for a few minutes: many were created in the last hour. Try again in ${wait}.`
        : `Too many organisations were created from your network in the last hour. Try again in ${wait}.`,
    );
  }
  if (!emailConfigured()) {
    await createOrganizationWithAdmin(input);
    return { status: "created", email: input.email };
  }

  // Both branches hash the password and write nothing the requester can observe.
  const [existing, passwordHash] = await Promise.all([
    prisma().user.findUnique({ where: { email: input.email }, select: { id: true } }),
    hashPassword(input.password),
  ]);
  let mail: { subject: string; text: string };
  if (existing) {
    mail = {
      subject: "Someone tried to create a Ripple account with your address",
      text: [
        "Someone asked to create a new organisation on Ripple with this e-mail address. It already has a Ripple account, so nothing was created and your account is unchanged.",
        "",
        `If it was you: sign in at ${publicUrl()}/sign-in. For now, one account belongs to one organisation.`,
        "",
        "If it was not you, you can ignore this e-mail.",
      ].join("\n"),
    };
  } else {
    await prunePendingSignUps(at);
    const token = randomBytes(32).toString("base64url");
    await prisma().pendingSignUp.create({
      data: {
        email: input.email,
        name: input.name,
        organizationName: input.organizationName,
        passwordHash,
        tokenHash: hashToken(token),
        createdAt: at,
        expiresAt: new Date(at.getTime() + SIGN_UP_LINK_HOURS * 3_600_000),
      },
    });
    mail = {
      subject: "Confirm your e-mail address to create your organisation on Ripple",
      text: [
        "Someone (we hope you) asked to create a new organisation on Ripple with this e-mail address.",
        "",
        `To create it, open this link within ${SIGN_UP_LINK_HOURS} hours: ${publicUrl()}${signUpConfirmPath(token)}`,
        "",
        "If it was not you, ignore this e-mail: nothing is created without it.",
      ].join("\n"),
    };
  }
  // One address receives only a few of these an hour, whoever asks: no flooding an inbox.
  const toRecipient = await reserveAttempt([{ key: limitKey("signup:recipient", input.email), policy: SIGN_UP_LIMITS.recipient }], at);
  if (toRecipient.allowed) {
    try {
      await sendMail({ to: input.email, ...mail });
    } catch (error) {
      logger.error({ err: error instanceof Error ? error.name : "unknown" }, "sign-up e-mail not sent");
      throw new ExpectedError("conflict", "We could not send the e-mail just now. Try again in a moment.");
    }
  }
  return { status: "check_email", email: input.email };
}

async function pendingByToken(token: string, at: Date) {
  if (!token || token.length > 200) return null;
  return prisma().pendingSignUp.findFirst({
    where: { tokenHash: hashToken(token), expiresAt: { gt: at } },
    select: { id: true, email: true, name: true, organizationName: true, passwordHash: true },
  });
}

/** PUBLIC: what the confirmation page shows, or null for a link that is unknown, used or expired. */
export async function getPendingSignUp(token: string): Promise<{ email: string; name: string; organizationName: string } | null> {
  const p = await pendingByToken(token, now());
  return p ? { email: p.email, name: p.name, organizationName: p.organizationName } : null;
}

const invalidLink = () => new ExpectedError("not_found", "This link is no longer valid. Sign up again to get a new one.");

/** PUBLIC: the address is confirmed (its owner opened the link): create the organisation, once. */
export async function confirmSignUp(token: string): Promise<{ email: string; organizationId: string }> {
  const at = now();
  const pending = await pendingByToken(token, at);
  if (!pending) throw invalidLink();
  const created = await prisma()
    .$transaction(
      async (tx) => {
        const claimed = await tx.pendingSignUp.deleteMany({ where: { id: pending.id, expiresAt: { gt: at } } });
        if (claimed.count !== 1) throw invalidLink();
        // Other requests for the same address are settled by this one.
        await tx.pendingSignUp.deleteMany({ where: { email: pending.email } });
        return insertOrganizationWithAdmin(tx, pending);
      },
      { maxWait: 15_000, timeout: 15_000 },
    )
    .catch((error: unknown) => {
      // The owner of the mailbox is asking: telling them their address has an account is no leak.
      if (isUniqueViolation(error)) throw new ExpectedError("conflict", "This e-mail address already has a Ripple account. Sign in instead.");
      throw error;
    });
  return { email: pending.email, organizationId: created.organizationId };
}

/** Sign-ups never confirmed are of no use once their link has expired. */
export async function prunePendingSignUps(at: Date): Promise<number> {
  const { count } = await prisma().pendingSignUp.deleteMany({ where: { expiresAt: { lt: at } } });
  return count;
}
