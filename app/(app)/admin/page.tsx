import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MemberRow } from "@/components/admin/member-row";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/domain/access";
import { listMembers, listTeams } from "@/lib/db/admin";

export const metadata: Metadata = { title: "People · Administration" };

export default async function AdminMembersPage() {
  const actor = await requireActor();
  if (!can(actor, "admin.manage")) notFound();
  const [members, teams] = await Promise.all([listMembers(actor), listTeams(actor)]);
  const teamOptions = teams.map((t) => ({ id: t.id, label: `${"\u2014 ".repeat(t.depth)}${t.name}` }));
  const managers = members.filter((m) => m.status === "ACTIVE").map((m) => ({ id: m.id, name: m.name }));
  const active = members.filter((m) => m.status === "ACTIVE");
  const inactive = members.filter((m) => m.status !== "ACTIVE");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">People</h1>
        <p className="mt-1 text-muted-foreground">
          Set each person&apos;s role, team and manager (their reporting line). To add people,{" "}
          <Link href="/admin/invites" className="font-medium text-primary underline underline-offset-4">
            invite them
          </Link>
          .
        </p>
      </div>
      <section aria-labelledby="active-heading" className="space-y-3">
        <h2 id="active-heading" className="text-lg font-semibold">
          Active ({active.length})
        </h2>
        <ul className="space-y-3">
          {active.map((m) => (
            <MemberRow key={m.id} member={m} teams={teamOptions} managers={managers} />
          ))}
        </ul>
      </section>
      {inactive.length ? (
        <section aria-labelledby="inactive-heading" className="space-y-3">
          <h2 id="inactive-heading" className="text-lg font-semibold">
            Deactivated ({inactive.length})
          </h2>
          <ul className="space-y-3">
            {inactive.map((m) => (
              <MemberRow key={m.id} member={m} teams={teamOptions} managers={managers} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
