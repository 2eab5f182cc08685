import "server-only";
import { createHash } from "node:crypto";
import Link from "next/link";
import type { ReportGraph } from "@/lib/db/report-graph";
import { CYCLE_INFO, type Cycle } from "@/lib/domain/framework";
import { layoutNetwork, type NetworkLayout } from "@/lib/domain/network-layout";
import { plural } from "@/lib/domain/format";
import { ChartFrame } from "./chart-frame";
import { NetworkView, type NetworkViewLink, type NetworkViewNode } from "./network-view";

// The network picture: people and stories, laid out on the server by
// lib/domain/network-layout.ts (d3-force never reaches the browser) and drawn by NetworkView. The same network gives the same picture, so layouts are kept
// for a while: a report opened again, or by a colleague, does not lay it out again.
const LAYOUTS = new Map<string, NetworkLayout>();
const KEEP = 40;

function cachedLayout(nodes: { id: string; radius: number }[], links: { source: string; target: string }[]): NetworkLayout {
  const key = createHash("sha256")
    .update(JSON.stringify([nodes.map((n) => [n.id, n.radius]), links.map((l) => [l.source, l.target])]))
    .digest("base64url");
  const hit = LAYOUTS.get(key);
  if (hit) {
    LAYOUTS.delete(key);
    LAYOUTS.set(key, hit);
    return hit;
  }
  const layout = layoutNetwork(nodes, links);
  LAYOUTS.set(key, layout);
  if (LAYOUTS.size > KEEP) LAYOUTS.delete(LAYOUTS.keys().next().value!);
  return layout;
}

const STORY_FILL: Record<Cycle | "NONE", string> = {
  IMMEDIATE: "fill-cycle-immediate",
  POTENTIAL: "fill-cycle-potential",
  APPLIED: "fill-cycle-applied",
  REALIZED: "fill-cycle-realized",
  REFRAMING: "fill-cycle-reframing",
  NONE: "fill-muted-foreground",
};

/** A coordinate to a tenth of a unit: what the picture can show, and a shorter payload than a float's 17 digits. */
const tenth = (v: number) => Math.round(v * 10) / 10;

