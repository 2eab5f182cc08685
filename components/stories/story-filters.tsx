import { ChannelSelect, CycleSelect, FilterSelect, TagSelect } from "@/components/forms/filter-selects";
import Form from "next/form";
import { SearchIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { VISIBILITIES, VISIBILITY_LABEL } from "@/lib/domain/roles";
import {
  SORT_LABEL,
  STATUS_LABEL,
  STORY_SORTS,
  STORY_STATUSES,
  activeFilterCount,
  defaultSort,
  type StoryFilters,
} from "@/lib/domain/story-filters";
import { FiltersDisclosure } from "./filters-disclosure";

/**
 * Search and filters of My stories: one GET form, so the address carries the view (share it,
 * go back to it) and it works without JavaScript. Each control is keyed by its value, so it
 * shows what is applied after every navigation.
 */
export function StoryFilterForm({
  filters,
  channels,
  tags,
}: {
  filters: StoryFilters;
  channels: { key: string; label: string }[];
  tags: string[];
}) {
  // The empty choice is the default order (best match when searching, else newest), so typing
  // a search into a default list sorts it by relevance.
  const defaultOrder = defaultSort(filters);
  const otherSorts = STORY_SORTS.filter((s) => s !== defaultOrder && s !== "relevance");
  return (
    <Form action="/stories" role="search" aria-label="Search and filter my stories" className="space-y-3">
      <div className="flex items-end gap-2">
        <Field id="stories-q" label="Search my stories" className="min-w-0 flex-1">
          <Input
            key={`q:${filters.q ?? ""}`}
            type="search"
            name="q"
            defaultValue={filters.q ?? ""}
            placeholder='Words or "a phrase"'
            autoComplete="off"
            enterKeyHint="search"
            maxLength={200}
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
            <CycleSelect value={filters.cycle} />
          </Field>
          <Field id="stories-channel" label="Channel">
            <ChannelSelect channels={channels} value={filters.channel} />
          </Field>
          <Field id="stories-tag" label="Tag">
            <TagSelect tags={tags} value={filters.tag} emptyLabel="No tags on your stories yet" />
          </Field>
          <Field id="stories-visibility" label="Visibility">
            <FilterSelect name="visibility" value={filters.visibility} anyLabel="Any visibility" options={VISIBILITIES.map((v) => ({ value: v, label: VISIBILITY_LABEL[v] }))} />
          </Field>
          <Field id="stories-status" label="Status">
            <FilterSelect name="status" value={filters.status} anyLabel="Drafts and published" options={STORY_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))} />
          </Field>
          <Field id="stories-sort" label="Sort by">
            <FilterSelect name="sort" value={filters.sort} anyLabel={SORT_LABEL[defaultOrder]} options={otherSorts.map((s) => ({ value: s, label: SORT_LABEL[s] }))} />
          </Field>
          <fieldset className="grid gap-2 sm:col-span-2 lg:col-span-3">
            <legend className="mb-2 text-sm font-medium">When it happened</legend>
            <div className="grid gap-3 sm:max-w-md sm:grid-cols-2">
              <Field id="stories-from" label="From">
                <Input key={`from:${filters.from ?? ""}`} type="date" name="from" defaultValue={filters.from ?? ""} max={filters.to} />
              </Field>
              <Field id="stories-to" label="To">
                <Input key={`to:${filters.to ?? ""}`} type="date" name="to" defaultValue={filters.to ?? ""} min={filters.from} />
              </Field>
            </div>
          </fieldset>
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <Button type="submit" variant="secondary">
            Apply filters
          </Button>
        </div>
      </FiltersDisclosure>
    </Form>
  );
}
