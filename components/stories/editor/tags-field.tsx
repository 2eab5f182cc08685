"use client";

import { X } from "lucide-react";
import { useState } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** Tags as chips: type and press Enter (or comma) to add; each chip has a remove button. */
export function TagsField({
  id,
  tags,
  suggestions = [],
  onChange,
}: {
  id: string;
  tags: string[];
  /** Tags already used, offered as the person types. */ suggestions?: string[];
  onChange: (tags: string[]) => void;
}) {
  const [draft, setDraft] = useState("");
  const offered = suggestions.filter((s) => !tags.includes(s));
  function add(value = draft) {
    const parts = value
      .split(",")
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean);
    if (parts.length) onChange([...new Set([...tags, ...parts])].slice(0, 10));
    setDraft("");
  }
  return (
    <div className="space-y-2">
      <Label htmlFor={id}>Tags</Label>
      {tags.length ? (
        <ul className="flex flex-wrap gap-2" aria-label="Tags on this story">
          {tags.map((tag) => (
            <li
              key={tag}
              className="inline-flex items-center gap-1 rounded-full border border-border bg-secondary py-0.5 pl-3 pr-1 text-sm text-secondary-foreground"
            >
              {tag}
              <button
                type="button"
                className="inline-flex size-7 items-center justify-center rounded-full hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring"
                aria-label={`Remove tag ${tag}`}
                onClick={() => onChange(tags.filter((t) => t !== tag))}
              >
                <X aria-hidden="true" className="size-3.5" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <Input
        id={id}
        value={draft}
        maxLength={60}
        placeholder="e.g. gdpr, onboarding"
        aria-describedby={`${id}-hint`}
        list={offered.length ? `${id}-suggestions` : undefined}
        onChange={(e) => {
          // A suggestion picked from the list is added at once, as if typed and Enter pressed.
          if (
            (e.nativeEvent as InputEvent).inputType === "insertReplacementText" ||
            (!(e.nativeEvent instanceof InputEvent) && offered.includes(e.target.value))
          )
            add(e.target.value);
          else setDraft(e.target.value);
        }}
        onBlur={() => add()}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === ",") {
            e.preventDefault();
            add();
          }
        }}
      />
      {offered.length ? (
        <datalist id={`${id}-suggestions`}>
          {offered.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      ) : null}
      <p id={`${id}-hint`} className="text-xs text-muted-foreground">
        Press Enter to add. Up to 10.{offered.length ? " Tags already in use are suggested as you type." : ""}
      </p>
    </div>
  );
}
