import Link from "next/link";
import { FormattedDate } from "@/components/layout/time-zone";
import { StarIcon } from "lucide-react";
import { ValueChain } from "@/components/stories/value-chain";
import { Badge } from "@/components/ui/badge";
import type { ReportStoryItem } from "@/lib/db/report-stories";
import { formatFigure } from "@/lib/domain/figures";
import { CYCLE_INFO } from "@/lib/domain/framework";
import { cn } from "@/lib/utils";

/**
 * "€25,000 avoided · confirmed" as a badge: a realized-value figure says whether a manager
 * confirmed it; another cycle's figure says which cycle it belongs to ("4 minutes to answer ·
 * immediate value"), so it is never read as realized value.
 */
export function FigureBadge({ figure }: { figure: NonNullable<ReportStoryItem["figure"]> }) {
  const what = figure.cycle === "REALIZED" ? (figure.confirmed ? "confirmed" : "self-reported") : CYCLE_INFO[figure.cycle].name.toLowerCase();
  return (
    <Badge variant={figure.confirmed ? "realized" : "outline"} className="block rounded-md text-start whitespace-normal">
      {formatFigure(figure.value, figure.unit)} <span className="font-normal">· {what}</span>
    </Badge>
  );
}

export function HighlightBadge() {
  return (
    <Badge variant="secondary">
      <StarIcon aria-hidden="true" />
      Picked for leadership
    </Badge>
  );
}

/**
 * Stories of a report with what makes them worth telling: author, when, the value chain, the
 * headline figure and whether a manager picked it for leadership. `compact` for narrow columns.
 */
export function ReportStoryList({
  stories,
  label,
  compact = false,
  showLastEntry = false,
  className,
}: {
  stories: ReportStoryItem[];
  label: string;
  compact?: boolean;
  showLastEntry?: boolean;
  className?: string;
}) {
  return (
    <ul aria-label={label} className={cn("divide-y divide-border overflow-hidden rounded-lg border border-border bg-card", className)}>
      {stories.map((s) => (
        <li key={s.id} className={cn("relative flex gap-2 hover:bg-muted/50", compact ? "flex-col p-3" : "flex-col p-4 sm:flex-row sm:items-center sm:gap-4")}>
          <div className="min-w-0 flex-1 space-y-1">
            <Link
              href={`/stories/${s.id}`}
              className={cn(
                "font-medium after:absolute after:inset-0 focus-visible:outline-none [&:focus-visible]:after:outline-2 [&:focus-visible]:after:outline-ring",
                compact && "text-sm",
              )}
            >
              <span className="line-clamp-2">{s.title}</span>
            </Link>
            <p className="flex flex-wrap items-center gap-x-1.5 gap-y-1 text-xs text-muted-foreground">
              <span>{s.author}</span>
              <span aria-hidden="true">·</span>
              <time dateTime={s.occurredAt.toISOString()}>
                <FormattedDate date={s.occurredAt} style="day" />
              </time>
              {s.channel && !compact ? (
                <>
                  <span aria-hidden="true">·</span>
                  <span>{s.channel}</span>
                </>
              ) : null}
              {showLastEntry && s.lastRecordedAt ? (
                <>
                  <span aria-hidden="true">·</span>
                  <span>
                    last entry{" "}
                    <time dateTime={s.lastRecordedAt.toISOString()}>
                      <FormattedDate date={s.lastRecordedAt} style="day" />
                    </time>
                  </span>
                </>
              ) : null}
            </p>
            {s.highlighted || s.figure ? (
              <p className="flex flex-wrap gap-1.5 pt-0.5">
                {s.highlighted ? <HighlightBadge /> : null}
                {s.figure ? <FigureBadge figure={s.figure} /> : null}
              </p>
            ) : null}
          </div>
          <ValueChain chain={s.chain} className="shrink-0" />
        </li>
      ))}
    </ul>
  );
}
