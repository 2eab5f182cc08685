import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FilterSelect } from "@/components/forms/filter-selects";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/domain/access";
import { listAuditEvents } from "@/lib/db/admin";
import { AUDIT_CATEGORY_LABEL } from "@/lib/domain/org";
import { AUDIT_CATEGORIES, auditFilterSchema } from "@/lib/validation/admin";
import { parseSearchParams } from "@/lib/validation/search-params";
import { formatDate } from "@/lib/domain/format";
import { timeZoneOf } from "@/lib/domain/actor";

export const metadata: Metadata = { title: "Audit log · Administration" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminAuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!can(actor, "admin.manage")) notFound();
  const raw = await searchParams;
  const filter = parseSearchParams(auditFilterSchema, raw);
  const { events, nextCursor } = await listAuditEvents(actor, filter);
  const older = new URLSearchParams();
  if (filter.category) older.set("category", filter.category);
  if (filter.from) older.set("from", filter.from);
  if (filter.to) older.set("to", filter.to);
  if (nextCursor) older.set("cursor", nextCursor);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Audit log</h1>
        <p className="mt-1 text-muted-foreground">Security-relevant events in your organisation, newest first. Times are UTC.</p>
      </div>
      <form
        method="get"
        action="/admin/audit"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-border bg-card p-4"
        aria-label="Filter the audit log"
      >
        <Field id="audit-category" label="Kind of event" className="w-full sm:w-56">
          <FilterSelect
            name="category"
            value={filter.category}
            anyLabel="All events"
            options={AUDIT_CATEGORIES.map((c) => ({ value: c, label: AUDIT_CATEGORY_LABEL[c] }))}
          />
        </Field>
        <Field id="audit-from" label="From" className="w-full sm:w-44">
          <Input type="date" name="from" defaultValue={filter.from} />
        </Field>
        <Field id="audit-to" label="To" className="w-full sm:w-44">
          <Input type="date" name="to" defaultValue={filter.to} />
        </Field>
        <div className="flex gap-2">
          <Button type="submit">Filter</Button>
          {filter.category || filter.from || filter.to ? (
            <Button asChild variant="outline">
              <Link href="/admin/audit">Clear</Link>
            </Button>
          ) : null}
        </div>
      </form>

      <section aria-labelledby="events-heading" className="space-y-3">
        <h2 id="events-heading" className="sr-only">
          Events
        </h2>
        {events.length ? (
          <ol className="divide-y divide-border rounded-lg border border-border bg-card">
            {events.map((e) => (
              <li key={e.id} className="grid gap-1 p-4 sm:grid-cols-[12rem_1fr] sm:gap-4">
                <time dateTime={e.at.toISOString()} className="text-sm text-muted-foreground">
                  {formatDate(e.at, "dayTime", timeZoneOf(actor))}
                </time>
                <div className="min-w-0 space-y-1">
                  <p className="font-medium">
                    {e.label}
                    {e.targetName ? <span className="font-normal"> · {e.targetName}</span> : null}
                  </p>
                  <p className="break-words text-sm text-muted-foreground">
                    {e.actorName ? `By ${e.actorName}` : "No signed-in person"}
                    {e.subject ? ` · ${e.subject}` : ""}
                  </p>
                  {e.details.length ? (
                    <ul className="text-sm">
                      {e.details.map((d, i) => (
                        <li key={i}>{d}</li>
                      ))}
                    </ul>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-muted-foreground">No events match these filters.</p>
        )}
        {nextCursor ? (
          <p>
            <Link href={`/admin/audit?${older.toString()}`} className="font-medium text-primary underline underline-offset-4">
              Load older events
            </Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
