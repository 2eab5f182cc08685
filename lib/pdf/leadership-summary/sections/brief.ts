// The paragraph leadership reads first: the headline figures in words.
import { realizedHeadline } from "@/lib/domain/figures";
import type { LeadershipSummaryInput } from "@/lib/domain/leadership-summary";
import { formatNumber, plural } from "../format";
import { setFont, para, type Ctx } from "../primitives";
import { INK } from "../theme";

/** A short paragraph in words: leadership reads this first. */
export function briefSentences(input: LeadershipSummaryInput): string {
  const h = input.headline;
  const r = input.progression.reached;
  if (h.stories === 0) {
    return "No story in this view yet. When people record what their network taught them, this summary shows how far that learning travelled: from the moment itself to changes in practice, results and what counts as success.";
  }
  const parts: string[] = [];
  const people = h.people > 0 ? ` by ${formatNumber(h.logging)} of ${plural(h.people, "person", "people")} in scope` : "";
  parts.push(`${plural(h.stories, "learning story was", "learning stories were")} recorded${people}.`);
  const tail: string[] = [];
  if (r.APPLIED > 0) tail.push(`${formatNumber(r.APPLIED)} led to a change in practice`);
  if (r.REALIZED > 0) tail.push(`${formatNumber(r.REALIZED)} made a difference to results that matter`);
  if (r.REFRAMING > 0) tail.push(`${formatNumber(r.REFRAMING)} changed how success is defined`);
  const list = (xs: string[]) => (xs.length === 1 ? xs[0]! : `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}`);
  if (h.stories === 1) {
    const one: string[] = [];
    if (r.APPLIED > 0) one.push("led to a change in practice");
    if (r.REALIZED > 0) one.push("made a difference to results that matter");
    if (r.REFRAMING > 0) one.push("changed how success is defined");
    parts.push(one.length > 0 ? `It ${list(one)}.` : "It has not reached a change in practice yet.");
  } else if (tail.length > 0) parts.push(`Of these, ${list(tail)}.`);
  else parts.push("None has reached a change in practice yet.");
  const { confirmed } = realizedHeadline(input.realizedValue);
  if (confirmed.length > 0) {
    // Every confirmed unit, largest first; past three, the rest are counted.
    const shown = confirmed.slice(0, 3).map((c) => c.text);
    if (confirmed.length > 3) shown.push(plural(confirmed.length - 3, "other unit", "other units"));
    parts.push(`Confirmed by colleagues or managers: ${list(shown)}.`);
  }
  return parts.join(" ");
}

export function brief(ctx: Ctx): void {
  const { doc } = ctx;
  setFont(doc, "serif", 11, INK);
  para(doc, briefSentences(ctx.input), ctx.x, ctx.y, ctx.width, 3.5);
  ctx.y = doc.y + 16;
}
