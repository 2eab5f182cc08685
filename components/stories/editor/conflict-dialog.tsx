import type { ConflictField } from "@/components/forms/conflict-notice";
import { CYCLE_INFO, CYCLES, type Cycle } from "@/lib/domain/framework";
import { VISIBILITY_LABEL } from "@/lib/domain/roles";
import { changedFields, type DocField, type StoryDoc } from "@/lib/domain/story";

// How two versions of a story are shown side by side in the conflict notice, and a story as
// plain text to copy.

const FIELD_LABEL: Record<string, string> = {
  title: "Title",
  narrative: "What happened",
  occurredOn: "When",
  channel: "Where",
  visibility: "Who can see it",
  minutesInvested: "Time invested",
  minutesSaved: "Time saved",
  tags: "Tags",
  contributors: "Who helped",
};

function label(field: DocField): string {
  if (field.startsWith("entries.")) return CYCLE_INFO[field.slice(8) as Cycle].name;
  return FIELD_LABEL[field] ?? field;
}

function show(doc: StoryDoc, field: DocField): string {
  if (field.startsWith("entries.")) {
    const e = doc.entries[field.slice(8) as Cycle];
    const parts = [e.narrative || "(no text)"];
    if (e.indicators.length) parts.push(`Indicators: ${e.indicators.join(", ")}`);
    if (e.figureValue !== null) parts.push(`Figure: ${e.figureValue} ${e.figureUnit}`);
    if (e.links.length) parts.push(`Links: ${e.links.map((l) => l.url).join(", ")}`);
    return parts.join("\n");
  }
  if (field === "visibility") return VISIBILITY_LABEL[doc.visibility];
  const value = doc[field as keyof StoryDoc];
  if (Array.isArray(value))
    return value.length ? value.map((v) => (typeof v === "string" ? v : (v as { name?: string }).name || "a colleague")).join(", ") : "(none)";
  return value === null || value === "" ? "(empty)" : String(value);
}

/** The fields in which the two versions differ, as text. */
export function storyConflictFields(mine: StoryDoc, saved: StoryDoc): ConflictField[] {
  return changedFields(mine, saved).map((f) => ({ key: f, label: label(f), mine: show(mine, f), saved: show(saved, f) }));
}

/** The whole story as plain text: every field that says something. */
export function storyAsText(doc: StoryDoc): string {
  const fields: DocField[] = ["title", "narrative", "occurredOn", "channel", "visibility", "minutesInvested", "minutesSaved", "tags", "contributors"];
  const lines = fields.map((f) => `${label(f)}: ${show(doc, f)}`);
  for (const c of CYCLES) {
    const e = doc.entries[c];
    if (e.narrative || e.indicators.length || e.figureValue !== null || e.links.length) lines.push("", `${label(`entries.${c}`)}:`, show(doc, `entries.${c}`));
  }
  return lines.join("\n");
}

export const STORY_KEEP_BOTH_HINT =
  "“Keep both” keeps every word of both versions, and the tags, people and links of both; where they disagree on a date, a place, minutes or a figure, yours is kept, and of two audiences the smaller one.";
