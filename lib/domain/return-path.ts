/**
 * Where to go after signing in: a path on this site ("/capture?title=…"), or null for anything
 * else (another site, "//evil.example", "/\\evil.example", a javascript: address, control
 * characters), so a link cannot send a person elsewhere after they sign in.
 */
export function safeReturnPath(value: unknown, max = 4000): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > max) return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  try {
    const base = "http://return.invalid";
    const url = new URL(value, base);
    if (url.origin !== base) return null;
    const path = `${url.pathname}${url.search}${url.hash}`;
    // Resolving dot segments can make "/.//evil.example" into "//evil.example" (another site):
    // the result is checked again, as it is what a redirect sends.
    if (path.startsWith("//") || path.startsWith("/\\")) return null;
    return path;
  } catch {
    return null;
  }
}
