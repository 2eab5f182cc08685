import { SelectNative, type SelectNativeProps } from "@/components/ui/select-native";
import { CYCLE_INFO, CYCLES } from "@/lib/domain/framework";

// The selects of the filter forms (the story list, the team page, the audit log, the reports):
// "any" first, then the choices. Each is keyed by its value, so after a navigation it shows what
// is applied, not what was last picked. A `Field` around one gives it its id and description, as
// with any control.

type FilterSelectProps = Omit<SelectNativeProps, "name" | "value" | "defaultValue" | "children"> & {
  /** The value applied now; none is "any". */
  value?: string | null;
  name?: string;
  /**
   * false: not keyed by its value (a form that applies as it changes keeps the focused select,
   * and shows what is applied itself: see story-filters.tsx).
   */
  keyed?: boolean;
};

export type FilterOption = { value: string; label: string };

/**
 * `anyLabel` ("Any channel", "Everyone"), then `options`. With `emptyLabel`, a select without
 * options says it ("No tags yet") and is disabled.
 */
export function FilterSelect({
  name,
  value,
  anyLabel,
  emptyLabel,
  options,
  keyed = true,
  ...props
}: FilterSelectProps & { name: string; anyLabel: string; emptyLabel?: string; options: readonly FilterOption[] }) {
  const empty = emptyLabel !== undefined && options.length === 0;
  return (
    <SelectNative key={keyed ? `${name}:${value ?? ""}` : name} name={name} defaultValue={value ?? ""} disabled={empty} {...props}>
      <option value="">{empty ? emptyLabel : anyLabel}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </SelectNative>
  );
}

/** "Any channel", then the organisation's channels by label. */
export function ChannelSelect({ channels, name = "channel", ...props }: FilterSelectProps & { channels: readonly { key: string; label: string }[] }) {
  return <FilterSelect name={name} anyLabel="Any channel" options={channels.map((c) => ({ value: c.key, label: c.label }))} {...props} />;
}

/** "Any tag", then the tags; without tags it says `emptyLabel` and is disabled. */
export function TagSelect({ tags, name = "tag", emptyLabel = "No tags yet", ...props }: FilterSelectProps & { tags: readonly string[]; emptyLabel?: string }) {
  return <FilterSelect name={name} anyLabel="Any tag" emptyLabel={emptyLabel} options={tags.map((t) => ({ value: t, label: t }))} {...props} />;
}

/** "Any cycle", then the five cycles in framework order (numbered where the order matters). */
export function CycleSelect({ name = "cycle", numbered = false, ...props }: FilterSelectProps & { numbered?: boolean }) {
  const options = CYCLES.map((c) => ({ value: c, label: `${numbered ? `${CYCLE_INFO[c].number}. ` : ""}${CYCLE_INFO[c].name}` }));
  return <FilterSelect name={name} anyLabel="Any cycle" options={options} {...props} />;
}
