"use client";

import { useActionState } from "react";
import { recordReadingAction } from "@/lib/actions/review";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { CYCLES, CYCLE_INFO, type Cycle } from "@/lib/domain/framework";

type Indicator = { key: string; label: string; cycle: Cycle };

function Result({ state, success }: { state: { ok: boolean; message?: string } | null; success: string }) {
  if (!state) return null;
  return state.ok ? (
    <p role="status" className="text-sm text-success">
      {success}
    </p>
  ) : (
    <p role="alert" className="text-sm text-destructive">
      {state.message}
    </p>
  );
}

/**
 * A reviewer's own reading of the cycles and indicators (the author's managers; L&D too). The
 * one-click review actions sit at the top of the story (review-bar.tsx), which links here.
 */
export function ReviewPanel({
  storyId,
  indicators,
  myReading,
}: {
  storyId: string;
  indicators: Indicator[];
  myReading: { cycles: Cycle[]; indicatorKeys: string[]; note: string } | null;
}) {
  const [readingState, saveReading, savingReading] = useActionState(recordReadingAction, null);
  const values = readingState && !readingState.ok ? readingState.values : undefined;

  return (
    <section id="review" aria-labelledby="review-heading" className="scroll-mt-20 space-y-5 rounded-lg border border-border bg-card p-4 sm:p-5">
      <h2 id="review-heading" className="text-lg font-semibold">
        Your reading
      </h2>
      <form action={saveReading} className="space-y-3">
        <input type="hidden" name="storyId" value={storyId} />
        <fieldset>
          <legend className="text-sm font-medium">Which cycles does this story show?</legend>
          <p className="mb-2 text-xs text-muted-foreground">Kept beside the author&apos;s own tagging, never over it.</p>
          <div className="flex flex-wrap gap-3">
            {CYCLES.map((c) => (
              <label key={c} className="inline-flex items-center gap-2 text-sm">
                <input type="checkbox" name="cycles" value={c} defaultChecked={(values?.cycles?.split("\n") ?? myReading?.cycles ?? []).includes(c)} />
                {CYCLE_INFO[c].name}
              </label>
            ))}
          </div>
        </fieldset>
        <details>
          <summary className="cursor-pointer text-sm">Indicators you see</summary>
          <div className="mt-2 grid gap-1 sm:grid-cols-2">
            {indicators.map((i) => (
              <label key={i.key} className="inline-flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="indicatorKeys"
                  value={i.key}
                  defaultChecked={(values?.indicatorKeys?.split("\n") ?? myReading?.indicatorKeys ?? []).includes(i.key)}
                />
                {i.label} <span className="text-xs text-muted-foreground">({CYCLE_INFO[i.cycle].name.replace(" value", "")})</span>
              </label>
            ))}
          </div>
        </details>
        <div className="space-y-1">
          <Label htmlFor="reading-note">Note (optional)</Label>
          <Textarea id="reading-note" name="note" rows={2} maxLength={2000} defaultValue={values?.note ?? myReading?.note ?? ""} />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="outline" disabled={savingReading}>
            Save my reading
          </Button>
          <Result state={readingState} success="Your reading is saved." />
        </div>
      </form>
      {readingState && !readingState.ok && readingState.code === "error" ? (
        <Alert variant="destructive">
          <AlertDescription>{readingState.message}</AlertDescription>
        </Alert>
      ) : null}
    </section>
  );
}
