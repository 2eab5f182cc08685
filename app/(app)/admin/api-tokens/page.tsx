import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CreateTokenForm, TokenList } from "@/components/api-tokens/api-tokens";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { listOrganizationApiTokens } from "@/lib/db/api-tokens";
import { can } from "@/lib/domain/access";
import { timeZoneOf } from "@/lib/domain/actor";
import { grantableScopes } from "@/lib/domain/api-tokens";

export const metadata: Metadata = { title: "API tokens · Administration" };

export default async function AdminApiTokensPage() {
  const actor = await requireActor();
  if (!can(actor, "admin.manage")) notFound();
  const tokens = await listOrganizationApiTokens(actor);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">API tokens</h1>
        <p className="mt-1 text-muted-foreground">
          Every token of the organisation, personal or not, with its last use. An organisation token acts as the admin who creates it, limited by its scopes: it
          sees what that admin sees (never another person&apos;s private story) and stops working if they stop administering.{" "}
          <a className="font-medium text-primary underline underline-offset-4" href="/developers">
            API reference
          </a>
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle as="h2">New organisation token</CardTitle>
          <CardDescription>For a system of the organisation (an HR system, a data warehouse). Shown once.</CardDescription>
        </CardHeader>
        <CardContent>
          <CreateTokenForm scopes={grantableScopes(actor)} kind="ORGANIZATION" />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h2">All tokens</CardTitle>
        </CardHeader>
        <CardContent>
          <TokenList
            showOwner
            tokens={tokens.map((t) => ({
              ...t,
              createdAt: t.createdAt.toISOString(),
              expiresAt: t.expiresAt.toISOString(),
              lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
            }))}
            timeZone={timeZoneOf(actor)}
          />
        </CardContent>
      </Card>
    </div>
  );
}
