import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { ReflectionView } from "@/lib/db/reflections";
import { REFLECTION_QUESTIONS } from "@/lib/domain/reflection";

const ANSWERS = ["learned", "performance", "organizationImpact"] as const;

/** Past weeks, newest first: each week's answers (or "Nothing this week") and linked stories. */
export function ReflectionHistory({ reflections }: { reflections: ReflectionView[] }) {
  if (reflections.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-border p-6 text-center text-sm text-muted-foreground">
        Your reflections will appear here, week by week.
      </p>
    );
  }
  return (
    <ol className="space-y-4" aria-label="Reflections by week">
      {reflections.map((r) => (
        <li key={r.id} className="rounded-lg border border-border bg-card p-4 sm:p-5">
          <article aria-labelledby={`reflection-${r.id}-title`} className="space-y-3">
            <header className="flex flex-wrap items-center justify-between gap-2">
              <h3 id={`reflection-${r.id}-title`} className="font-semibold">
                <time dateTime={r.weekStart.toISOString().slice(0, 10)}>{r.weekLabel}</time>
              </h3>
              {r.skipped ? null : (
                <Badge variant={r.sharedWithManager ? "secondary" : "muted"}>{r.sharedWithManager ? "Shared with your manager" : "Only you"}</Badge>
              )}
            </header>
            {r.skipped ? (
              <p className="text-sm italic text-muted-foreground">Nothing this week</p>
            ) : (
              <dl className="space-y-3">
                {ANSWERS.filter((key) => r[key]).map((key) => (
                  <div key={key}>
                    <dt className="text-sm font-medium text-muted-foreground">{REFLECTION_QUESTIONS[key]}</dt>
                    <dd className="mt-0.5 whitespace-pre-line break-words">{r[key]}</dd>
                  </div>
                ))}
              </dl>
            )}
            {r.stories.length ? (
              <div className="text-sm">
                <h4 className="font-medium text-muted-foreground">Linked stories</h4>
                <ul className="mt-1 space-y-1">
                  {r.stories.map((s) => (
                    <li key={s.id}>
                      <Link href={`/stories/${s.id}`} className="break-words text-primary underline-offset-4 hover:underline">
                        {s.title}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </article>
        </li>
      ))}
    </ol>
  );
}
