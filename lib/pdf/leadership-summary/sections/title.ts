// Page 1's title block: what the document is, when it was made, for which organisation, scope
// and filters.
import { formatDay } from "../format";
import { setFont, put, para, clampLines, type Ctx } from "../primitives";
import { INK, MUTED, PRIMARY } from "../theme";

export function titleBlock(ctx: Ctx): void {
  const { doc, input } = ctx;
  setFont(doc, "bold", 8, PRIMARY);
  put(doc, "LEADERSHIP SUMMARY", ctx.x, ctx.y, { characterSpacing: 1.4 });
  setFont(doc, "regular", 8, MUTED);
  put(doc, `Generated ${formatDay(input.generatedAt)}`, ctx.x, ctx.y, { width: ctx.width, align: "right" });
  ctx.y += 18;

  setFont(doc, "serifBold", 23, INK);
  const title = "Value created through social learning";
  para(doc, title, ctx.x, ctx.y, ctx.width, 2);
  ctx.y = doc.y + 6;

  setFont(doc, "bold", 13, INK);
  const org = clampLines(doc, input.organizationName, ctx.width, 2, 1);
  para(doc, org, ctx.x, ctx.y, ctx.width, 1);
  ctx.y = doc.y + 3;
  setFont(doc, "regular", 9.5, MUTED);
  const scope = clampLines(doc, [input.scopeLine, input.filtersLine].filter(Boolean).join(" · "), ctx.width, 2, 1.5);
  para(doc, scope, ctx.x, ctx.y, ctx.width, 1.5);
  ctx.y = doc.y + 16;
}
