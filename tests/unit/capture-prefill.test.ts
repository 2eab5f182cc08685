import { describe, expect, it } from "vitest";
import { BOOKMARKLET_TITLE_MAX, BOOKMARKLET_URL_MAX, bookmarkletSource, rippleOrigin } from "@/lib/domain/bookmarklet";
import { safeReturnPath } from "@/lib/domain/return-path";
import { capturePath, capturePrefill, cutToLength, PREFILL_WHAT_MAX } from "@/lib/validation/capture-prefill";
import { quickCaptureSchema } from "@/lib/validation/story";

/** Runs a bookmarklet as a browser would (percent-decoded), on a page with this title and address. */
function runBookmarklet(source: string, page: { title: string; href: string; popupAllowed?: boolean }) {
  expect(source.startsWith("javascript:")).toBe(true);
  const code = decodeURIComponent(source.slice("javascript:".length));
  const opened: { url: string; name: string; features: string }[] = [];
  const url = new URL(page.href);
  const location = { href: page.href, origin: url.origin, pathname: url.pathname };
  const window = {
    open: (u: string, name: string, features: string) => {
      opened.push({ url: u, name, features });
      return page.popupAllowed === false ? null : {};
    },
  };
  new Function("document", "location", "window", code)({ title: page.title }, location, window);
  return { opened, location };
}

describe("the bookmarklet", () => {
  it("opens Ripple's capture with the page's title and address in the query, in a popup", () => {
    const { opened } = runBookmarklet(bookmarkletSource("https://ripple.example.com/"), {
      title: "GDPR templates & checklists: 50% off?",
      href: "https://blog.example.org/gdpr?x=1&y=é#part",
    });
    expect(opened).toHaveLength(1);
    const url = new URL(opened[0]!.url);
    expect(url.origin + url.pathname).toBe("https://ripple.example.com/capture");
    expect(url.searchParams.get("title")).toBe("GDPR templates & checklists: 50% off?");
    expect(url.searchParams.get("url")).toBe("https://blog.example.org/gdpr?x=1&y=é#part");
    expect(opened[0]!.name).toBe("ripple-capture");
  });

  it("opens the capture in the same tab when the popup is blocked", () => {
    const { location } = runBookmarklet(bookmarkletSource("http://localhost:3000"), { title: "A", href: "https://a.example/", popupAllowed: false });
    expect(location.href).toBe("http://localhost:3000/capture?title=A&url=https%3A%2F%2Fa.example%2F");
  });

  it("bounds what it sends: a long title is cut, an overlong address loses its query", () => {
    const long = `https://a.example/path?${"q".repeat(3000)}`;
    const { opened } = runBookmarklet(bookmarkletSource("https://r.example"), { title: "t".repeat(900), href: long });
    const url = new URL(opened[0]!.url);
    expect(url.searchParams.get("title")).toHaveLength(BOOKMARKLET_TITLE_MAX);
    expect(url.searchParams.get("url")).toBe("https://a.example/path");
    expect(BOOKMARKLET_URL_MAX).toBe(2000);
  });

  it("only reads the page and opens an address: no script element, no eval, no fetch", () => {
    const source = bookmarkletSource("https://r.example");
    for (const word of ["createElement", "eval", "fetch", "XMLHttpRequest", "innerHTML", "appendChild", "import("]) expect(source).not.toContain(word);
  });

  it("needs an http(s) origin", () => {
    expect(rippleOrigin("https://r.example/some/path?q")).toBe("https://r.example");
    expect(rippleOrigin("javascript:alert(1)")).toBeNull();
    expect(() => bookmarkletSource("ftp://r.example")).toThrow();
  });
});

