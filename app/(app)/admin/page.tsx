import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { PeopleTable } from "@/components/admin/member-row";
import { FilterSelect } from "@/components/forms/filter-selects";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/domain/access";
import { listManagerChoices, listTeams, searchMembers } from "@/lib/db/admin";
import { ROLE_LABEL, ROLES } from "@/lib/domain/roles";
import { peopleFilterSchema, type PeopleFilter } from "@/lib/validation/admin";
import { nonCanonicalQuery, parseSearchParams, type SetParams } from "@/lib/validation/search-params";

export const metadata: Metadata = { title: "People · Administration" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const STATUS_OPTIONS = [
  { value: "active", label: "Active" },
  { value: "deactivated", label: "Deactivated" },
];

function queryFor(filter: SetParams<PeopleFilter>, page: number): string {
  const q = new URLSearchParams();
  if (filter.q) q.set("q", filter.q);
  if (filter.role) q.set("role", filter.role.toLowerCase());
  if (filter.team) q.set("team", filter.team);
  if (filter.status) q.set("status", filter.status);
  if (page > 1) q.set("page", String(page));
  return q.toString();
}

function hrefFor(filter: SetParams<PeopleFilter>, page: number): string {
  const s = queryFor(filter, page);
  return s ? `/admin?${s}` : "/admin";
}

export default async function AdminMembersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!can(actor, "admin.manage")) notFound();
  const raw = await searchParams;
  const filter = parseSearchParams(peopleFilterSchema, raw);
  // A GET form sends empty fields: the address people share is the clean one.
  const canonical = nonCanonicalQuery(raw, queryFor(filter, filter.page ?? 1));
  if (canonical !== null) redirect(canonical ? `/admin?${canonical}` : "/admin");
  const [result, teams, managers] = await Promise.all([searchMembers(actor, filter), listTeams(actor), listManagerChoices(actor)]);
  const teamOptions = teams.map((t) => ({ id: t.id, label: `${"\u2014 ".repeat(t.depth)}${t.name}` }));
  const filtered = Boolean(filter.q || filter.role || filter.team || filter.status);
  const first = (result.page - 1) * result.pageSize + 1;
  const last = first + result.members.length - 1;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">People</h1>
          <p className="mt-1 text-muted-foreground">Find anyone by name or e-mail; edit their role, team and manager (their reporting line).</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button asChild>
            <Link href="/admin/invites/bulk">Invite people</Link>
          </Button>
        </div>
      </div>
      <form
        method="get"
        action="/admin"
        role="search"
        aria-label="Find people"
        className="grid grid-cols-2 items-end gap-3 rounded-lg border border-border bg-card p-3 sm:p-4 lg:flex lg:flex-wrap"
      >
        <Field id="people-q" label="Name or e-mail" className="col-span-2 lg:w-64">
          <Input type="search" name="q" defaultValue={filter.q ?? ""} autoComplete="off" maxLength={100} />
        </Field>
        <Field id="people-role" label="Role" className="lg:w-40">
          <FilterSelect
            name="role"
            value={filter.role?.toLowerCase()}
            anyLabel="Any role"
            options={ROLES.map((r) => ({ value: r.toLowerCase(), label: ROLE_LABEL[r] }))}
          />
        </Field>
        <Field id="people-team" label="Team" className="lg:w-48">
          <FilterSelect
            name="team"
            value={filter.team}
            anyLabel="Any team"
            options={[{ value: "none", label: "No team" }, ...teamOptions.map((t) => ({ value: t.id, label: t.label }))]}
          />
        </Field>
        <Field id="people-status" label="Status" className="lg:w-40">
          <FilterSelect name="status" value={filter.status} anyLabel="Any status" options={STATUS_OPTIONS} />
        </Field>
        <div className="flex gap-2">
          <Button type="submit">Search</Button>
          {filtered ? (
            <Button asChild variant="outline">
              <Link href="/admin">Clear</Link>
            </Button>
          ) : null}
        </div>
      </form>

      <section aria-labelledby="people-heading" className="space-y-3">
        <h2 id="people-heading" className="text-lg font-semibold" aria-live="polite">
          {result.total === 0
            ? filtered
              ? "Nobody matches"
              : "Nobody yet"
            : `${result.total.toLocaleString("en-GB")} ${result.total === 1 ? "person" : "people"}${result.pages > 1 ? ` · showing ${first.toLocaleString("en-GB")}–${last.toLocaleString("en-GB")}` : ""}`}
        </h2>
        {result.members.length ? (
          <PeopleTable members={result.members} teams={teamOptions} managers={managers} />
        ) : (
          <p className="text-muted-foreground">{filtered ? "Try another name, or clear the filters." : "Invite people to get started."}</p>
        )}
        {result.pages > 1 ? (
          <nav aria-label="Pages of people" className="flex flex-wrap items-center justify-between gap-2">
            {result.page > 1 ? (
              <Button asChild variant="outline">
                <Link href={hrefFor(filter, result.page - 1)} rel="prev">
                  Previous<span className="sr-only"> page of people</span>
                </Link>
              </Button>
            ) : (
              <span />
            )}
            <p className="text-sm text-muted-foreground">
              Page {result.page} of {result.pages}
            </p>
            {result.page < result.pages ? (
              <Button asChild variant="outline">
                <Link href={hrefFor(filter, result.page + 1)} rel="next">
                  Next<span className="sr-only"> page of people</span>
                </Link>
              </Button>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
