"use client";

import { Check } from "lucide-react";
import { EvidenceFiles } from "@/components/stories/evidence-files";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { CAPITAL_INFO, CYCLE_INFO, cycleAnchor, type CapitalKind, type Cycle } from "@/lib/domain/framework";
import type { EntryDoc } from "@/lib/domain/story";
import { cn } from "@/lib/utils";
import { LinksField } from "./links-field";

export type IndicatorOption = { key: string; label: string; description: string; capitalKind: CapitalKind | null; retired: boolean };
export type EvidenceFile = { id: string; fileName: string; mimeType: string; sizeBytes: number };

const UNITS = ["minutes saved", "hours saved", "EUR", "USD", "GBP", "customers", "people reached", "documents"];

const ACCENT: Record<Cycle, string> = {
  IMMEDIATE: "border-l-cycle-immediate",
  POTENTIAL: "border-l-cycle-potential",
  APPLIED: "border-l-cycle-applied",
  REALIZED: "border-l-cycle-realized",
  REFRAMING: "border-l-cycle-reframing",
};
const CHIP_ON: Record<Cycle, string> = {
  IMMEDIATE: "bg-cycle-immediate-soft text-cycle-immediate border-cycle-immediate",
  POTENTIAL: "bg-cycle-potential-soft text-cycle-potential border-cycle-potential",
  APPLIED: "bg-cycle-applied-soft text-cycle-applied border-cycle-applied",
  REALIZED: "bg-cycle-realized-soft text-cycle-realized border-cycle-realized",
  REFRAMING: "bg-cycle-reframing-soft text-cycle-reframing border-cycle-reframing",
};

export { cycleAnchor };

/** One cycle of the story: key question, indicators, narrative, a figure, links and files. */
export function CycleSection({
  storyId,
  cycle,
  entry,
  indicators,
  files,
  reached,
  hidden = false,
  onChange,
}: {
  storyId: string;
  cycle: Cycle;
  entry: EntryDoc;
  indicators: IndicatorOption[];
  files: EvidenceFile[];
  reached: boolean;
  /** Not the cycle being edited: kept in the page (its uploads keep going), out of sight. */
  hidden?: boolean;
  onChange: (entry: EntryDoc) => void;
}) {
  const info = CYCLE_INFO[cycle];
  const id = cycleAnchor(cycle);
  const shown = indicators.filter((i) => !i.retired || entry.indicators.includes(i.key));
  const toggle = (key: string) =>
    onChange({ ...entry, indicators: entry.indicators.includes(key) ? entry.indicators.filter((k) => k !== key) : [...entry.indicators, key] });
  return (
    <section
      id={id}
      hidden={hidden}
      aria-labelledby={`${id}-heading`}
      className={cn("scroll-mt-20 space-y-4 rounded-lg border border-l-4 border-border bg-card p-4 sm:p-5", ACCENT[cycle])}
    >
      <div className="flex items-start justify-between gap-3">
        <div>
          <h2 id={`${id}-heading`} className="text-lg font-semibold">
            {info.number}. {info.name}
          </h2>
          <p className="text-sm text-muted-foreground">{info.summary}</p>
        </div>
        {reached ? (
          <span className="inline-flex shrink-0 items-center gap-1 rounded-full bg-success-soft px-2 py-0.5 text-xs font-medium text-success">
            <Check aria-hidden="true" className="size-3.5" /> Reached
          </span>
        ) : null}
      </div>
      <div className="space-y-1">
        <Label htmlFor={`${id}-narrative`} className="text-base">
          {info.question}
        </Label>
        <Textarea
          id={`${id}-narrative`}
          value={entry.narrative}
          rows={3}
          maxLength={8000}
          onChange={(e) => onChange({ ...entry, narrative: e.target.value })}
        />
      </div>
      {shown.length ? (
        <fieldset>
          <legend className="mb-2 text-sm font-medium">{cycle === "POTENTIAL" ? "Knowledge capital it produced" : "Indicators"}</legend>
          <div className="flex flex-wrap gap-2">
            {shown.map((ind) => {
              const on = entry.indicators.includes(ind.key);
              const hint = ind.capitalKind ? CAPITAL_INFO[ind.capitalKind].examples : ind.description;
              return (
                <button
                  key={ind.key}
                  type="button"
                  aria-pressed={on}
                  title={hint || undefined}
                  onClick={() => toggle(ind.key)}
                  className={cn(
                    "inline-flex min-h-9 items-center gap-1 rounded-full border px-3 py-1 text-sm transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
                    on ? CHIP_ON[cycle] : "border-input bg-background text-foreground hover:bg-accent",
                  )}
                >
                  {on ? <Check aria-hidden="true" className="size-3.5" /> : null}
                  {ind.label}
                  {ind.retired ? <span className="text-xs text-muted-foreground"> (retired)</span> : null}
                </button>
              );
            })}
          </div>
        </fieldset>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
        <div className="space-y-1">
          <Label htmlFor={`${id}-figure`}>Figure (optional)</Label>
          <Input
            id={`${id}-figure`}
            type="number"
            inputMode="decimal"
            step="any"
            value={entry.figureValue ?? ""}
            onChange={(e) => onChange({ ...entry, figureValue: e.target.value === "" ? null : Number(e.target.value) })}
          />
        </div>
        <div className="space-y-1">
          <Label htmlFor={`${id}-unit`}>Unit</Label>
          <Input
            id={`${id}-unit`}
            list="figure-units"
            value={entry.figureUnit}
            maxLength={40}
            placeholder="minutes saved, EUR, customers…"
            onChange={(e) => onChange({ ...entry, figureUnit: e.target.value })}
          />
        </div>
      </div>
      <LinksField id={`${id}-links`} links={entry.links} onChange={(links) => onChange({ ...entry, links })} />
      <EvidenceFiles storyId={storyId} cycle={cycle} files={files} editable />
    </section>
  );
}

/** Suggestions for figure units, shared by all sections. */
export function FigureUnitList() {
  return (
    <datalist id="figure-units">
      {UNITS.map((u) => (
        <option key={u} value={u} />
      ))}
    </datalist>
  );
}
