import { ArrowRight, NotebookPen } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

/**
 * The weekly nudge, shown on Home when `reflectionReminder(actor).due`. Presentational: no
 * data access, no client JavaScript.
 */
export function ReflectionReminder({ weekLabel }: { weekLabel: string }) {
  return (
    <aside
      aria-labelledby="reflection-reminder-title"
      className="flex flex-col gap-3 rounded-xl border border-primary/30 bg-primary/5 p-4 sm:flex-row sm:items-center sm:gap-4 sm:p-5"
    >
      <NotebookPen aria-hidden="true" className="hidden size-6 shrink-0 text-primary sm:block" />
      <div className="min-w-0 flex-1">
        <h2 id="reflection-reminder-title" className="font-semibold">
          Time for your weekly reflection
        </h2>
        <p className="text-sm text-muted-foreground">What did you learn this week? A few lines for the {weekLabel.replace(/^Week/, "week")} is enough.</p>
      </div>
      <Button asChild className="self-start sm:self-auto">
        <Link href="/reflect">
          Reflect now
          <ArrowRight aria-hidden="true" />
        </Link>
      </Button>
    </aside>
  );
}
