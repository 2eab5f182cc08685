import { createRoute, PUBLIC } from "@/lib/server/route";
import { ExpectedError } from "@/lib/platform/errors";
import { capturePath, capturePrefill } from "@/lib/validation/capture-prefill";

export const dynamic = "force-dynamic";

// The Web Share Target (app/manifest.ts `share_target`): a phone's share sheet POSTs the shared
// title, text and url here, as multipart/form-data (or a urlencoded form). The answer only
// sends the browser on to quick capture, filled in (303 See Other, so a reload does not post
// again): nothing is stored until the person presses "Save moment" there, behind the session
// and the server action's own origin check. So a POST from another site (this route must take
// them: a share sheet sends no Origin of ours) can do no more than open a filled-in form, and
// the route reads no session and touches no database.

const MESSAGE = "Ripple could not read what was shared. Share it again, or paste it into quick capture.";

function toCapture(source: { title?: unknown; text?: unknown; url?: unknown }): Response {
  return new Response(null, {
    status: 303,
    // A path on this site: never built from the request's Host.
    headers: { Location: capturePath(capturePrefill(source)), "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" },
  });
}

export const POST = createRoute({
  name: "captureShareTarget",
  authorize: PUBLIC,
  session: "none",
  handler: async (request) => {
    const type = request.headers.get("content-type") ?? "";
    if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(type)) throw new ExpectedError("invalid", MESSAGE);
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new ExpectedError("invalid", MESSAGE);
    }
    // A shared file (which the manifest does not ask for) is not text: capturePrefill ignores it.
    return toCapture({ title: form.get("title"), text: form.get("text"), url: form.get("url") });
  },
});

/** The same as a GET (`?title=…&text=…&url=…`), for share sheets and links that use one. */
export const GET = createRoute({
  name: "captureShareLink",
  authorize: PUBLIC,
  session: "none",
  handler: async (request) => {
    const query = new URL(request.url).searchParams;
    return toCapture({ title: query.get("title"), text: query.get("text"), url: query.get("url") });
  },
});
