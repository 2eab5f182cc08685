import type { Metadata } from "next";
import Link from "next/link";
import { TrashActions } from "@/components/stories/trash-actions";
import { requireActor } from "@/lib/auth/session";
import { listTrash } from "@/lib/db/trash";
import { formatDate } from "@/lib/domain/format";
import { timeZoneOf } from "@/lib/domain/actor";

export const metadata: Metadata = { title: "Trash" };

export default async function TrashPage() {
  const actor = await requireActor();
  const stories = await listTrash(actor);
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/stories" className="text-muted-foreground underline-offset-4 hover:underline">
          My stories
        </Link>
      </nav>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Trash</h1>
        <p className="mt-1 text-muted-foreground">Stories stay here for 30 days, then they are erased for good.</p>
      </div>
      {stories.length === 0 ? (
        <p className="rounded-lg border border-dashed border-border p-6 text-center text-sm text-muted-foreground">The trash is empty.</p>
      ) : (
        <ul className="divide-y divide-border rounded-lg border border-border bg-card" aria-label="Stories in the trash">
          {stories.map((s) => (
            <li key={s.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center">
              <div className="min-w-0 flex-1">
                <p className="font-medium">{s.title}</p>
                <p className="text-xs text-muted-foreground">
                  Moved to trash {formatDate(s.deletedAt, "dayLong", timeZoneOf(actor))} · erased on {formatDate(s.erasesAt, "dayLong", timeZoneOf(actor))}
                </p>
              </div>
              <TrashActions storyId={s.id} title={s.title} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
