// A write and its audit event share one transaction (lib/db/audit.ts auditedWrite). This reads
// the data layer's source with TypeScript's own parser and finds every recordAudit call made
// without a transaction client: such a call is allowed only in a function that writes nothing
// else (a sign-in attempt, an export), where there is no write for the event to fall out of.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const LIB = path.resolve("lib");
const WRITES = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
  "delete",
  "deleteMany",
  "$executeRaw",
  "$executeRawUnsafe",
]);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === "generated" ? [] : walk(path.join(dir, e.name))) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
  );
}

type Finding = { file: string; line: number; fn: string; text: string };

/** recordAudit calls without a transaction client, in functions that also write something else. */
function lonelyAudits(file: string, text = readFileSync(file, "utf8")): { audits: number; findings: Finding[] } {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const findings: Finding[] = [];
  let audits = 0;
  const enclosingFunction = (node: ts.Node): ts.Node => {
    for (let n = node.parent; n; n = n.parent)
      if (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || (ts.isVariableStatement(n) && n.parent === source)) return n;
    return source;
  };
  const writesIn = (fn: ts.Node): string[] => {
    const found: string[] = [];
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && WRITES.has(n.expression.name.text)) found.push(n.expression.getText(source));
      if (ts.isTaggedTemplateExpression(n) && ts.isPropertyAccessExpression(n.tag) && WRITES.has(n.tag.name.text)) found.push(n.tag.getText(source));
      ts.forEachChild(n, visit);
    };
    visit(fn);
    return found;
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "recordAudit") {
      audits++;
      if (node.arguments.length < 2) {
        const fn = enclosingFunction(node);
        const writes = writesIn(fn);
        if (writes.length) {
          const name = ts.isFunctionDeclaration(fn) && fn.name ? fn.name.text : "(top level)";
          findings.push({
            file: path.relative(process.cwd(), file),
            line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
            fn: name,
            text: `${node.getText(source).slice(0, 80)} beside ${writes.join(", ")}`,
          });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { audits, findings };
}

describe("audit events share their write's transaction", () => {
  const files = walk(LIB).filter((f) => !f.endsWith(path.join("db", "audit.ts")));
  const results = files.map((f) => lonelyAudits(f));

  it("finds the recordAudit calls of the data layer", () => {
    expect(results.reduce((n, r) => n + r.audits, 0)).toBeGreaterThan(3);
  });

  it("never records an audit event outside the transaction of a write", () => {
    expect(results.flatMap((r) => r.findings)).toEqual([]);
  });

  it("would catch one, and lets a transaction or an audit-only function through", () => {
    const check = (text: string) => lonelyAudits(path.join(LIB, "db", "probe.ts"), text).findings.length;
    expect(check(`export async function f(a) { await prisma().team.update({ where: {}, data: {} }); await recordAudit({ action: "team.changed" }); }`)).toBe(1);
    expect(check(`export async function f(a) { await auditedWrite(async (tx, audit) => { await tx.team.update({}); await audit({}); }); }`)).toBe(0);
    expect(
      check(`export async function f(a) { await prisma().$transaction(async (tx) => { await tx.team.update({}); await recordAudit({ action: "x" }, tx); }); }`),
    ).toBe(0);
    expect(check(`export async function f(a) { const rows = await prisma().auditEvent.findMany({}); await recordAudit({ action: "auth.sign_in" }); }`)).toBe(0);
  });
});
