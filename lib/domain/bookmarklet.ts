// The bookmarklet: a `javascript:` address that, clicked on any page, opens Ripple's quick
// capture with that page's title and address in the query. It only reads document.title and
// location and opens a URL: it injects nothing into the page, so it runs under any site's
// Content-Security-Policy (browsers do not apply a page's CSP to bookmarklets the person runs),
// and everything it sends is parsed and bounded by Ripple (lib/validation/capture-prefill.ts).

/** Where quick capture opens on its own page, filled from `title`, `text` and `url` in its query. */
export const CAPTURE_PATH = "/capture";

/** How much of the page's title and address the bookmarklet puts in the query, at most. */
export const BOOKMARKLET_TITLE_MAX = 500;
export const BOOKMARKLET_URL_MAX = 2000;

/** The origin of Ripple ("https://ripple.example.com") from an address; null if not http(s). */
export function rippleOrigin(address: string): string | null {
  try {
    const url = new URL(address);
    return url.protocol === "https:" || url.protocol === "http:" ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * The bookmarklet for the Ripple at `origin`. A page address longer than the capture's link may
 * be is sent without its query and fragment (which is where such length comes from). A popup
 * window when the browser allows one, else the capture opens in the same tab.
 */
export function bookmarkletSource(origin: string): string {
  const base = rippleOrigin(origin);
  if (!base) throw new Error("The bookmarklet needs Ripple's http(s) origin.");
  const target = JSON.stringify(`${base}${CAPTURE_PATH}`);
  const code =
    "(function(){" +
    "var d=document,l=location,h=String(l.href);" +
    `if(h.length>${BOOKMARKLET_URL_MAX})h=String(l.origin+l.pathname).slice(0,${BOOKMARKLET_URL_MAX});` +
    `var u=${target}+'?title='+encodeURIComponent(String(d.title||'').slice(0,${BOOKMARKLET_TITLE_MAX}))+'&url='+encodeURIComponent(h);` +
    "if(!window.open(u,'ripple-capture','popup,width=560,height=720'))l.href=u;" +
    "})();void 0";
  // A javascript: address is percent-decoded before it runs: the code holds no "%" to decode.
  return `javascript:${code.replaceAll("%", "%25")}`;
}
