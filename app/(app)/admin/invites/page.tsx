import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CreateInviteForm, RevokeInviteButton } from "@/components/admin/invite-forms";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/domain/access";
import { listMembers, listTeams } from "@/lib/db/admin";
import { listInvites } from "@/lib/db/invites";
import { ROLE_LABEL } from "@/lib/domain/roles";
import { emailConfigured } from "@/lib/platform/mailer";
import { formatDate } from "@/lib/domain/format";
import { timeZoneOf } from "@/lib/domain/actor";

export const metadata: Metadata = { title: "Invitations · Administration" };

const STATE = {
  pending: { label: "Pending", variant: "warning" },
  accepted: { label: "Accepted", variant: "success" },
  expired: { label: "Expired", variant: "muted" },
  revoked: { label: "Revoked", variant: "muted" },
} as const;

export default async function AdminInvitesPage() {
  const actor = await requireActor();
  if (!can(actor, "admin.manage")) notFound();
  const [invites, teams, members] = await Promise.all([listInvites(actor), listTeams(actor), listMembers(actor)]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Invitations</h1>
        <p className="mt-1 text-muted-foreground">
          Invite people with a link. Each link works once and expires after 14 days. Many people at once?{" "}
          <Link href="/admin/invites/bulk" className="font-medium text-primary underline underline-offset-4">
            Paste their addresses or a CSV
          </Link>
          .
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Invite someone</CardTitle>
          <CardDescription>Choose their role, team and manager now; you can change them later on the People page.</CardDescription>
        </CardHeader>
        <CardContent>
          <CreateInviteForm
            teams={teams.map((t) => ({ id: t.id, label: `${"\u2014 ".repeat(t.depth)}${t.name}` }))}
            managers={members.filter((m) => m.status === "ACTIVE").map((m) => ({ id: m.id, name: m.name }))}
            emailConfigured={emailConfigured()}
          />
        </CardContent>
      </Card>
      <section aria-labelledby="invites-heading" className="space-y-3">
        <h2 id="invites-heading" className="text-lg font-semibold">
          Sent invitations
        </h2>
        <p className="text-sm text-muted-foreground">For safety, a link is shown only when it is created. If one is lost, revoke it and create a new one.</p>
        {invites.length ? (
          <ul className="space-y-3">
            {invites.map((inv) => {
              const who = inv.email ?? `a new ${ROLE_LABEL[inv.role].toLowerCase()}`;
              const state = STATE[inv.state];
              return (
                <li key={inv.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-border bg-card p-4">
                  <div className="min-w-0 flex-1 space-y-1">
                    <p className="break-all font-medium">{inv.email ?? "Anyone with the link"}</p>
                    <p className="text-sm text-muted-foreground">
                      {ROLE_LABEL[inv.role]}
                      {inv.teamName ? ` · ${inv.teamName}` : ""}
                      {inv.managerName ? ` · reports to ${inv.managerName}` : ""}
                    </p>
                    <p className="text-sm text-muted-foreground">
                      Created by {inv.createdByName} on {formatDate(inv.createdAt, "day", timeZoneOf(actor))} · expires{" "}
                      {formatDate(inv.expiresAt, "day", timeZoneOf(actor))}
                    </p>
                  </div>
                  <Badge variant={state.variant}>{state.label}</Badge>
                  {inv.state === "pending" ? <RevokeInviteButton inviteId={inv.id} who={who} /> : null}
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="text-muted-foreground">No invitations yet.</p>
        )}
      </section>
    </div>
  );
}
