import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { checkCredentials, findMembershipForEmail } from "@/lib/db/auth";
import { env } from "@/lib/env";
import { signInSchema } from "@/lib/validation/auth";
import { authSecret } from "./secret";
import { parseOidcConfig } from "./oidc";

/** Messages thrown from authorize() reach the sign-in form as `error` codes. */
export const SIGN_IN_ERRORS = {
  CredentialsSignin: "That email and password do not match. Check them and try again.",
  RateLimited: "Too many attempts. Wait a few minutes, then try again.",
  NoAccount: "Your single sign-on account is not a member of an organisation on Ripple yet. Ask your admin for an invite.",
  Default: "We could not sign you in. Try again.",
} as const;

type OidcProfile = { sub: string; email?: string; email_verified?: boolean; name?: string; preferred_username?: string };

function clientAddress(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  return first || null;
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
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = signInSchema.safeParse(credentials ?? {});
          if (!parsed.success) return null;
          const result = await checkCredentials(parsed.data.email, parsed.data.password, clientAddress(req?.headers));
          if (!result.ok) {
            if (result.reason === "rate_limited") throw new Error("RateLimited");
            return null;
          }
          return { id: result.userId, membershipId: result.membershipId };
        },
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
        user.id = found.userId;
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.mid = user.membershipId;
        }
        return token;
      },
      async session({ session, token }) {
        // The session carries ids only; who the person is, and their role, is loaded per request.
        return { expires: session.expires, user: { id: token.sub, membershipId: token.mid } };
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
