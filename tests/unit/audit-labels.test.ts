// Every action Ripple audits reads in plain words on the audit log page, and sits in one of its
// filters: read from the AuditAction type itself, so a new action without a label fails here.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AUDIT_CATEGORY_ACTIONS, auditActionLabel } from "@/lib/domain/org";

const source = readFileSync("lib/db/audit.ts", "utf8");
const union = /export type AuditAction =([\s\S]*?);/.exec(source)?.[1] ?? "";
const actions = [...union.matchAll(/"([a-z_]+\.[a-z_.]+)"/g)].map((m) => m[1]!);

describe("the audit log's words", () => {
  it("finds the audited actions", () => {
    expect(actions.length).toBeGreaterThan(30);
    expect(actions).toContain("chat.connected");
  });

  it.each(actions)("%s has a label and a filter", (action) => {
    expect(auditActionLabel(action)).not.toBe(action);
    const categories = Object.values(AUDIT_CATEGORY_ACTIONS) as readonly (readonly string[])[];
    // Everyday story writes are in the log but in no filter of their own.
    expect(categories.filter((c) => c.includes(action))).toHaveLength(action === "story.created" || action === "story.cycle_added" ? 0 : 1);
  });
});
