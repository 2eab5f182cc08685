import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CreateTeamForm, TeamRow } from "@/components/admin/team-manager";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/domain/access";
import { listTeams } from "@/lib/db/admin";

export const metadata: Metadata = { title: "Teams · Administration" };

export default async function AdminTeamsPage() {
  const actor = await requireActor();
  if (!can(actor, "admin.manage")) notFound();
  const teams = await listTeams(actor);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Teams</h1>
        <p className="mt-1 text-muted-foreground">Teams may nest. Stories shared with a team are seen by everyone in that team.</p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle as="h2">New team</CardTitle>
          <CardDescription>Put it inside another team to make it a sub-team.</CardDescription>
        </CardHeader>
        <CardContent>
          <CreateTeamForm teams={teams} />
        </CardContent>
      </Card>
      <section aria-labelledby="teams-heading" className="space-y-3">
        <h2 id="teams-heading" className="text-lg font-semibold">
          All teams ({teams.length})
        </h2>
        {teams.length ? (
          <ul className="space-y-3">
            {teams.map((t) => (
              <TeamRow key={t.id} team={t} teams={teams} />
            ))}
          </ul>
        ) : (
          <p className="text-muted-foreground">No teams yet.</p>
        )}
      </section>
    </div>
  );
}
