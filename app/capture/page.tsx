import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Logo } from "@/components/layout/logo";
import { ServiceWorker } from "@/components/layout/service-worker";
import { CapturePanel } from "@/components/stories/capture-panel";
import { CaptureOutboxStatus } from "@/components/stories/capture-outbox-status";
import { getActor } from "@/lib/auth/session";
import { listChannels } from "@/lib/db/catalogue";
import { shellPreferences } from "@/lib/db/profile";
import { capturePath, capturePrefill } from "@/lib/validation/capture-prefill";

export const metadata: Metadata = { title: "Capture a learning moment" };

type Query = Record<string, string | string[] | undefined>;

/**
 * Quick capture on a page of its own, filled in from the address: the bookmarklet opens it (a
 * small window) with a page's title and address, a phone's share sheet through
 * /api/capture/share. Opening it stores nothing: the person confirms with "Save moment".
 * Signed out: sign in first, then back here with the same (bounded) prefill.
 */
export default async function CapturePage({ searchParams }: { searchParams: Promise<Query> }) {
  const prefill = capturePrefill(await searchParams);
  const actor = await getActor();
  if (!actor) redirect(`/sign-in?next=${encodeURIComponent(capturePath(prefill))}`);
  const [channels, prefs] = await Promise.all([listChannels(actor), shellPreferences(actor)]);
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center justify-between gap-3 px-4 py-3 sm:px-6">
        <Link href="/" className="rounded-md focus-visible:outline-2 focus-visible:outline-ring" aria-label="Ripple home">
          <Logo compact />
        </Link>
        <Link href="/stories" className="text-sm font-medium text-primary underline underline-offset-4">
          My stories
        </Link>
      </header>
      <main id="main" className="mx-auto w-full max-w-xl flex-1 px-4 pb-12 pt-2 sm:px-6">
        <CaptureOutboxStatus owner={actor.membershipId} />
        <CapturePanel channels={channels.map((c) => ({ key: c.key, label: c.label }))} preferredChannel={prefs.captureChannel} initial={prefill} />
      </main>
      <ServiceWorker />
    </div>
  );
}
