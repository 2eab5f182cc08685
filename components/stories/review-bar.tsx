"use client";

import { Check, Heart, MessageCircleQuestion, Star } from "lucide-react";
import { useActionState, useEffect, useRef, useState } from "react";
import { acknowledgeAction, askNextAction, confirmFigureAction, highlightAction } from "@/lib/actions/review";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";

export type ReviewBarAbilities = { askNext: boolean; confirm: boolean; reading: boolean; highlight: boolean; acknowledge: boolean };

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
 * The review actions at the top of a story, one click each: thank the author, ask what
 * happened next (with an optional question), confirm the realized figure, pick for leadership,
 * and a jump to "Your reading" further down. Each shows only when the access rules allow it
 * (the abilities come from lib/domain/access.ts through lib/db/review.ts).
 */
export function ReviewBar({
  storyId,
  authorFirstName,
  abilities,
  figure,
  highlighted,
  thanked,
}: {
  storyId: string;
  authorFirstName: string;
  abilities: ReviewBarAbilities;
  figure: { value: string; confirmed: boolean } | null;
  highlighted: boolean;
  thanked: boolean;
}) {
  const [thankState, thank, thanking] = useActionState(acknowledgeAction, null);
  const [askState, ask, asking] = useActionState(askNextAction, null);
  const [confirmState, confirm, confirming] = useActionState(confirmFigureAction, null);
  const [highlightState, highlight, highlighting] = useActionState(highlightAction, null);
  const [askOpen, setAskOpen] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const isHighlighted = highlightState?.ok ? highlightState.data.highlighted : highlighted;
  const isThanked = thanked || thankState?.ok === true;
  const askValues = askState && !askState.ok ? askState.values : undefined;

  useEffect(() => {
    if (askOpen) noteRef.current?.focus();
  }, [askOpen]);
  // A question sent closes the box: adjusted while rendering, when the result changes (not in an effect).
  const [answeredAsk, setAnsweredAsk] = useState(askState);
  if (askState !== answeredAsk) {
    setAnsweredAsk(askState);
    if (askState?.ok) setAskOpen(false);
  }

  const reviews = abilities.askNext || abilities.confirm || abilities.highlight || abilities.reading;
  if (!reviews && !abilities.acknowledge) return null;

  return (
    <section
      aria-label={reviews ? "Review this story" : "Respond to this story"}
      className="space-y-3 rounded-lg border border-border bg-card p-3 sm:p-4"
      data-testid="review-bar"
    >
      <div className="flex flex-wrap items-center gap-2">
        {abilities.acknowledge ? (
          <form action={thank}>
            <input type="hidden" name="storyId" value={storyId} />
            <Button type="submit" size="sm" variant={isThanked ? "secondary" : "default"} disabled={thanking || isThanked} aria-pressed={isThanked}>
              <Heart aria-hidden="true" className={isThanked ? "fill-current" : undefined} />
              {isThanked ? `You thanked ${authorFirstName}` : `Thank ${authorFirstName}`}
            </Button>
          </form>
        ) : null}
        {abilities.askNext ? (
          <Button type="button" size="sm" variant="outline" aria-expanded={askOpen} aria-controls="ask-next-form" onClick={() => setAskOpen((o) => !o)}>
            <MessageCircleQuestion aria-hidden="true" /> What happened next?
          </Button>
        ) : null}
        {abilities.confirm && figure ? (
          figure.confirmed && !confirmState ? (
            <span className="inline-flex items-center gap-1 text-sm text-success">
              <Check aria-hidden="true" className="size-4" /> Figure confirmed ({figure.value})
            </span>
          ) : confirmState?.ok ? null : (
            <form action={confirm}>
              <input type="hidden" name="storyId" value={storyId} />
              <Button type="submit" size="sm" variant="outline" disabled={confirming} aria-describedby="confirm-figure-value">
                <Check aria-hidden="true" /> Confirm this figure
              </Button>
              <span id="confirm-figure-value" className="ml-2 text-sm text-muted-foreground">
                {figure.value}
              </span>
            </form>
          )
        ) : null}
        {abilities.highlight ? (
          <form action={highlight}>
            <input type="hidden" name="storyId" value={storyId} />
            <input type="hidden" name="on" value={isHighlighted ? "false" : "true"} />
            <Button type="submit" size="sm" variant={isHighlighted ? "secondary" : "outline"} disabled={highlighting} aria-pressed={isHighlighted}>
              <Star aria-hidden="true" className={isHighlighted ? "fill-current" : undefined} />
              {isHighlighted ? "Picked for leadership" : "Pick for leadership"}
            </Button>
          </form>
        ) : null}
        {abilities.reading ? (
          <a href="#review" className="ml-auto text-sm font-medium text-primary underline underline-offset-4">
            Your reading of the cycles
          </a>
        ) : null}
      </div>
      <div aria-live="polite" className="space-y-1 empty:hidden">
        <Result state={thankState} success={`Thanked. ${authorFirstName} sees that you did.`} />
        <Result state={askState} success="Asked. The author gets a reminder on their Home page, with your question." />
        <Result state={confirmState} success="Confirmed, with your name and today's date." />
        {highlightState && !highlightState.ok ? <Result state={highlightState} success="" /> : null}
      </div>
      {abilities.askNext ? (
        <form id="ask-next-form" action={ask} hidden={!askOpen} className="space-y-2">
          <input type="hidden" name="storyId" value={storyId} />
          <Label htmlFor="ask-note">Ask “what happened next?”</Label>
          <Textarea
            ref={noteRef}
            id="ask-note"
            name="note"
            rows={2}
            maxLength={1000}
            placeholder="Optional: what you would like to hear about"
            defaultValue={askValues?.note}
          />
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" size="sm" disabled={asking}>
              Ask what happened next
            </Button>
            <Button type="button" size="sm" variant="ghost" onClick={() => setAskOpen(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
