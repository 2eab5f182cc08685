"use client";

import { useActionState } from "react";
import { askNextAction, confirmFigureAction, highlightAction, recordReadingAction } from "@/lib/actions/review";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { CYCLES, CYCLE_INFO, type Cycle } from "@/lib/domain/framework";

type Abilities = { askNext: boolean; confirm: boolean; reading: boolean; highlight: boolean };
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

/** What a reviewer (the author's managers; L&D for readings and highlights) can do on a story. */
export function ReviewPanel({
  storyId,
  abilities,
  figure,
  highlighted,
  indicators,
  myReading,
}: {
  storyId: string;
  abilities: Abilities;
  figure: { value: string; unit: string; confirmed: boolean } | null;
  highlighted: boolean;
  indicators: Indicator[];
  myReading: { cycles: Cycle[]; indicatorKeys: string[]; note: string } | null;
}) {
  const [askState, ask, asking] = useActionState(askNextAction, null);
  const [confirmState, confirm, confirming] = useActionState(confirmFigureAction, null);
  const [readingState, saveReading, savingReading] = useActionState(recordReadingAction, null);
  const [highlightState, highlight, highlighting] = useActionState(highlightAction, null);
  const isHighlighted = highlightState?.ok ? highlightState.data.highlighted : highlighted;
  const values = readingState && !readingState.ok ? readingState.values : undefined;
  const askValues = askState && !askState.ok ? askState.values : undefined;

  return (
    <section aria-labelledby="review-heading" className="space-y-5 rounded-lg border border-border bg-card p-4 sm:p-5">
      <h2 id="review-heading" className="text-lg font-semibold">
        Review
      </h2>
      {abilities.askNext ? (
        <form action={ask} className="space-y-2">
          <input type="hidden" name="storyId" value={storyId} />
          <Label htmlFor="ask-note">Ask “what happened next?”</Label>
          <Textarea id="ask-note" name="note" rows={2} maxLength={1000} placeholder="Optional: what you would like to hear about" defaultValue={askValues?.note} />
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" variant="outline" disabled={asking}>
              Ask what happened next
            </Button>
            <Result state={askState} success="Asked. The author gets a reminder on their Home page." />
          </div>
        </form>
      ) : null}
      {abilities.confirm && figure ? (
        <form action={confirm} className="space-y-2">
          <input type="hidden" name="storyId" value={storyId} />
          <p className="text-sm">
            Realized value: <strong>{figure.value}</strong> {figure.unit}
          </p>
          {figure.confirmed && !confirmState ? (
            <p className="text-sm text-success">Confirmed.</p>
          ) : (
            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" variant="outline" disabled={confirming}>
                Confirm this figure
              </Button>
              <Result state={confirmState} success="Confirmed, with your name and today's date." />
            </div>
          )}
        </form>
      ) : null}
      {abilities.highlight ? (
        <form action={highlight} className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="storyId" value={storyId} />
          <input type="hidden" name="on" value={isHighlighted ? "false" : "true"} />
          <Button type="submit" variant={isHighlighted ? "secondary" : "outline"} disabled={highlighting} aria-pressed={isHighlighted}>
            {isHighlighted ? "Picked for leadership" : "Pick for leadership"}
          </Button>
          <span className="text-xs text-muted-foreground">{isHighlighted ? "It leads L&D's reports. Press again to unpick." : "Highlighted stories lead L&D's reports."}</span>
        </form>
      ) : null}
      {abilities.reading ? (
        <form action={saveReading} className="space-y-3">
          <input type="hidden" name="storyId" value={storyId} />
          <fieldset>
            <legend className="text-sm font-medium">Your reading: which cycles does this story show?</legend>
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
                  <input type="checkbox" name="indicatorKeys" value={i.key} defaultChecked={(values?.indicatorKeys?.split("\n") ?? myReading?.indicatorKeys ?? []).includes(i.key)} />
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
      ) : null}
      {readingState && !readingState.ok && readingState.code === "error" ? (
        <Alert variant="destructive">
          <AlertDescription>{readingState.message}</AlertDescription>
        </Alert>
      ) : null}
    </section>
  );
}
