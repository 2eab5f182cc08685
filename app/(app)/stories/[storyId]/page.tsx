import type { Metadata } from "next";
import { Pencil } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CommentThread } from "@/components/stories/comment-thread";
import { EvidenceFiles } from "@/components/stories/evidence-files";
import { FollowUpCard } from "@/components/stories/follow-up-card";
import { RichText } from "@/components/stories/rich-text";
import { ValueChain } from "@/components/stories/value-chain";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { requireActor } from "@/lib/auth/session";
import { ReviewPanel } from "@/components/stories/review-panel";
import { ReviewBar } from "@/components/stories/review-bar";
import { NavSection } from "@/components/layout/nav-section";
import { ShareStoryButton } from "@/components/stories/share-story-button";
import { storyPageData } from "@/lib/db/story-page";
import { can } from "@/lib/domain/access";
import { formatFigure } from "@/lib/domain/figures";
import { CYCLES, CYCLE_INFO, cycleAnchor, furthestCycle } from "@/lib/domain/framework";
import { audiencePhrase } from "@/lib/domain/roles";
import { followUpSuggested, nextCycle } from "@/lib/domain/story";
import { idSchema } from "@/lib/validation/common";
import { formatDate } from "@/lib/domain/format";
import { timeZoneOf } from "@/lib/domain/actor";

export const metadata: Metadata = { title: "Story" };

const BADGE = { IMMEDIATE: "immediate", POTENTIAL: "potential", APPLIED: "applied", REALIZED: "realized", REFRAMING: "reframing" } as const;

