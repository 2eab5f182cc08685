import { NextResponse } from "next/server";
import { unsubscribe } from "@/lib/db/nudges";
import { publicUrl } from "@/lib/platform/env";
import { createRoute, PUBLIC } from "@/lib/server/route";
import { unsubscribeTokenSchema } from "@/lib/validation/nudges";

export const dynamic = "force-dynamic";

// An e-mail's unsubscribe address (List-Unsubscribe). No sign-in: the signed token names the
// person and the kind of e-mail, and it can do nothing but stop that kind.
// - POST with "List-Unsubscribe=One-Click" (RFC 8058: the mail client's one-click button): stops it, 200.
// - POST from the confirm page's button: stops it, then back to the page (303), which says so.
// - GET (someone opened the address): the confirm page; opening it changes nothing.

const NOT_VALID = "This unsubscribe link is not valid.";
const headers = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

const pageFor = (token: string, done = false) => new URL(`/unsubscribe/${encodeURIComponent(token)}${done ? "?done=1" : ""}`, publicUrl());

export const GET = createRoute<typeof PUBLIC, { token: string }>({
  name: "unsubscribe.open",
  authorize: PUBLIC,
  session: "none",
  handler: async (_request, { params }) => {
    const token = unsubscribeTokenSchema.safeParse(params.token);
    if (!token.success) return NextResponse.json({ error: NOT_VALID }, { status: 404, headers });
    return NextResponse.redirect(pageFor(token.data), { status: 303, headers });
  },
});

export const POST = createRoute<typeof PUBLIC, { token: string }>({
  name: "unsubscribe",
  authorize: PUBLIC,
  session: "none",
  handler: async (request, { params }) => {
    const token = unsubscribeTokenSchema.safeParse(params.token);
    if (!token.success) return NextResponse.json({ error: NOT_VALID }, { status: 404, headers });
    const body = (await request.text().catch(() => "")).slice(0, 1000);
    const oneClick = new URLSearchParams(body).get("List-Unsubscribe") === "One-Click";
    const result = await unsubscribe(token.data, oneClick ? "one-click" : "page");
    if (!result) return NextResponse.json({ error: NOT_VALID }, { status: 404, headers });
    if (oneClick) return NextResponse.json({ unsubscribed: result.kind }, { headers });
    return NextResponse.redirect(pageFor(token.data, true), { status: 303, headers });
  },
});
