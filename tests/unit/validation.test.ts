import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signInSchema, signUpSchema } from "@/lib/validation/auth";
import { formDataToObject, idSchema } from "@/lib/validation/common";
import { quickCaptureSchema } from "@/lib/validation/story";

/** The messages of a failed parse, by field. */
function errors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): Record<string, string[]> {
  expect(result.success).toBe(false);
  const out: Record<string, string[]> = {};
  for (const issue of result.error?.issues ?? []) (out[issue.path.join(".")] ??= []).push(issue.message);
  return out;
}

const validSignUp = { organizationName: "Acme Ltd", name: "Ada Lovelace", email: "ada@example.com", password: "correct horse battery" };

describe("signUpSchema", () => {
  it("trims names and e-mail and lower-cases the e-mail, but keeps the password as typed", () => {
    const parsed = signUpSchema.parse({
      organizationName: "  Acme Ltd  ",
      name: "\tAda Lovelace ",
      email: "  Ada.Lovelace@Example.COM ",
      password: "  spaced password  ",
    });
    expect(parsed).toEqual({ organizationName: "Acme Ltd", name: "Ada Lovelace", email: "ada.lovelace@example.com", password: "  spaced password  " });
  });

  it.each<[string, Partial<typeof validSignUp>, string, RegExp]>([
    ["organisation name too short", { organizationName: "A" }, "organizationName", /at least 2 characters/],
    ["organisation name only spaces", { organizationName: "   " }, "organizationName", /at least 2 characters/],
    ["organisation name too long", { organizationName: "x".repeat(101) }, "organizationName", /at most 100 characters/],
    ["name empty", { name: "" }, "name", /^Enter your name\.$/],
    ["name only spaces", { name: "  " }, "name", /^Enter your name\.$/],
    ["name too long", { name: "x".repeat(101) }, "name", /at most 100 characters/],
    ["e-mail empty", { email: "" }, "email", /^Enter your email address\.$/],
    ["e-mail only spaces", { email: "   " }, "email", /^Enter your email address\.$/],
    ["e-mail without @", { email: "ada.example.com" }, "email", /like name@example\.com/],
    ["e-mail without domain", { email: "ada@" }, "email", /like name@example\.com/],
    ["e-mail too long", { email: `${"a".repeat(250)}@example.com` }, "email", /too long/],
    ["password too short", { password: "123456789" }, "password", /at least 10 characters/],
    ["password too long", { password: "x".repeat(201) }, "password", /at most 200 characters/],
  ])("refuses %s with a readable message", (_label, patch, field, message) => {
    const messages = errors(signUpSchema.safeParse({ ...validSignUp, ...patch }));
    expect(Object.keys(messages)).toEqual([field]);
    expect(messages[field]?.[0]).toMatch(message);
  });

  it("accepts the boundaries", () => {
    expect(signUpSchema.safeParse({ ...validSignUp, organizationName: "AB", name: "A", password: "x".repeat(10) }).success).toBe(true);
    expect(signUpSchema.safeParse({ ...validSignUp, organizationName: "x".repeat(100), name: "x".repeat(100), password: "x".repeat(200) }).success).toBe(true);
  });

  it("names every missing field", () => {
    const messages = errors(signUpSchema.safeParse({}));
    expect(messages).toEqual({
      organizationName: ["Enter your organisation's name."],
      name: ["Enter your name."],
      email: ["Enter your email address."],
      password: ["Enter a password."],
    });
  });
});

describe("signInSchema", () => {
  it("trims and lower-cases the e-mail", () => {
    expect(signInSchema.parse({ email: " BOB@Example.org ", password: "x" })).toEqual({ email: "bob@example.org", password: "x" });
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ["empty password", { email: "bob@example.org", password: "" }, "password", /^Enter your password\.$/],
    ["password too long", { email: "bob@example.org", password: "x".repeat(201) }, "password", /.+/],
    ["bad e-mail", { email: "bob", password: "x" }, "email", /like name@example\.com/],
  ])("refuses %s", (_label, input, field, message) => {
    const messages = errors(signInSchema.safeParse(input));
    expect(Object.keys(messages)).toEqual([field]);
    expect(messages[field]?.[0]).toMatch(message);
  });

  it("does not apply the sign-up password length to sign-in (old short passwords can still be typed)", () => {
    expect(signInSchema.safeParse({ email: "bob@example.org", password: "short" }).success).toBe(true);
  });
});

