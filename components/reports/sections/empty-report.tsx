import Link from "next/link";
import { EmptyNote } from "@/components/reports/empty-note";
import { Card, CardContent } from "@/components/ui/card";
import { DEFAULT_PERIOD_DAYS } from "@/lib/domain/report-filters";

/** A report with no story: why, and the way out (clear the filters, or all time). */
export function EmptyReportSection({ chosen, defaultPeriod, allTimeHref, own }: { chosen: number; defaultPeriod: boolean; allTimeHref: string; own: boolean }) {
  return (
    <Card>
      <CardContent>
        <EmptyNote>
          {chosen > 0 ? (
            <>
              Nothing to report for these filters.{" "}
              <Link href="/reports" className="font-medium text-primary underline underline-offset-4">
                Clear the filters
              </Link>
            </>
          ) : defaultPeriod ? (
            <>
              Nothing in the last {DEFAULT_PERIOD_DAYS} days.{" "}
              <Link href={allTimeHref} className="font-medium text-primary underline underline-offset-4">
                See all time
              </Link>
            </>
          ) : (
            <>Nothing to report yet.{own ? " Share a story and it counts here." : ""}</>
          )}
        </EmptyNote>
      </CardContent>
    </Card>
  );
}
