import { ChannelSelect, CycleSelect, FilterSelect } from "@/components/forms/filter-selects";
import type { Metadata } from "next";
import Link from "next/link";
import { FiltersDisclosure } from "@/components/stories/filters-disclosure";
import { ValueChain } from "@/components/stories/value-chain";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Input } from "@/components/ui/input";
import { requireActor } from "@/lib/auth/session";
import { listChannels } from "@/lib/db/catalogue";
import { sharedReflections, teamFeed } from "@/lib/db/review";
import { formatFigure } from "@/lib/domain/figures";
import { weekLabel } from "@/lib/domain/week";
import { teamFiltersSchema } from "@/lib/validation/review";
import { parseSearchParams } from "@/lib/validation/search-params";
import { formatDate } from "@/lib/domain/format";
import { timeZoneOf } from "@/lib/domain/actor";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const raw = await searchParams;
  const filters = parseSearchParams(teamFiltersSchema, raw);
  const [feed, reflections, channels] = await Promise.all([teamFeed(actor, filters), sharedReflections(actor), listChannels(actor)]);
  const activeCount = Object.values(filters).filter(Boolean).length;
  const active = activeCount > 0;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Team</h1>
        <p className="mt-1 text-muted-foreground">What the people who report to you, directly or further down, chose to share with you.</p>
      </div>
      {feed.people.length === 0 ? (
        <p className="rounded-lg border border-dashed border-border p-6 text-center text-sm text-muted-foreground">
          Nobody reports to you on Ripple yet. Your admin sets the reporting line.
        </p>
      ) : (
        <>
          {/* On a phone the filters fold away (the summary counts the active ones); open on wider screens. */}
          <form method="get" aria-label="Filter shared stories">
            <FiltersDisclosure activeCount={activeCount}>
              <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6 lg:items-end">
                <div className="space-y-1">
                  <Label htmlFor="team-person">Person</Label>
                  <FilterSelect
                    id="team-person"
                    name="person"
                    value={filters.person}
                    anyLabel="Everyone"
                    options={feed.people.map((p) => ({ value: p.id, label: p.name }))}
                  />
                </div>
                <div className="space-y-1">
                  <Label htmlFor="team-cycle">Furthest cycle</Label>
                  <CycleSelect id="team-cycle" value={filters.cycle} />
                </div>
                <div className="space-y-1">
                  <Label htmlFor="team-channel">Channel</Label>
                  <ChannelSelect id="team-channel" channels={channels} value={filters.channel} />
                </div>
                <div className="space-y-1">
                  <Label htmlFor="team-from">From</Label>
                  <Input id="team-from" type="date" name="from" defaultValue={filters.from} />
                </div>
                <div className="space-y-1">
                  <Label htmlFor="team-to">To</Label>
                  <Input id="team-to" type="date" name="to" defaultValue={filters.to} />
                </div>
                <div className="flex gap-2">
                  <Button type="submit">Apply</Button>
                  {active ? (
                    <Button asChild variant="ghost">
                      <Link href="/team">Clear</Link>
                    </Button>
                  ) : null}
                </div>
              </div>
            </FiltersDisclosure>
          </form>

          <section aria-labelledby="team-stories" className="space-y-3">
            <h2 id="team-stories" className="text-lg font-semibold">
              Shared stories <span className="text-sm font-normal text-muted-foreground">({feed.stories.length})</span>
            </h2>
            {feed.stories.length === 0 ? (
              <p className="rounded-lg border border-dashed border-border p-6 text-center text-sm text-muted-foreground">
                {active ? "No shared stories match these filters." : "Nothing shared with you yet."}
              </p>
            ) : (
              <ul className="divide-y divide-border overflow-hidden rounded-lg border border-border bg-card" aria-label="Shared stories">
                {feed.stories.map((s) => (
                  <li key={s.id} className="relative flex flex-col gap-2 p-4 hover:bg-muted/50 sm:flex-row sm:items-center sm:gap-4">
                    <div className="min-w-0 flex-1">
                      <Link
                        href={`/stories/${s.id}`}
                        className="font-medium after:absolute after:inset-0 focus-visible:outline-none [&:focus-visible]:after:outline-2 [&:focus-visible]:after:outline-ring"
                      >
                        {s.title}
                      </Link>
                      <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
                        <span>{s.author}</span>
                        <time dateTime={s.occurredAt.toISOString()}>· {formatDate(s.occurredAt, "day", timeZoneOf(actor))}</time>
                        {s.channel ? <span>· {s.channel}</span> : null}
                        {s.figure ? (
                          <span>
                            · {formatFigure(s.figure.value, s.figure.unit)} {s.figure.confirmed ? "(confirmed)" : "(self-reported)"}
                          </span>
                        ) : null}
                        {s.highlighted ? <Badge variant="realized">Picked for leadership</Badge> : null}
                      </p>
                    </div>
                    <ValueChain chain={s.chain} />
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="team-reflections" className="space-y-3">
            <h2 id="team-reflections" className="text-lg font-semibold">
              Latest weekly reflections
            </h2>
            {reflections.length === 0 ? (
              <p className="text-sm text-muted-foreground">No reflections shared with you yet.</p>
            ) : (
              <ul className="grid gap-3 sm:grid-cols-2">
                {reflections.map((r) => (
                  <li key={r.membershipId} className="space-y-1 rounded-lg border border-border bg-card p-4 text-sm">
                    <p className="font-medium">
                      {r.name} <span className="font-normal text-muted-foreground">· {weekLabel(r.weekStart)}</span>
                    </p>
                    {r.skipped ? (
                      <p className="text-muted-foreground">Nothing this week.</p>
                    ) : (
                      <dl className="space-y-1">
                        {r.learned ? (
                          <div>
                            <dt className="text-muted-foreground">Learned</dt>
                            <dd className="whitespace-pre-line">{r.learned}</dd>
                          </div>
                        ) : null}
                        {r.performance ? (
                          <div>
                            <dt className="text-muted-foreground">Effect on performance</dt>
                            <dd className="whitespace-pre-line">{r.performance}</dd>
                          </div>
                        ) : null}
                        {r.organizationImpact ? (
                          <div>
                            <dt className="text-muted-foreground">Helps the organisation</dt>
                            <dd className="whitespace-pre-line">{r.organizationImpact}</dd>
                          </div>
                        ) : null}
                      </dl>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}
