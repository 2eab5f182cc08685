// `npm run bench:save`: how long saving a story takes on the embedded database (PGlite),
// through the same data functions the app calls: quick capture, and autosave of a full
// five-cycle story. Prints median and 95th percentile over many runs.
import { PGlite } from "@electric-sql/pglite";
import { PrismaClient } from "../lib/db/generated/client";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { installDatabase } from "../lib/db/registry";
import { applyMigrations } from "../lib/db/schema-engine";
import { createOrganizationWithAdmin } from "../lib/db/organizations";
import { loadActor } from "../lib/db/auth";
import { quickCapture } from "../lib/db/stories";
import { getStoryForEditing, saveStoryDocument } from "../lib/db/story-editor";
import { CYCLES } from "../lib/domain/framework";

const RUNS = Number(process.env.RUNS ?? 200);
const pg = new PGlite();
const factory = new PrismaPGlite(pg);
await applyMigrations(factory);
const prisma = new PrismaClient({ adapter: factory });
installDatabase({
  kind: "pglite",
  prisma,
  factory,
  close: async () => {
    await prisma.$disconnect();
    await pg.close();
  },
});

const created = await createOrganizationWithAdmin({ organizationName: "Bench", name: "Bench Person", email: "bench@bench.test", password: "bench-password" });
const actor = (await loadActor(created.userId, created.membershipId))!;

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, min ${s[0]!.toFixed(1)} ms (n=${s.length})`;
}

const capture: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  await quickCapture(actor, { what: `Moment ${i}`, channel: "social", link: i % 2 ? "https://example.org" : undefined, startCycle: "IMMEDIATE" });
  capture.push(performance.now() - t);
}

const { id } = await quickCapture(actor, { what: "Story to grow", channel: "social", link: undefined, startCycle: "IMMEDIATE" });
const story = (await getStoryForEditing(actor, id))!;
let version = story.version;
const doc = structuredClone(story.doc);
for (const c of CYCLES)
  doc.entries[c] = {
    narrative: `${c} narrative `.repeat(20),
    indicators: [],
    figureValue: c === "REALIZED" ? 120 : null,
    figureUnit: c === "REALIZED" ? "minutes saved" : "",
    links: [{ url: "https://example.org/e", label: "evidence" }],
  };
doc.tags = ["bench", "autosave"];
doc.contributors = [{ membershipId: null, name: "@helper", platform: "Mastodon", insideOrg: false, tie: "WEAK" }];
const save: number[] = [];
for (let i = 0; i < RUNS; i++) {
  doc.narrative = `Typed a little more ${i}`;
  const t = performance.now();
  const r = await saveStoryDocument(actor, id, version, doc);
  save.push(performance.now() - t);
  if (r.status !== "saved") throw new Error("unexpected conflict");
  version = r.version;
}
console.log(`PGlite, in-process (${RUNS} runs each):`);
console.log(`  quick capture:                 ${stats(capture)}`);
console.log(`  autosave of a five-cycle story: ${stats(save)}`);
await prisma.$disconnect();
await pg.close();
