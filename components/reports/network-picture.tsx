import "server-only";
import { createHash } from "node:crypto";
import Link from "next/link";
import type { ReportGraph } from "@/lib/db/report-graph";
import { CYCLE_INFO, type Cycle } from "@/lib/domain/framework";
import { layoutNetwork, type NetworkLayout } from "@/lib/domain/network-layout";
import { ChartFrame } from "./chart-frame";

// The network picture: people and stories, drawn on the server as SVG (no script), laid out by
// lib/domain/network-layout.ts. The same network gives the same picture, so layouts are kept
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
  const stories = new Map(graph.stories.map((s) => [`s:${s.id}`, s]));
  const people = new Map(graph.people.map((p) => [p.id, p]));
  // Names only where they stay readable: everyone in a small network, the busiest people in a big one.
  const labelled = new Set(
    (layout.nodes.length <= 60 ? graph.people : [...graph.people].filter((p) => (degree.get(p.id) ?? 0) >= 3).sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0)).slice(0, 15)).map((p) => p.id),
  );
  const { x, y, width, height } = layout.viewBox;
  // Drawn at most 1.6 times its own size, so a small network is not blown up; names stay about 12 px.
  const fontSize = Math.max(7, Math.round(Math.min(width, 1000) / 90));

  const byStory = new Map<string, { authors: string[]; helpers: string[] }>();
  for (const l of graph.links) {
    const entry = byStory.get(l.storyId) ?? { authors: [], helpers: [] };
    const p = people.get(l.personId);
    if (!p) continue;
    if (l.role === "author") entry.authors.push(p.name);
    else
      entry.helpers.push(
        `${p.name}${p.kind === "external" ? ` (outside${p.platform ? `, ${p.platform}` : ""})` : ""}${l.tie === "STRONG" ? ", close tie" : ", occasional tie"}`,
      );
    byStory.set(l.storyId, entry);
  }

  const figure = (
    <figure className="space-y-3">
      <svg
        viewBox={`${x} ${y} ${width} ${height}`}
        className="mx-auto h-auto max-h-[34rem] w-full rounded-lg border border-border bg-background"
        style={{ maxWidth: `${Math.round(width * 1.6)}px` }}
        role="presentation"
        focusable="false"
      >
        <g>
          {graph.links.map((l) => {
            const a = at.get(l.personId);
            const b = at.get(`s:${l.storyId}`);
            if (!a || !b) return null;
            return (
              <line
                key={`${l.personId}|${l.storyId}`}
                x1={a.x}
                y1={a.y}
                x2={b.x}
                y2={b.y}
                className={l.role === "author" ? "stroke-border" : "stroke-muted-foreground"}
                strokeWidth={l.role === "author" ? 1 : 1.2}
                strokeDasharray={l.role === "contributor" && l.tie === "WEAK" ? "3 2" : undefined}
                strokeOpacity={l.role === "author" ? 1 : 0.7}
              />
            );
          })}
        </g>
        <g>
          {layout.nodes.map((n) => {
            const story = stories.get(n.id);
            if (story) {
              return (
                <circle key={n.id} cx={n.x} cy={n.y} r={n.radius} className={STORY_FILL[story.furthest ?? "NONE"]}>
                  <title>{`${story.title} (${story.furthest ? CYCLE_INFO[story.furthest].name : "no cycle yet"})`}</title>
                </circle>
              );
            }
            const p = people.get(n.id);
            if (!p) return null;
            return (
              <circle
                key={n.id}
                cx={n.x}
                cy={n.y}
                r={n.radius}
                className={p.kind === "member" ? "fill-foreground stroke-background" : "fill-background stroke-foreground"}
                strokeWidth={p.kind === "member" ? 1.5 : 1.5}
              >
                <title>{p.kind === "member" ? `${p.name}${p.teamName ? `, ${p.teamName}` : ""}` : `${p.name}, outside${p.platform ? ` (${p.platform})` : ""}`}</title>
              </circle>
            );
          })}
        </g>
        <g className="max-sm:hidden" fontSize={fontSize}>
          {layout.nodes
            .filter((n) => labelled.has(n.id))
            .map((n) => (
              <text
                key={n.id}
                x={n.x}
                y={n.y - n.radius - 3}
                textAnchor="middle"
                className="fill-foreground stroke-background"
                strokeWidth={3}
                paintOrder="stroke"
                strokeLinejoin="round"
              >
                {people.get(n.id)?.name}
              </text>
            ))}
        </g>
      </svg>
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
      <caption className="mb-2 text-start text-xs font-medium text-muted-foreground">Who wrote and who helped with each story in the picture, newest first</caption>
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

  return <ChartFrame label="who wrote and who helped with each story" figure={figure} table={table} />;
}
