// Enterprise single sign-on through a generic OpenID Connect provider, enabled by three
// environment variables. Parsing is pure and tested; either all are set or none.
import { z } from "zod";

export type OidcConfig = { issuer: string; clientId: string; clientSecret: string; displayName: string; wellKnown: string };

const configSchema = z.object({
  issuer: z.url({ protocol: /^https?$/, message: "OIDC_ISSUER must be the issuer's URL, like https://login.example.com/realms/acme" }),
  clientId: z.string().min(1, "OIDC_CLIENT_ID is empty"),
  clientSecret: z.string().min(1, "OIDC_CLIENT_SECRET is empty"),
  displayName: z.string().trim().min(1, "OIDC_DISPLAY_NAME is empty").max(60, "OIDC_DISPLAY_NAME must be at most 60 characters"),
});

/** Returns null when single sign-on is off; throws a readable error when half-configured. */
export function parseOidcConfig(e: {
  OIDC_ISSUER?: string | undefined;
  OIDC_CLIENT_ID?: string | undefined;
  OIDC_CLIENT_SECRET?: string | undefined;
  OIDC_DISPLAY_NAME?: string | undefined;
}): OidcConfig | null {
  const values = { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET };
  const set = Object.entries(values).filter(([, v]) => v);
  if (set.length === 0) return null;
  if (set.length < 3) {
    const missing = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"].filter((_, i) => !Object.values(values)[i]);
    throw new Error(`Single sign-on is half configured: set ${missing.join(" and ")} too, or unset all OIDC_ variables.`);
  }
  const parsed = configSchema.safeParse({ ...values, displayName: e.OIDC_DISPLAY_NAME ?? "Single sign-on" });
  if (!parsed.success) throw new Error(`Single sign-on settings: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  const issuer = parsed.data.issuer.replace(/\/+$/, "");
  return { ...parsed.data, issuer, wellKnown: `${issuer}/.well-known/openid-configuration` };
}
