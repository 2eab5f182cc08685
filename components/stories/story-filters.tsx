"use client";

import { useEffect, useRef } from "react";
import { SearchIcon } from "lucide-react";
import { ChannelSelect, CycleSelect, FilterSelect, TagSelect } from "@/components/forms/filter-selects";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { VISIBILITIES, VISIBILITY_LABEL } from "@/lib/domain/roles";
import {
  FILTER_PARAMS,
  SORT_LABEL,
  STATUS_LABEL,
  STORY_SORTS,
  STORY_STATUSES,
  activeFilterCount,
  defaultSort,
  normalizeStoryFilters,
  serializeStoryFilters,
  storiesHref,
  type StoryFilters,
} from "@/lib/domain/story-filters";
import { FiltersDisclosure } from "./filters-disclosure";
import { useHydrated } from "@/components/forms/use-hydrated";
import { useStorySearch } from "./story-search";

/** How long typing pauses before the search runs. */
const TYPING_PAUSE_MS = 300;

/**
 * Search and filters of My stories: one GET form, so the address carries the view (share it,
 * go back to it). With JavaScript it applies as it changes (a select or a date at once, the
 * search box after a pause in typing, Enter at once), keeping the results on screen until the
 * new ones arrive (story-search.tsx). Without JavaScript, "Apply filters" submits it.
 */
export function StoryFilterForm({ filters, channels, tags }: { filters: StoryFilters; channels: { key: string; label: string }[]; tags: string[] }) {
  const { show } = useStorySearch();
  // Until the page is interactive (or without JavaScript), "Apply filters" submits the form.
  const live = useHydrated();
  const formRef = useRef<HTMLFormElement>(null);
  const typing = useRef<ReturnType<typeof setTimeout> | null>(null);
  const applied = storiesHref(filters);
  /** The last view this form asked for: when it arrives, the controls already show it. */
  const asked = useRef(applied);

  // The empty choice is the default order (best match when searching, else newest), so typing
  // a search into a default list sorts it by relevance.
  const defaultOrder = defaultSort(filters);
  const otherSorts = STORY_SORTS.filter((s) => s !== defaultOrder && s !== "relevance");

  // A view this form did not ask for (back, forward, "Clear filters", a link): the controls
  // show what is applied. The controls are not keyed by value, so a focused one keeps focus.
  useEffect(() => {
    if (applied === asked.current) return;
    asked.current = applied;
    const form = formRef.current;
    if (!form) return;
    const values = serializeStoryFilters(filters);
    for (const name of FILTER_PARAMS) {
      const control = form.elements.namedItem(name);
      if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement) control.value = values.get(name) ?? "";
    }
  }, [applied, filters]);

  useEffect(() => () => void (typing.current && clearTimeout(typing.current)), []);

  const apply = (mode: "push" | "replace") => {
    if (typing.current) clearTimeout(typing.current);
    typing.current = null;
    const form = formRef.current;
    if (!form) return;
    // The controls only offer valid values (the server checks them again, and rewrites an
    // address that is not in its one shape); the search is spaced as the server spaces it,
    // so a trailing space typed does not count as a new search. (No zod here: it would
    // double this page's JavaScript.)
    const values: Record<string, string> = {};
    for (const [key, value] of new FormData(form)) if (typeof value === "string" && (FILTER_PARAMS as readonly string[]).includes(key)) values[key] = value;
    values.q = (values.q ?? "").replace(/\s+/g, " ").trim();
    const href = storiesHref(normalizeStoryFilters(values as StoryFilters));
    if (href === asked.current) return;
    asked.current = href;
    show(href, mode);
  };

  return (
    <form
      ref={formRef}
      action="/stories"
      method="get"
      role="search"
      aria-label="Search and filter my stories"
      aria-controls="stories-results"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        apply("push");
      }}
      onChange={(e) => {
        const target = e.target;
        if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement) || target.name === "q") return; // typed: see onInput
        // A date is applied once it is a whole date (or cleared), not at each digit.
        if (target instanceof HTMLInputElement && target.type === "date" && target.value === "" && target.validity.badInput) return;
        apply("push");
      }}
    >
      <div className="flex items-end gap-2">
        <Field id="stories-q" label="Search my stories" className="min-w-0 flex-1">
          <Input
            type="search"
            name="q"
            defaultValue={filters.q ?? ""}
            placeholder='Words, a tag, who helped, or "a phrase"'
            autoComplete="off"
            enterKeyHint="search"
            maxLength={200}
            onInput={() => {
              if (typing.current) clearTimeout(typing.current);
              typing.current = setTimeout(() => apply("replace"), TYPING_PAUSE_MS);
            }}
          />
        </Field>
        <Button type="submit">
          <SearchIcon aria-hidden="true" />
          <span>Search</span>
        </Button>
      </div>
      <FiltersDisclosure activeCount={activeFilterCount(filters)}>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <Field id="stories-cycle" label="Furthest cycle">
            <CycleSelect value={filters.cycle} keyed={false} />
          </Field>
          <Field id="stories-channel" label="Channel">
            <ChannelSelect channels={channels} value={filters.channel} keyed={false} />
          </Field>
          <Field id="stories-tag" label="Tag">
            <TagSelect tags={tags} value={filters.tag} emptyLabel="No tags on your stories yet" keyed={false} />
          </Field>
          <Field id="stories-visibility" label="Visibility">
            <FilterSelect
              name="visibility"
              value={filters.visibility}
              keyed={false}
              anyLabel="Any visibility"
              options={VISIBILITIES.map((v) => ({ value: v, label: VISIBILITY_LABEL[v] }))}
            />
          </Field>
          <Field id="stories-status" label="Status">
            <FilterSelect
              name="status"
              value={filters.status}
              keyed={false}
              anyLabel="Drafts and published"
              options={STORY_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))}
            />
          </Field>
          <Field id="stories-sort" label="Sort by">
            <FilterSelect
              name="sort"
              value={filters.sort}
              keyed={false}
              anyLabel={SORT_LABEL[defaultOrder]}
              options={otherSorts.map((s) => ({ value: s, label: SORT_LABEL[s] }))}
            />
          </Field>
          <fieldset className="grid gap-2 sm:col-span-2 lg:col-span-3">
            <legend className="mb-2 text-sm font-medium">When it happened</legend>
            <div className="grid gap-3 sm:max-w-md sm:grid-cols-2">
              <Field id="stories-from" label="From">
                <Input type="date" name="from" defaultValue={filters.from ?? ""} max={filters.to} />
              </Field>
              <Field id="stories-to" label="To">
                <Input type="date" name="to" defaultValue={filters.to ?? ""} min={filters.from} />
              </Field>
            </div>
          </fieldset>
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-3">
          {live ? (
            <p className="text-sm text-muted-foreground">Filters apply as you change them.</p>
          ) : (
            <Button type="submit" variant="secondary">
              Apply filters
            </Button>
          )}
        </div>
      </FiltersDisclosure>
    </form>
  );
}
