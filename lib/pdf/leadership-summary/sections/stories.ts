// The stories that travelled furthest, as many as fit the pages left: full excerpts first,
// then shorter ones.
import { CYCLE_INFO, CYCLES } from "@/lib/domain/framework";
import type { SummaryStory, SummaryStoryEntry } from "@/lib/domain/leadership-summary";
import { formatDay, figureLine } from "../format";
import { setFont, put, para, fitLine, clampLines, newPage, ensure, SECTION_HEAD, sectionHeading, nothingYet, moreNote, type Ctx } from "../primitives";
import { INK, MUTED, FAINT, HAIRLINE, SUCCESS, CYCLE_COLOR, CYCLE_SOFT, CYCLE_SHORT, MARGIN, MAX_PAGES, MAX_STORIES } from "../theme";

type StoryLayout = { excerptLines: number };

const STORY_LABEL_W = 92;

function storyHeight(ctx: Ctx, s: SummaryStory, layout: StoryLayout): number {
  const { doc } = ctx;
  const textW = ctx.width - STORY_LABEL_W - 6;
  setFont(doc, "serifBold", 11.5);
  const title = clampLines(doc, s.title, ctx.width, 2, 1);
  let h = doc.heightOfString(title, { width: ctx.width, lineGap: 1 }) + 3;
  h += 14; // author line
  h += 20; // value chain chips
  for (const e of s.entries) {
    setFont(doc, e.narrative.trim() ? "serif" : "italic", 8.5);
    const text = entryText(e);
    const body = clampLines(doc, text, textW, layout.excerptLines, 1.5);
    h += Math.max(12, doc.heightOfString(body, { width: textW, lineGap: 1.5 })) + 3;
    if (e.figure) h += 12;
  }
  return h + 16;
}

function entryText(e: SummaryStoryEntry): string {
  if (e.narrative.trim()) return e.narrative;
  if (e.indicators.length > 0) return `Indicators: ${e.indicators.join(", ")}.`;
  return "No words recorded for this cycle.";
}

function drawStory(ctx: Ctx, s: SummaryStory, layout: StoryLayout): void {
  const { doc } = ctx;
  const top = ctx.y;
  const textW = ctx.width - STORY_LABEL_W - 6;
  // Title, with a marker when picked for leadership.
  setFont(doc, "serifBold", 11.5, INK);
  const title = clampLines(doc, s.title, ctx.width, 2, 1);
  para(doc, title, ctx.x, ctx.y, ctx.width, 1);
  ctx.y = doc.y + 3;
  const meta = [`${s.authorFirstName}${s.authorTeam ? `, ${s.authorTeam}` : ""}`, formatDay(s.occurredAt)];
  if (s.highlighted) meta.push("picked for leadership");
  setFont(doc, "regular", 8, MUTED);
  put(doc, fitLine(doc, meta.join(" · "), ctx.width), ctx.x, ctx.y);
  ctx.y += 14;
  // The value chain: five chips, filled where the story reached the cycle.
  const reached = new Set(s.entries.map((e) => e.cycle));
  let x = ctx.x;
  CYCLES.forEach((c, i) => {
    setFont(doc, reached.has(c) ? "bold" : "regular", 7.5);
    const label = CYCLE_SHORT[c];
    const w = doc.widthOfString(label) + 14;
    if (reached.has(c)) {
      doc.roundedRect(x, ctx.y, w, 14, 7).fill(CYCLE_SOFT[c]);
      doc.fillColor(CYCLE_COLOR[c]);
    } else {
      doc
        .roundedRect(x + 0.4, ctx.y + 0.4, w - 0.8, 13.2, 7)
        .lineWidth(0.6)
        .strokeColor(HAIRLINE)
        .stroke();
      doc.fillColor(FAINT);
    }
    put(doc, label, x + 7, ctx.y + 3.3);
    x += w;
    if (i < CYCLES.length - 1) {
      setFont(doc, "regular", 7.5, reached.has(c) && reached.has(CYCLES[i + 1]!) ? MUTED : HAIRLINE);
      put(doc, "→", x + 3, ctx.y + 3.3);
      x += 15;
    }
  });
  ctx.y += 20;
  // One row per cycle reached: the cycle's name, then the author's words and any figure.
  for (const e of s.entries) {
    doc.rect(ctx.x, ctx.y + 1, 2, 9).fill(CYCLE_COLOR[e.cycle]);
    setFont(doc, "bold", 8, CYCLE_COLOR[e.cycle]);
    put(doc, CYCLE_INFO[e.cycle].name, ctx.x + 8, ctx.y + 1.3);
    const hasWords = e.narrative.trim() !== "";
    setFont(doc, hasWords ? "serif" : "italic", 8.5, hasWords ? INK : MUTED);
    const body = clampLines(doc, entryText(e), textW, layout.excerptLines, 1.5);
    para(doc, body, ctx.x + STORY_LABEL_W + 6, ctx.y, textW, 1.5);
    ctx.y = Math.max(doc.y, ctx.y + 12) + 3;
    if (e.figure) {
      const confirmed = e.figure.confirmedAt !== null;
      setFont(doc, "bold", 8, confirmed ? SUCCESS : MUTED);
      const mark = confirmed ? "✓ " : "";
      put(doc, fitLine(doc, mark + figureLine(e.figure), textW), ctx.x + STORY_LABEL_W + 6, ctx.y - 1);
      ctx.y += 12;
    }
  }
  ctx.y = Math.max(ctx.y, top) + 6;
  doc
    .moveTo(ctx.x, ctx.y)
    .lineTo(ctx.x + ctx.width, ctx.y)
    .lineWidth(0.4)
    .strokeColor(HAIRLINE)
    .stroke();
  ctx.y += 10;
}

