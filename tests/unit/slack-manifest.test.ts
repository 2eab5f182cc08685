import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { slackAppManifest } from "@/lib/domain/chat";

describe("the Slack app manifest", () => {
  it("is the one the README quotes, for the README's example address", () => {
    const readme = readFileSync("README.md", "utf8");
    const section = readme.slice(readme.indexOf("### Slack: create the app"));
    const quoted = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(slackAppManifest("https://ripple.example.com/")).toBe(quoted);
  });

  it("points the slash command and interactivity at this Ripple's own addresses", () => {
    const manifest = slackAppManifest("https://learn.acme.test");
    expect(manifest).toContain("      url: https://learn.acme.test/api/slack/commands\n");
    expect(manifest).toContain("    request_url: https://learn.acme.test/api/slack/interactivity\n");
    expect(manifest).not.toContain("ripple.example.com");
  });
});
