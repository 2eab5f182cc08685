import type { Metadata } from "next";
import Link from "next/link";
import { Logo } from "@/components/layout/logo";
import { ApiReference } from "@/components/developers/api-reference";
import { PROBLEMS } from "@/lib/domain/api";
import { openApiDocument } from "@/lib/server/api/openapi";

export const metadata: Metadata = { title: "API reference" };

/** The REST API's reference, rendered on the server from the OpenAPI document (no script, no CDN). */
export default function DevelopersPage() {
  const doc = openApiDocument();
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="px-4 py-4 sm:px-8">
        <Link href="/" className="rounded-md focus-visible:outline-2 focus-visible:outline-ring">
          <Logo />
        </Link>
      </header>
      <main id="main" className="mx-auto w-full max-w-4xl px-4 pb-16 sm:px-8">
        <ApiReference doc={doc as unknown as Parameters<typeof ApiReference>[0]["doc"]} problems={PROBLEMS} />
      </main>
    </div>
  );
}
