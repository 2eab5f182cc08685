import { CycleOptions } from "@/components/stories/cycle-options";
import { SelectNative, type SelectNativeProps } from "@/components/ui/select-native";

// The selects every filter form offers (the story list, the team page, the reports): one each
// for a channel, a tag and a cycle, with "any" first. Each is keyed by its value, so after a
// navigation it shows what is applied, not what was last picked. A `Field` around one gives it
// its id and description, as with any control.

type FilterSelectProps = Omit<SelectNativeProps, "name" | "value" | "defaultValue" | "children"> & {
  /** The value applied now; none is "any". */
  value?: string | null;
  name?: string;
};

/** "Any channel", then the organisation's channels by label. */
export function ChannelSelect({ channels, value, name = "channel", ...props }: FilterSelectProps & { channels: readonly { key: string; label: string }[] }) {
  return (
    <SelectNative key={`${name}:${value ?? ""}`} name={name} defaultValue={value ?? ""} {...props}>
      <option value="">Any channel</option>
      {channels.map((c) => (
        <option key={c.key} value={c.key}>
          {c.label}
        </option>
      ))}
    </SelectNative>
  );
}

/** "Any tag", then the tags; without tags it says `emptyLabel` and is disabled. */
export function TagSelect({ tags, value, name = "tag", emptyLabel = "No tags yet", ...props }: FilterSelectProps & { tags: readonly string[]; emptyLabel?: string }) {
  return (
    <SelectNative key={`${name}:${value ?? ""}`} name={name} defaultValue={value ?? ""} disabled={tags.length === 0} {...props}>
      <option value="">{tags.length ? "Any tag" : emptyLabel}</option>
      {tags.map((t) => (
        <option key={t} value={t}>
          {t}
        </option>
      ))}
    </SelectNative>
  );
}

/** "Any cycle", then the five cycles in framework order (numbered where the order matters). */
export function CycleSelect({ value, name = "cycle", numbered = false, ...props }: FilterSelectProps & { numbered?: boolean }) {
  return (
    <SelectNative key={`${name}:${value ?? ""}`} name={name} defaultValue={value ?? ""} {...props}>
      <option value="">Any cycle</option>
      <CycleOptions numbered={numbered} />
    </SelectNative>
  );
}