describe("the capture prefill", () => {
  it("takes the title as what happened and the url as the link", () => {
    expect(capturePrefill({ title: "  Ask the network\nabout GDPR ", url: "https://a.example/x" })).toEqual({
      what: "Ask the network about GDPR",
      link: "https://a.example/x",
    });
  });

  it("finds the link in shared text when there is no url, and keeps the words", () => {
    expect(capturePrefill({ text: "Great thread on onboarding https://social.example/@lin/123." })).toEqual({
      what: "Great thread on onboarding",
      link: "https://social.example/@lin/123",
    });
    expect(capturePrefill({ title: "Onboarding", text: "https://social.example/p/1" })).toEqual({ what: "Onboarding", link: "https://social.example/p/1" });
  });

  it("drops a link the capture would refuse, and anything that is not text", () => {
    expect(capturePrefill({ title: "x", url: "javascript:alert(1)" }).link).toBe("");
    expect(capturePrefill({ title: "x", url: `https://a.example/${"p".repeat(2100)}` }).link).toBe("");
    expect(capturePrefill({ title: { toString: () => "evil" }, url: 42 })).toEqual({ what: "", link: "" });
    expect(capturePrefill({ title: ["first", "second"] }).what).toBe("first");
  });

  it("cuts what happened to the capture's bound, with an ellipsis, never half a character", () => {
    expect(PREFILL_WHAT_MAX).toBe(200);
    const { what } = capturePrefill({ title: "a".repeat(198) + "😀😀" });
    // 198 + 4 units: cut at 199 would split the first emoji, so it goes whole.
    expect(what).toBe(`${"a".repeat(198)}…`);
    expect(capturePrefill({ title: "b".repeat(201) }).what).toBe(`${"b".repeat(199)}…`);
    expect(cutToLength("abc", 3)).toBe("abc");
    expect(cutToLength("ab😀", 3)).toBe("ab…");
  });

  it("removes control characters and NUL; the result always parses with the capture schema's bounds", () => {
    const samples = [
      { title: "tab\there\u0000nul\u2028line" },
      { title: "é".normalize("NFD").repeat(300) },
      { text: "\ud800 lone surrogate ".repeat(40), url: "https://a.example/" },
      { title: "x".repeat(10_000), url: `https://a.example/${"y".repeat(1990)}` },
    ];
    for (const sample of samples) {
      const prefill = capturePrefill(sample);
      expect(prefill.what).not.toMatch(/[\u0000-\u001f]/);
      const parsed = quickCaptureSchema.safeParse({ what: prefill.what.padEnd(3, "."), link: prefill.link });
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
    expect(capturePrefill(samples[0]!).what).toBe("tab here nul line");
  });

  it("the capture path carries the prefill and reads back the same", () => {
    const prefill = capturePrefill({ text: "Shared & saved: 100% https://a.example/?a=1&b=2" });
    const path = capturePath(prefill);
    expect(path.startsWith("/capture?")).toBe(true);
    const query = new URL(path, "http://x").searchParams;
    expect(capturePrefill(Object.fromEntries(query))).toEqual(prefill);
    expect(capturePath({ what: "", link: "" })).toBe("/capture");
  });
});

describe("the return path after signing in", () => {
  it("accepts a path on this site", () => {
    expect(safeReturnPath("/capture?title=A%20b&url=https%3A%2F%2Fa.example")).toBe("/capture?title=A%20b&url=https%3A%2F%2Fa.example");
    expect(safeReturnPath("/")).toBe("/");
  });
  it("refuses other sites and tricks", () => {
    for (const bad of [
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "capture",
      "/\u0000x",
      "/a\nb",
      "",
      5,
      null,
      `/${"a".repeat(5000)}`,
    ]) {
      expect(safeReturnPath(bad), String(bad)).toBeNull();
    }
  });
  it("refuses paths that become protocol-relative once dot segments are resolved", () => {
    // new URL("/.//evil.example", base).pathname is "//evil.example": a redirect there leaves the site.
    for (const bad of ["/.//evil.example", "/..//evil.example", "/a/..//evil.example", "/%2e//evil.example", "/./%2e%2e//evil.example/x?y#z"]) {
      expect(safeReturnPath(bad), bad).toBeNull();
    }
    expect(safeReturnPath("/a/../capture?title=x")).toBe("/capture?title=x");
  });
});