export default async function StoryPage({ params }: { params: Promise<{ storyId: string }> }) {
  const actor = await requireActor();
  const id = idSchema.safeParse((await params).storyId);
  if (!id.success) notFound();
  // The story looked up and authorised once, its handle shared by the comments, review and readings.
  const data = await storyPageData(actor, id.data);
  if (!data) notFound();
  const { story, indicators, followUp, comments, abilities, readings, thanks, questions } = data;
  const realized = story.entries.find((e) => e.cycle === "REALIZED" && e.figureValue !== null);
  const myReading = readings.find((r) => r.mine) ?? null;
  const reviewsAuthor = abilities.askNext && can(actor, "team.review");
  const back = story.isAuthor ? { href: "/stories", label: "My stories" } : reviewsAuthor ? { href: "/team", label: "Team" } : { href: "/", label: "Home" };
  const authorFirstName = story.author.user.name.split(" ")[0] || story.author.user.name;
  const indicatorLabel = new Map(indicators.map((i) => [i.key, i.label]));
  const entries = new Map(story.entries.map((e) => [e.cycle, e]));
  const furthest = furthestCycle(story.entries.map((e) => e.cycle));
  const audience = audiencePhrase(story.visibility, story.isAuthor ? null : (story.author.user.name.split(" ")[0] ?? story.author.user.name));
  return (
    <article className="space-y-6">
      <NavSection href={story.isAuthor ? "/stories" : reviewsAuthor ? "/team" : null} />
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={back.href} className="text-muted-foreground underline-offset-4 hover:underline">
          {back.label}
        </Link>
      </nav>
      <header className="space-y-3">
        <h1 className="text-2xl font-semibold tracking-tight text-balance sm:text-3xl">{story.title}</h1>
        {story.isAuthor ? (
          <div className="flex flex-wrap items-center gap-2">
            <Button asChild>
              <Link href={`/stories/${story.id}/edit`}>
                <Pencil aria-hidden="true" /> Edit story
              </Link>
            </Button>
            {story.status === "DRAFT" && story.visibility !== "PRIVATE" ? <ShareStoryButton storyId={story.id} audience={audience} /> : null}
          </div>
        ) : null}
        <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
          <time dateTime={story.occurredAt.toISOString()}>{formatDate(story.occurredAt, "dayLong", timeZoneOf(actor))}</time>
          {story.channel ? (
            <span>· {story.channel.label}</span>
          ) : story.isAuthor ? (
            <span>
              · Where: not said yet.{" "}
              <Link href={`/stories/${story.id}/edit#story-channel`} className="text-primary underline underline-offset-4">
                Add it
              </Link>
            </span>
          ) : null}
          <span>· by {story.author.user.name}</span>
        </p>
        <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="story-audience">
          {story.status === "DRAFT" ? (
            <>
              <Badge variant="secondary">Draft: only you see it</Badge>
              <span className="text-muted-foreground">
                {story.visibility === "PRIVATE" ? "Set to only you: it stays yours when shared." : `When you share it: ${audience}.`}
              </span>
            </>
          ) : story.visibility === "PRIVATE" ? (
            <Badge variant="outline">Private: only {story.isAuthor ? "you see" : "its author sees"} it</Badge>
          ) : (
            <Badge variant="outline">Shared with: {audience}</Badge>
          )}
          {story.highlightedAt ? <Badge variant="realized">Picked for leadership</Badge> : null}
        </p>
        {thanks.length ? (
          <p className="text-sm" data-testid="thanked-by">
            <span aria-hidden="true">♥ </span>
            {story.isAuthor ? "Thanked you: " : "Thanked by "}
            {thanks.map((t) => (t.mine ? "you" : t.name)).join(", ")}
          </p>
        ) : null}
        <ReviewBar
          storyId={story.id}
          authorFirstName={authorFirstName}
          abilities={abilities}
          figure={realized ? { value: formatFigure(Number(realized.figureValue), realized.figureUnit ?? ""), confirmed: realized.confirmedAt !== null } : null}
          highlighted={story.highlightedAt !== null}
          thanked={thanks.some((t) => t.mine)}
        />
        {questions.length ? (
          <ul aria-label="Questions for you" className="space-y-2">
            {questions.map((q) => (
              <li key={q.id} className="rounded-lg border border-primary/40 bg-card p-3 text-sm">
                <p>
                  <strong>{q.askedBy}</strong> asked what happened next
                  {q.note ? (
                    <>
                      : <q>{q.note}</q>
                    </>
                  ) : null}
                </p>
                <Link
                  href={`/stories/${story.id}/edit${q.cycle ? `#${cycleAnchor(q.cycle)}` : ""}`}
                  className="font-medium text-primary underline underline-offset-4"
                >
                  {q.cycle ? `Add ${CYCLE_INFO[q.cycle].name.toLowerCase()}` : "Add what happened next"}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        <ValueChain chain={story.chain} size="md" hrefFor={story.isAuthor ? (cycle) => `/stories/${story.id}/edit#${cycleAnchor(cycle)}` : undefined} />
        {story.narrative ? <RichText text={story.narrative} className="text-base" /> : null}
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          {story.minutesInvested !== null ? (
            <div>
              <dt className="inline text-muted-foreground">Time invested: </dt>
              <dd className="inline">{story.minutesInvested} min</dd>
            </div>
          ) : null}
          {story.minutesSaved !== null ? (
            <div>
              <dt className="inline text-muted-foreground">Time saved: </dt>
              <dd className="inline">{story.minutesSaved} min</dd>
            </div>
          ) : null}
          {story.tags.length ? (
            <div>
              <dt className="inline text-muted-foreground">Tags: </dt>
              <dd className="inline">{story.tags.join(", ")}</dd>
            </div>
          ) : null}
        </dl>
        {story.contributors.length ? (
          <div className="text-sm">
            <h2 className="font-medium">Who helped</h2>
            <ul className="mt-1 flex flex-wrap gap-2">
              {story.contributors.map((c) => (
                <li key={c.id} className="rounded-full border border-border px-3 py-1">
                  {c.name}
                  <span className="text-muted-foreground">
                    {c.platform ? ` · ${c.platform}` : ""} · {c.insideOrg ? "inside" : "outside"} ·{" "}
                    {c.tieStrength === "STRONG" ? "close tie" : "occasional tie"}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </header>

      {story.isAuthor && followUpSuggested(furthest) ? <FollowUpCard storyId={story.id} next={nextCycle(furthest)} open={followUp} /> : null}

      <ol className="space-y-4">
        {CYCLES.map((cycle) => {
          const entry = entries.get(cycle);
          const info = CYCLE_INFO[cycle];
          const files = entry?.evidence.filter((e) => e.kind === "FILE") ?? [];
          const links = entry?.evidence.filter((e) => e.kind === "LINK" && e.url) ?? [];
          return (
            <li key={cycle} className="rounded-lg border border-border bg-card p-4">
              <h2 className="font-semibold">
                {info.number}. {info.name}
              </h2>
              <p className="text-sm text-muted-foreground">{info.question}</p>
              {entry ? (
                <div className="mt-3 space-y-3">
                  {entry.narrative ? <RichText text={entry.narrative} /> : null}
                  {entry.indicatorKeys.length ? (
                    <ul className="flex flex-wrap gap-2" aria-label="Indicators">
                      {entry.indicatorKeys.map((k) => (
                        <li key={k}>
                          <Badge variant={BADGE[cycle]}>{indicatorLabel.get(k) ?? k}</Badge>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {entry.figureValue !== null ? (
                    <p className="text-sm">
                      <span className="text-muted-foreground">Figure: </span>
                      <strong className="text-base">{formatFigure(Number(entry.figureValue), entry.figureUnit ?? "")}</strong>
                      {entry.confirmedAt ? (
                        <span className="text-success">
                          {" "}
                          · confirmed by {entry.confirmedBy?.user.name ?? "a manager"} on {formatDate(entry.confirmedAt, "dayLong", timeZoneOf(actor))}
                        </span>
                      ) : (
                        <span className="text-muted-foreground"> · self-reported</span>
                      )}
                    </p>
                  ) : null}
                  {links.length ? (
                    <ul className="space-y-1 text-sm">
                      {links.map((ev) => (
                        <li key={ev.id}>
                          <a href={ev.url!} rel="noopener noreferrer nofollow" target="_blank" className="break-all text-primary underline underline-offset-4">
                            {ev.label ?? ev.url}
                          </a>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {files.length ? (
                    <EvidenceFiles
                      storyId={story.id}
                      cycle={cycle}
                      editable={false}
                      files={files.map((f) => ({
                        id: f.id,
                        fileName: f.fileName ?? "file",
                        mimeType: f.mimeType ?? "application/octet-stream",
                        sizeBytes: f.sizeBytes ?? 0,
                      }))}
                    />
                  ) : null}
                  <p className="text-xs text-muted-foreground">Added {formatDate(entry.recordedAt, "dayLong", timeZoneOf(actor))}</p>
                </div>
              ) : (
                <p className="mt-3 text-sm italic text-muted-foreground">
                  Not yet.{" "}
                  {story.isAuthor ? (
                    <Link href={`/stories/${story.id}/edit#${cycleAnchor(cycle)}`} className="not-italic text-primary underline underline-offset-4">
                      Add {info.name.toLowerCase()}
                    </Link>
                  ) : null}
                </p>
              )}
            </li>
          );
        })}
      </ol>

      {readings.length ? (
        <section aria-labelledby="readings-heading" className="space-y-3">
          <h2 id="readings-heading" className="text-lg font-semibold">
            Reviewers&apos; readings
          </h2>
          <p className="text-sm text-muted-foreground">How reviewers read this story, beside the author&apos;s own tagging above.</p>
          <ul className="space-y-2">
            {readings.map((r) => (
              <li key={r.id} className="rounded-lg border border-border bg-card p-3 text-sm">
                <p className="font-medium">{r.reviewer}</p>
                <p>
                  <span className="text-muted-foreground">Cycles: </span>
                  {r.cycles.length ? r.cycles.map((c) => CYCLE_INFO[c].name).join(", ") : "none"}
                </p>
                {r.indicatorKeys.length ? (
                  <p>
                    <span className="text-muted-foreground">Indicators: </span>
                    {r.indicatorKeys.map((k) => indicatorLabel.get(k) ?? k).join(", ")}
                  </p>
                ) : null}
                {r.note ? <RichText text={r.note} className="mt-1" /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {abilities.reading ? (
        <ReviewPanel
          storyId={story.id}
          indicators={indicators.filter((i) => i.retiredAt === null).map((i) => ({ key: i.key, label: i.label, cycle: i.cycle }))}
          myReading={myReading ? { cycles: myReading.cycles, indicatorKeys: myReading.indicatorKeys, note: myReading.note } : null}
        />
      ) : null}

      <CommentThread
        storyId={story.id}
        comments={comments.map((c) => ({ ...c, createdAt: c.createdAt.toISOString(), editedAt: c.editedAt?.toISOString() ?? null }))}
      />
    </article>
  );
}