describe("quickCaptureSchema", () => {
  const base = { what: "Asked the network about templates", channel: "social" };

  it("carries the page's id for the moment (lower-cased), and refuses one that is not a UUID", () => {
    expect(quickCaptureSchema.parse({ ...base, clientId: "0190F1A2-0000-4000-8000-00000000ABCD" }).clientId).toBe("0190f1a2-0000-4000-8000-00000000abcd");
    expect(quickCaptureSchema.parse(base).clientId).toBeUndefined();
    expect(errors(quickCaptureSchema.safeParse({ ...base, clientId: "retry-1" }))).toEqual({
      clientId: ["This form is out of date. Reload the page; what you typed is kept."],
    });
  });

  it("trims text, defaults the start cycle to IMMEDIATE and drops an empty link", () => {
    expect(quickCaptureSchema.parse({ what: "  Good tip from Priya  ", channel: " colleague ", link: "" })).toEqual({
      what: "Good tip from Priya",
      channel: "colleague",
      startCycle: "IMMEDIATE",
    });
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["only spaces", "   "],
  ])("takes a %s channel as not said yet (an empty key: the story has no channel until the editor adds one)", (_label, channel) => {
    expect(quickCaptureSchema.parse({ ...base, channel }).channel).toBe("");
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["only spaces", "   "],
  ])("treats a %s link as no link", (_label, link) => {
    const parsed = quickCaptureSchema.parse({ ...base, link });
    expect(parsed.link).toBeUndefined();
  });

  it.each(["https://example.org/templates?id=3#top", "http://intranet.local/wiki", "  https://example.org/padded  "])("accepts the link %j", (link) => {
    expect(quickCaptureSchema.parse({ ...base, link }).link).toBe(link.trim());
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://files.example.org/x",
    "file:///etc/passwd",
    "example.org/no-scheme",
    "not a link",
  ])("refuses the link %j", (link) => {
    expect(errors(quickCaptureSchema.safeParse({ ...base, link }))).toEqual({ link: ["Enter a link that starts with http:// or https://."] });
  });

  it("refuses a link over 2000 characters", () => {
    const link = `https://example.org/${"a".repeat(2000)}`;
    expect(errors(quickCaptureSchema.safeParse({ ...base, link })).link?.[0]).toMatch(/too long/);
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ["what too short", { what: "ab" }, "what", /at least 3 characters/],
    ["what only spaces", { what: "     " }, "what", /at least 3 characters/],
    ["what too long", { what: "x".repeat(201) }, "what", /at most 200 characters/],
    ["what missing", { what: undefined }, "what", /^Say in one line what happened\.$/],
    ["channel too long", { channel: "x".repeat(41) }, "channel", /40/],
    ["unknown cycle", { startCycle: "ETERNAL" }, "startCycle", /^Choose one of the five cycles\.$/],
    ["lower-case cycle", { startCycle: "applied" }, "startCycle", /^Choose one of the five cycles\.$/],
  ])("refuses %s", (_label, patch, field, message) => {
    const messages = errors(quickCaptureSchema.safeParse({ ...base, ...patch }));
    expect(Object.keys(messages)).toEqual([field]);
    expect(messages[field]?.[0]).toMatch(message);
  });

  it("accepts 3 and 200 characters", () => {
    expect(quickCaptureSchema.safeParse({ ...base, what: "abc" }).success).toBe(true);
    expect(quickCaptureSchema.safeParse({ ...base, what: "x".repeat(200) }).success).toBe(true);
  });

  it.each(["IMMEDIATE", "POTENTIAL", "APPLIED", "REALIZED", "REFRAMING"])("accepts the start cycle %s", (startCycle) => {
    expect(quickCaptureSchema.parse({ ...base, startCycle }).startCycle).toBe(startCycle);
  });
});

describe("idSchema", () => {
  // Test names stay the same from run to run (the test runner compares them with its plan).
  it.each([
    ["a random version 4 UUID", randomUUID()],
    ["0190a5b4-0000-7000-8000-000000000000", "0190a5b4-0000-7000-8000-000000000000"],
    ["0195f3c2-7d1e-7c3a-9b2f-1a2b3c4d5e6f", "0195f3c2-7d1e-7c3a-9b2f-1a2b3c4d5e6f"],
  ])("accepts the UUID %s", (_name, id) => {
    expect(idSchema.parse(id)).toBe(id);
  });

  it.each([
    "",
    "42",
    "not-a-uuid",
    "0190a5b4-0000-7000-8000-00000000000",
    "0190a5b4-0000-7000-8000-0000000000000",
    "0190a5b4000070008000000000000000",
    "' OR 1=1 --",
    "../../etc/passwd",
  ])("refuses %j with 'That link is not valid.'", (id) => {
    const result = idSchema.safeParse(id);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("That link is not valid.");
  });

  it.each([42, null, undefined, {}])("refuses the non-string %j", (id) => {
    expect(idSchema.safeParse(id).success).toBe(false);
  });
});

describe("formDataToObject", () => {
  it("keeps single values as strings and turns repeated keys into arrays, in order", () => {
    const form = new FormData();
    form.append("title", "Hello");
    form.append("indicators", "reciprocity");
    form.append("indicators", "engagement");
    form.append("indicators", "networking");
    form.append("tags", "one");
    form.append("tags", "two");
    expect(formDataToObject(form)).toEqual({ title: "Hello", indicators: ["reciprocity", "engagement", "networking"], tags: ["one", "two"] });
  });

  it("drops Next.js server-action bookkeeping keys", () => {
    const form = new FormData();
    form.append("$ACTION_ID_7f3a9c", "");
    form.append("$ACTION_REF_1", "");
    form.append("$ACTION_1:0", "{}");
    form.append("$ACTION_KEY", "k");
    form.append("what", "Something");
    form.append("my$ACTION", "kept");
    expect(formDataToObject(form)).toEqual({ what: "Something", my$ACTION: "kept" });
  });

  it("keeps empty strings and files", () => {
    const form = new FormData();
    const file = new File(["hello"], "notes.txt", { type: "text/plain" });
    form.append("link", "");
    form.append("attachment", file);
    const out = formDataToObject(form);
    expect(out.link).toBe("");
    expect(out.attachment).toBeInstanceOf(File);
    expect((out.attachment as File).name).toBe("notes.txt");
  });

  it("gives an empty object for an empty form", () => {
    expect(formDataToObject(new FormData())).toEqual({});
  });

  it("feeds a schema: a form posted by the quick-capture page parses", () => {
    const form = new FormData();
    form.append("$ACTION_ID_abc", "");
    form.append("what", " Tip from a colleague ");
    form.append("channel", "colleague");
    form.append("link", "");
    expect(quickCaptureSchema.parse(formDataToObject(form))).toEqual({ what: "Tip from a colleague", channel: "colleague", startCycle: "IMMEDIATE" });
  });
});