export function stories(ctx: Ctx): void {
  const { input } = ctx;
  const list = input.stories.slice(0, MAX_STORIES);
  const full: StoryLayout = { excerptLines: 2 };
  const compact: StoryLayout = { excerptLines: 1 };
  const intro = SECTION_HEAD + 26;
  // The heading goes with the first story.
  const first = list[0];
  const firstH = first ? Math.min(storyHeight(ctx, first, full), storyHeight(ctx, first, compact)) : 20;
  if (!ensure(ctx, intro + firstH)) return;
  sectionHeading(ctx, "Stories that travelled furthest", "Picked for leadership first, then the most complete");
  setFont(ctx.doc, "regular", 8.5, MUTED);
  para(
    ctx.doc,
    "Indicators give scale; stories show cause. Each story below follows one learning moment through the cycles it reached, in its author's words, with the figures that back it.",
    ctx.x,
    ctx.y,
    ctx.width,
    1.5,
  );
  ctx.y = ctx.doc.y + 12;
  if (list.length === 0) return nothingYet(ctx, "No story in this view has moved beyond its first cycle yet.", 20);
  // Plan: the layout that shows the most stories (full excerpts first, then the first two full
  // and the rest on one line each, then all on one line).
  const layouts = (n: number): StoryLayout[][] => [
    list.slice(0, n).map(() => full),
    list.slice(0, n).map((_, i) => (i < 2 ? full : compact)),
    list.slice(0, n).map(() => compact),
  ];
  const heights = new Map<string, number>();
  const heightOf = (i: number, l: StoryLayout) => {
    const key = `${i}:${l.excerptLines}`;
    if (!heights.has(key)) heights.set(key, storyHeight(ctx, list[i]!, l));
    return heights.get(key)!;
  };
  const simulate = (plan: StoryLayout[]): number => {
    let y = ctx.y;
    let pages = ctx.pages;
    let shown = 0;
    for (let i = 0; i < plan.length; i++) {
      const h = heightOf(i, plan[i]!);
      if (y + h > ctx.bottom) {
        if (pages >= MAX_PAGES) break;
        pages++;
        y = MARGIN.top;
        if (y + h > ctx.bottom) break;
      }
      y += h;
      shown++;
    }
    return shown;
  };
  let best: StoryLayout[] = [];
  let bestShown = -1;
  for (const plan of layouts(list.length)) {
    const shown = simulate(plan);
    if (shown > bestShown) {
      best = plan.slice(0, shown);
      bestShown = shown;
    }
  }
  best.forEach((layout, i) => {
    if (ctx.y + heightOf(i, layout) > ctx.bottom) newPage(ctx);
    drawStory(ctx, list[i]!, layout);
  });
  if (input.stories.length > best.length && ctx.y + 12 <= ctx.bottom) moreNote(ctx, "More stories are in Ripple's reports and in the spreadsheet export.", 12);
}
