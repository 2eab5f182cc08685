import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { checkCredentials, findMembershipForEmail, signOutSession } from "@/lib/db/auth";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/db/sessions";
import { trustedClientAddress } from "@/lib/domain/forwarded";
import { env } from "@/lib/platform/env";
import { signInSchema } from "@/lib/validation/auth";
import { DEVICE_COOKIE_MAX_AGE_SECONDS, deviceCookieName, newDeviceId, readCookie, signDevice, verifyDevice } from "./device";
import { authSecret } from "@/lib/platform/secret";
import { parseOidcConfig } from "./oidc";

/**
 * Messages thrown from authorize() reach the sign-in form as `error` codes. "RateLimited"
 * comes as "RateLimited:<seconds>", and the form says how long to wait.
 */
export const SIGN_IN_ERRORS = {
  CredentialsSignin: "That email and password do not match. Check them and try again.",
  RateLimited: "Too many attempts. Wait a moment, then try again.",
  NoAccount: "Your single sign-on account is not a member of an organisation on Ripple yet. Ask your admin for an invite.",
  Default: "We could not sign you in. Try again.",
} as const;

type OidcProfile = { sub: string; email?: string; email_verified?: boolean; name?: string; preferred_username?: string };

/** Only what trusted proxies wrote counts (TRUSTED_PROXY_HOPS); with none, the address is unknown. */
function clientAddress(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  return trustedClientAddress(typeof forwarded === "string" ? forwarded : null, env().TRUSTED_PROXY_HOPS);
}

/** Cookies over HTTPS only when Ripple is served over HTTPS (as next-auth decides for its own). */
function secureCookies(): boolean {
  return (env().NEXTAUTH_URL ?? "").startsWith("https://");
}

/** Gives this browser the trusted-device cookie for the account that just signed in. */
async function rememberDevice(deviceId: string, email: string): Promise<void> {
  const secure = secureCookies();
  try {
    const { cookies } = await import("next/headers");
    (await cookies()).set(deviceCookieName(secure), signDevice(authSecret(), deviceId, email), {
      httpOnly: true,
      secure,
      sameSite: "lax",
      path: "/",
      maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
    });
  } catch {
    // Outside a request (tests call authorize directly): there is no browser to remember.
  }
}

/** next-auth's credentials check: parse, throttle and verify, open a session, remember the device. */
export async function authorizeCredentials(credentials: Record<string, unknown> | undefined, headers: Record<string, unknown> | undefined) {
  const parsed = signInSchema.safeParse(credentials ?? {});
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const cookie = readCookie(typeof headers?.cookie === "string" ? headers.cookie : null, deviceCookieName(secureCookies()));
  const trustedDevice = verifyDevice(authSecret(), cookie, email);
  const result = await checkCredentials(email, password, { address: clientAddress(headers), trustedDevice });
  if (!result.ok) {
    if (result.reason === "rate_limited") throw new Error(`RateLimited:${result.retryAfterSeconds}`);
    return null;
  }
  await rememberDevice(trustedDevice ?? newDeviceId(), email);
  return { id: result.userId, membershipId: result.membershipId, organizationId: result.organizationId, sessionId: result.sessionId };
}

function oidcProvider(): OAuthConfig<OidcProfile>[] {
  const config = parseOidcConfig(env());
  if (!config) return [];
  return [
    {
      id: "oidc",
      name: config.displayName,
      type: "oauth",
      wellKnown: config.wellKnown,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile) {
        return { id: profile.sub, email: profile.email?.toLowerCase() ?? null, name: profile.name ?? profile.preferred_username ?? profile.email ?? null };
      },
    },
  ];
}

export function ssoProvider(): { id: string; name: string } | null {
  const config = parseOidcConfig(env());
  return config ? { id: "oidc", name: config.displayName } : null;
}

let options: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  options ??= {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials, req) => authorizeCredentials(credentials, req?.headers),
      }),
      ...oidcProvider(),
    ],
    callbacks: {
      async signIn({ account, profile, user }) {
        if (account?.provider !== "oidc") return true;
        const p = profile as OidcProfile | undefined;
        const email = (p?.email ?? user.email ?? "").toLowerCase();
        if (!email || p?.email_verified === false) return "/sign-in?error=NoAccount";
        const found = await findMembershipForEmail(email);
        if (!found) return "/sign-in?error=NoAccount";
        user.membershipId = found.membershipId;
        user.organizationId = found.organizationId;
        user.sessionId = found.sessionId;
        user.id = found.userId;
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.mid = user.membershipId;
          token.oid = user.organizationId;
          token.sid = user.sessionId;
        }
        return token;
      },
      async session({ session, token }) {
        // The session carries ids only; who the person is, their role, and whether the
        // session is still open are loaded per request (lib/auth/session.ts).
        return { expires: session.expires, user: { id: token.sub, membershipId: token.mid, organizationId: token.oid, sessionId: token.sid } };
      },
    },
    events: {
      async signOut({ token }) {
        // Ends the session server-side: a copy of the cookie taken before is worth nothing now.
        // (A failure here is logged by next-auth as SIGNOUT_ERROR.)
        if (!token?.sid || !token.sub || !token.mid || !token.oid) return;
        await signOutSession({ sessionId: token.sid, userId: token.sub, membershipId: token.mid, organizationId: token.oid });
      },
    },
    logger: {
      error(code) {
        console.error(JSON.stringify({ level: 50, app: "ripple", msg: "next-auth error", code }));
      },
      warn(code) {
        if (code !== "DEBUG_ENABLED") console.warn(JSON.stringify({ level: 40, app: "ripple", msg: "next-auth warning", code }));
      },
      debug() {},
    },
  };
  return options;
}
