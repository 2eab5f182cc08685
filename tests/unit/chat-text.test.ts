// What chat sends, made into quick capture's one line; the idempotency key of a chat request.
import { describe, expect, it } from "vitest";
import { CAPTURE_MAX, captureLine, chatCaptureKey, firstLink, slackPlainText, slashIntent, teamsPlainText } from "@/lib/domain/chat";
import { quickCaptureSchema } from "@/lib/validation/story";

describe("Slack's formatting as plain words", () => {
  it.each([
    ["Ask <@U0BOB|bob> about <#C0DEV|dev>", "Ask @bob about #dev"],
    ["See <https://wiki.example/x|the wiki> and <https://blog.example/y>", "See the wiki and https://blog.example/y"],
    ["<!here> standup &lt;now&gt; &amp; later", "@here standup <now> & later"],
    ["<@U0BOB>", "@U0BOB"],
    ["no markup at all", "no markup at all"],
  ])("%s → %s", (text, plain) => {
    expect(slackPlainText(text)).toBe(plain);
  });
});

describe("Teams' message HTML as plain words", () => {
  it("drops the mention of the webhook and the tags, decodes entities", () => {
    expect(teamsPlainText("<at>Ripple</at> Max &amp; I fixed <b>alerts</b><br/>today")).toBe("Max & I fixed alerts today");
  });
});

describe("the first link in a text", () => {
  it("finds it without trailing punctuation", () => {
    expect(firstLink("Read https://blog.example/post-1. Then more")).toBe("https://blog.example/post-1");
    expect(firstLink("(see https://a.example/b)")).toBe("https://a.example/b");
    expect(firstLink("nothing here")).toBeUndefined();
  });
});

describe("one line for quick capture", () => {
  it("collapses whitespace and keeps short text as it is", () => {
    expect(captureLine("  two\n\nlines\there ")).toBe("two lines here");
  });

  it("cuts long text at a word boundary, with an ellipsis, within the limit quick capture accepts", () => {
    const long = "word ".repeat(100);
    const line = captureLine(long);
    expect(line.length).toBeLessThanOrEqual(CAPTURE_MAX);
    expect(line.endsWith("word…")).toBe(true);
    expect(quickCaptureSchema.safeParse({ what: line }).success).toBe(true);
    const noSpaces = "x".repeat(500);
    expect(captureLine(noSpaces)).toBe("x".repeat(CAPTURE_MAX - 1) + "…");
  });
});

describe("the idempotency key of a chat request", () => {
  it("is the same UUID for the same parts, another for other parts, and quick capture accepts it as clientId", () => {
    const a = chatCaptureKey(["slack", "T1", "U1", "command", "trigger-1"]);
    expect(a).toBe(chatCaptureKey(["slack", "T1", "U1", "command", "trigger-1"]));
    expect(a).not.toBe(chatCaptureKey(["slack", "T1", "U1", "command", "trigger-2"]));
    // Parts are kept apart: ["a b", "c"] is not ["a", "b c"].
    expect(chatCaptureKey(["a b", "c"])).not.toBe(chatCaptureKey(["a", "b c"]));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(quickCaptureSchema.parse({ what: "Something happened", clientId: a }).clientId).toBe(a);
  });
});

describe("what a slash command asks for", () => {
  it("help for nothing or 'help', a capture otherwise", () => {
    expect(slashIntent("  ")).toEqual({ kind: "help" });
    expect(slashIntent("HELP")).toEqual({ kind: "help" });
    expect(slashIntent(" helped Ana ")).toEqual({ kind: "capture", text: "helped Ana" });
  });
});
