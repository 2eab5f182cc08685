import Form from "next/form";
import Link from "next/link";
import { ChannelSelect, CycleSelect, FilterSelect, TagSelect } from "@/components/forms/filter-selects";
import { FiltersDisclosure } from "@/components/stories/filters-disclosure";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SelectNative } from "@/components/ui/select-native";
import type { ReportTeamOption } from "@/lib/db/report-options";
import { reportDays, type ReportFilters } from "@/lib/domain/report-filters";

/**
 * The report filters: one GET form, so the address carries the view (share it, come back to it)
 * and it works without JavaScript. Each control is keyed by its value, so it shows what is
 * applied after every navigation. `hidden` keeps other parameters (a drill-down) on submit.
 */
export function ReportFilterForm({
  action,
  filters,
  teams,
  channels,
  tags,
  activeCount,
  allTeamsLabel = "All teams",
  hidden = {},
  period,
}: {
  action: string;
  filters: ReportFilters;
  teams: ReportTeamOption[] | null;
  channels: { key: string; label: string }[];
  tags: string[];
  activeCount: number;
  allTeamsLabel?: string;
  hidden?: Record<string, string>;
  /** Quick choices of period: the page's default and all time, with which one is showing. */
  period: { showing: "default" | "all" | "chosen"; defaultLabel: string; defaultHref: string; allHref: string };
}) {
  const days = reportDays(filters);
  const quick = "rounded-sm font-medium underline-offset-4 hover:underline aria-[current]:text-foreground aria-[current]:no-underline";
  return (
    <Form action={action} aria-label="Report filters" className="min-w-0">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {/* All time stays all time when other filters change (dates, once entered, win). */}
      {period.showing === "all" ? <input type="hidden" name="period" value="all" /> : null}
      <FiltersDisclosure activeCount={activeCount}>
        <div className="grid items-start gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <fieldset className="grid gap-3 sm:col-span-2 sm:grid-cols-2">
            <legend className="sr-only">Period (when the stories happened)</legend>
            <Field id="report-from" label="From">
              <Input key={`from:${days.from ?? ""}`} type="date" name="from" defaultValue={days.from ?? ""} />
            </Field>
            <Field id="report-to" label="To">
              <Input key={`to:${days.to ?? ""}`} type="date" name="to" defaultValue={days.to ?? ""} />
            </Field>
            <p className="-mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-primary sm:col-span-2">
              <Link href={period.defaultHref} aria-current={period.showing === "default" ? "true" : undefined} className={quick}>
                {period.defaultLabel}
              </Link>
              <Link href={period.allHref} aria-current={period.showing === "all" ? "true" : undefined} className={quick}>
                All time
              </Link>
            </p>
          </fieldset>
          {teams ? (
            <Field id="report-team" label="Team and the teams below">
              <FilterSelect
                name="team"
                value={filters.teamId}
                anyLabel={allTeamsLabel}
                emptyLabel="No teams yet"
                options={teams.map((t) => ({ value: t.id, label: t.path }))}
              />
            </Field>
          ) : null}
          <Field id="report-channel" label="Channel">
            <ChannelSelect channels={channels} value={filters.channel} />
          </Field>
          <Field id="report-tag" label="Tag">
            <TagSelect tags={tags} value={filters.tag} />
          </Field>
          <Field id="report-cycle" label="Reached the cycle">
            <CycleSelect value={filters.cycle} numbered />
          </Field>
          <Field id="report-unit" label="Trends by">
            <SelectNative key={`unit:${filters.unit ?? ""}`} name="unit" defaultValue={filters.unit ?? "month"}>
              <option value="month">Month</option>
              <option value="week">Week</option>
            </SelectNative>
          </Field>
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <Button type="submit">Apply filters</Button>
        </div>
      </FiltersDisclosure>
    </Form>
  );
}
