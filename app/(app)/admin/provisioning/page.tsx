import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CopyField, ScimTokenPanel } from "@/components/admin/scim-token-panel";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { getScimTokenStatus } from "@/lib/db/scim";
import { can } from "@/lib/domain/access";
import { timeZoneOf } from "@/lib/domain/actor";
import { formatDate } from "@/lib/domain/format";
import { scimBaseUrl } from "@/lib/server/scim";

export const metadata: Metadata = { title: "Provisioning (SCIM) · Administration" };

export default async function AdminProvisioningPage() {
  const actor = await requireActor();
  if (!can(actor, "admin.manage")) notFound();
  const token = await getScimTokenStatus(actor);
  const zone = timeZoneOf(actor);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Provisioning (SCIM)</h1>
        <p className="mt-1 text-muted-foreground">
          Let your identity provider (Microsoft Entra ID, Okta) create, update and deactivate people in Ripple with SCIM 2.0. A person it deactivates can no
          longer sign in, and their sessions end; their manager and team follow the provider&apos;s <code>manager</code> and <code>department</code>.
        </p>
      </div>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Connection</CardTitle>
          <CardDescription>Paste these two into the provisioning settings of your identity provider.</CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
          <CopyField id="scim-base-url" label="SCIM base URL" value={scimBaseUrl()} hint="Entra ID: Tenant URL. Okta: SCIM connector base URL." />
          <div className="space-y-1 text-sm" aria-live="polite">
            <h3 className="font-medium">Token</h3>
            {token ? (
              <p className="text-muted-foreground">
                <span className="font-mono">{token.prefix}…</span> made {formatDate(token.createdAt, "dayTime", zone)}
                {token.createdByName ? ` by ${token.createdByName}` : ""}.{" "}
                {token.lastUsedAt ? `Last used ${formatDate(token.lastUsedAt, "dayTime", zone)}.` : "Not used yet."}
              </p>
            ) : (
              <p className="text-muted-foreground">No token: provisioning is off. Make one to turn it on.</p>
            )}
          </div>
          <ScimTokenPanel hasToken={token !== null} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">How people are matched</CardTitle>
        </CardHeader>
        <CardContent>
          <ul className="list-disc space-y-1 pl-5 text-sm text-muted-foreground">
            <li>
              <code>userName</code> is the person&apos;s e-mail address, the one they sign in with (map it from <code>userPrincipalName</code> or{" "}
              <code>mail</code>).
            </li>
            <li>
              <code>active</code> false deactivates the person (as Admin › People does); true brings them back. Deleting them deactivates them too.
            </li>
            <li>
              <code>manager</code> sets the reporting line; <code>department</code> sets the team, made if none has that name. Groups are teams: a person is in
              one team at a time.
            </li>
            <li>New people sign in with single sign-on, or set a password with &ldquo;Forgot your password?&rdquo;.</li>
          </ul>
        </CardContent>
      </Card>
    </div>
  );
}