export function NetworkPicture({ graph }: { graph: ReportGraph }) {
  const degree = new Map<string, number>();
  for (const l of graph.links) degree.set(l.personId, (degree.get(l.personId) ?? 0) + 1);
  const nodes = [
    ...graph.stories.map((s) => ({ id: `s:${s.id}`, radius: 4 })),
    ...graph.people.map((p) => ({ id: p.id, radius: Math.min(12, 5 + Math.sqrt(degree.get(p.id) ?? 1) * 1.5) })),
  ];
  const links = graph.links.map((l) => ({ source: l.personId, target: `s:${l.storyId}` }));
  const layout = cachedLayout(nodes, links);
  const at = new Map(layout.nodes.map((n) => [n.id, n]));
  const people = new Map(graph.people.map((p) => [p.id, p]));
  // Names only where they stay readable: everyone in a small network, the busiest people in a big one.
  const labelled = new Set(
    (layout.nodes.length <= 60
      ? graph.people
      : [...graph.people]
          .filter((p) => (degree.get(p.id) ?? 0) >= 3)
          .sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0))
          .slice(0, 15)
    ).map((p) => p.id),
  );
  // The picture's frame fits the drawing itself (not the layout's minimum box), so it fills its frame.
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of layout.nodes) {
    minX = Math.min(minX, n.x - n.radius);
    minY = Math.min(minY, n.y - n.radius);
    maxX = Math.max(maxX, n.x + n.radius);
    maxY = Math.max(maxY, n.y + n.radius);
  }
  const pad = 18; // room for a name above the top row
  const bounds = layout.nodes.length
    ? { x: minX - pad, y: minY - pad, width: Math.max(maxX - minX + 2 * pad, 60), height: Math.max(maxY - minY + 2 * pad, 40) }
    : { x: -100, y: -60, width: 200, height: 120 };

  const byStory = new Map<string, { authors: string[]; helpers: string[] }>();
  const roles = new Map<string, { wrote: number; helped: number }>();
  for (const l of graph.links) {
    const entry = byStory.get(l.storyId) ?? { authors: [], helpers: [] };
    const p = people.get(l.personId);
    if (!p) continue;
    const r = roles.get(p.id) ?? { wrote: 0, helped: 0 };
    if (l.role === "author") r.wrote++;
    else r.helped++;
    roles.set(p.id, r);
    if (l.role === "author") entry.authors.push(p.name);
    else
      entry.helpers.push(
        `${p.name}${p.kind === "external" ? ` (outside${p.platform ? `, ${p.platform}` : ""})` : ""}${l.tie === "STRONG" ? ", close tie" : ", occasional tie"}`,
      );
    byStory.set(l.storyId, entry);
  }

  // Keyboard order: people by name, then stories as listed (newest first).
  const viewNodes: NetworkViewNode[] = [];
  const index = new Map<string, number>();
  const personNodes = layout.nodes.filter((n) => people.has(n.id)).sort((a, b) => people.get(a.id)!.name.localeCompare(people.get(b.id)!.name));
  for (const n of personNodes) {
    const p = people.get(n.id)!;
    const r = roles.get(p.id) ?? { wrote: 0, helped: 0 };
    const did = [r.wrote ? `wrote ${plural(r.wrote, "story", "stories")}` : "", r.helped ? `helped with ${plural(r.helped, "story", "stories")}` : ""]
      .filter(Boolean)
      .join(", ");
    const who = p.kind === "member" ? `${p.name}${p.teamName ? `, ${p.teamName}` : ""}` : `${p.name}, outside${p.platform ? ` (${p.platform})` : ""}`;
    index.set(n.id, viewNodes.length);
    viewNodes.push({
      id: n.id,
      x: tenth(n.x),
      y: tenth(n.y),
      r: tenth(n.radius),
      kind: p.kind === "member" ? "member" : "external",
      fill: p.kind === "member" ? "fill-foreground" : "fill-background",
      name: p.name,
      label: did ? `${who}: ${did}` : who,
      pinned: labelled.has(p.id),
    });
  }
  for (const s of graph.stories) {
    const n = at.get(`s:${s.id}`);
    if (!n) continue;
    index.set(n.id, viewNodes.length);
    viewNodes.push({
      id: n.id,
      x: tenth(n.x),
      y: tenth(n.y),
      r: tenth(n.radius),
      kind: "story",
      fill: STORY_FILL[s.furthest ?? "NONE"],
      name: s.title,
      label: `Story: ${s.title} (${s.furthest ? CYCLE_INFO[s.furthest].name : "no cycle yet"})`,
      href: `/stories/${s.id}`,
    });
  }
  const viewLinks: NetworkViewLink[] = [];
  for (const l of graph.links) {
    const a = index.get(l.personId);
    const b = index.get(`s:${l.storyId}`);
    if (a === undefined || b === undefined) continue;
    viewLinks.push({ a, b, author: l.role === "author", weak: l.role === "contributor" && l.tie === "WEAK" });
  }

  const figure = (
    <figure className="space-y-3">
      <NetworkView
        nodes={viewNodes}
        links={viewLinks}
        bounds={bounds}
        label={`Network picture: ${plural(graph.people.length, "person", "people")} and ${plural(graph.stories.length, "story", "stories")}. Arrow keys move between them.`}
      />
      <figcaption>
        <ul className="flex flex-wrap gap-x-4 gap-y-1.5 text-xs text-muted-foreground">
          <li className="flex items-center gap-1.5">
            <svg viewBox="0 0 12 12" className="size-3">
              <circle cx="6" cy="6" r="5" className="fill-foreground" />
            </svg>
            Colleague
          </li>
          <li className="flex items-center gap-1.5">
            <svg viewBox="0 0 12 12" className="size-3">
              <circle cx="6" cy="6" r="4.5" className="fill-background stroke-foreground" strokeWidth={1.5} />
            </svg>
            Someone outside
          </li>
          <li className="flex items-center gap-1.5">
            <span className="flex gap-0.5">
              {(["IMMEDIATE", "POTENTIAL", "APPLIED", "REALIZED", "REFRAMING"] as const).map((c) => (
                <svg key={c} viewBox="0 0 8 8" className="size-2">
                  <circle cx="4" cy="4" r="4" className={STORY_FILL[c]} />
                </svg>
              ))}
            </span>
            Story, coloured by the furthest cycle
          </li>
          <li className="flex items-center gap-1.5">
            <svg viewBox="0 0 20 4" className="h-1 w-5">
              <line x1="0" y1="2" x2="20" y2="2" className="stroke-border" strokeWidth={2} />
            </svg>
            wrote
          </li>
          <li className="flex items-center gap-1.5">
            <svg viewBox="0 0 20 4" className="h-1 w-5">
              <line x1="0" y1="2" x2="20" y2="2" className="stroke-muted-foreground" strokeWidth={2} />
            </svg>
            helped, close tie
          </li>
          <li className="flex items-center gap-1.5">
            <svg viewBox="0 0 20 4" className="h-1 w-5">
              <line x1="0" y1="2" x2="20" y2="2" className="stroke-muted-foreground" strokeWidth={2} strokeDasharray="3 2" />
            </svg>
            helped, occasional tie
          </li>
        </ul>
      </figcaption>
    </figure>
  );

  const table = (
    <table className="w-full border-collapse text-sm">
      <caption className="mb-2 text-start text-xs font-medium text-muted-foreground">
        Who wrote and who helped with each story in the picture, newest first
      </caption>
      <thead>
        <tr className="border-b border-border">
          <th scope="col" className="py-1.5 pe-2 text-start font-medium text-muted-foreground">
            Story
          </th>
          <th scope="col" className="px-2 py-1.5 text-start font-medium text-muted-foreground">
            Written by
          </th>
          <th scope="col" className="px-2 py-1.5 text-start font-medium text-muted-foreground">
            Helped by
          </th>
        </tr>
      </thead>
      <tbody>
        {graph.stories.map((s) => {
          const entry = byStory.get(s.id);
          return (
            <tr key={s.id} className="border-b border-border/60 align-top last:border-0">
              <th scope="row" className="py-1.5 pe-2 text-start font-normal">
                <Link href={`/stories/${s.id}`} className="text-primary underline-offset-4 hover:underline">
                  {s.title}
                </Link>
              </th>
              <td className="px-2 py-1.5">{entry?.authors.join(", ")}</td>
              <td className="px-2 py-1.5">{entry?.helpers.length ? entry.helpers.join("; ") : "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );

  return <ChartFrame label="who wrote and who helped with each story" figure={figure} table={table} figureHidden={false} />;
}
