// A force-directed layout for the reports page's network picture (people and stories). Pure and
// deterministic: the same nodes and links give the same picture, whatever order they come in.
// Initial positions are seeded from each node's id, the simulation's own jiggle uses a seeded
// generator, and the simulation runs a fixed number of ticks (it is never left running).
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from "d3-force";

export type LayoutNodeInput = { id: string; radius: number };
export type LayoutLinkInput = { source: string; target: string };

export type PlacedNode = { id: string; x: number; y: number; radius: number };

export type NetworkLayout = {
  /** In id order. */
  nodes: PlacedNode[];
  /** The links that were laid out (both ends known, no self-links, no duplicates), sorted. */
  links: { source: string; target: string }[];
  /** The drawing's box: every node, with its radius and `padding`, lies inside it. */
  viewBox: { x: number; y: number; width: number; height: number };
};

export type LayoutOptions = {
  /** Simulation ticks. Fixed, so the time taken and the result do not depend on convergence. */
  iterations?: number;
  /** Changes the whole picture deterministically. */
  seed?: number;
  /** Preferred distance between linked nodes. */
  linkDistance?: number;
  /** Space kept around the drawing. */
  padding?: number;
  /** The smallest box, so a handful of nodes is not blown up. */
  minWidth?: number;
  minHeight?: number;
};

const DEFAULTS = { iterations: 160, seed: 1, linkDistance: 28, padding: 16, minWidth: 360, minHeight: 240 } as const;

/** 32-bit FNV-1a of a string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

type SimNode = SimulationNodeDatum & { id: string; radius: number };

/**
 * Places the nodes. Links whose ends are not both among the nodes, self-links and duplicate
 * links (in either direction) are ignored; a node listed twice counts once (the larger radius).
 */
export function layoutNetwork(nodes: readonly LayoutNodeInput[], links: readonly LayoutLinkInput[], options: LayoutOptions = {}): NetworkLayout {
  const o = { ...DEFAULTS, ...options };
  const unique = new Map<string, SimNode>();
  for (const n of nodes) {
    const radius = Number.isFinite(n.radius) && n.radius > 0 ? n.radius : 1;
    const seen = unique.get(n.id);
    if (!seen || seen.radius < radius) unique.set(n.id, { id: n.id, radius });
  }
  const simNodes = [...unique.values()].sort(byId);

  const pairs = new Map<string, { source: string; target: string }>();
  for (const l of links) {
    if (l.source === l.target || !unique.has(l.source) || !unique.has(l.target)) continue;
    const [a, b] = l.source < l.target ? [l.source, l.target] : [l.target, l.source];
    pairs.set(`${a}\u0000${b}`, { source: a, target: b });
  }
  const simLinks = [...pairs.values()].sort((x, y) => (x.source === y.source ? (x.target < y.target ? -1 : 1) : x.source < y.source ? -1 : 1));

  if (simNodes.length === 0) {
    return { nodes: [], links: [], viewBox: { x: -o.minWidth / 2, y: -o.minHeight / 2, width: o.minWidth, height: o.minHeight } };
  }

  // Seeded start: each node somewhere in a disc whose area grows with the number of nodes.
  const spread = o.linkDistance * Math.sqrt(simNodes.length) * 0.8;
  for (const n of simNodes) {
    const rnd = seededRandom(hash(n.id) ^ o.seed);
    const angle = rnd() * 2 * Math.PI;
    const dist = Math.sqrt(rnd()) * spread;
    n.x = Math.cos(angle) * dist;
    n.y = Math.sin(angle) * dist;
  }

  const degree = new Map<string, number>();
  for (const l of simLinks) {
    degree.set(l.source, (degree.get(l.source) ?? 0) + 1);
    degree.set(l.target, (degree.get(l.target) ?? 0) + 1);
  }
  const d3Links: SimulationLinkDatum<SimNode>[] = simLinks.map((l) => ({ source: l.source, target: l.target }));
  const simulation = forceSimulation<SimNode>(simNodes)
    .randomSource(seededRandom(o.seed))
    // Cool down over exactly `iterations` ticks (alpha from 1 to d3's alphaMin of 0.001).
    .alphaDecay(1 - Math.pow(0.001, 1 / Math.max(1, o.iterations)))
    .force(
      "link",
      forceLink<SimNode, SimulationLinkDatum<SimNode>>(d3Links)
        .id((n) => n.id)
        .distance(o.linkDistance)
        .strength((l) => 1 / Math.min(degree.get((l.source as SimNode).id) ?? 1, degree.get((l.target as SimNode).id) ?? 1)),
    )
    .force(
      "charge",
      forceManyBody<SimNode>()
        .strength(-40)
        .theta(1.2)
        .distanceMax(o.linkDistance * 8),
    )
    // Pulls every component (and lone nodes) towards the middle, so nothing drifts away; harder
    // vertically, so the picture is wider than tall and fits a page's width.
    .force("x", forceX<SimNode>(0).strength(0.045))
    .force("y", forceY<SimNode>(0).strength(0.11))
    .force("collide", forceCollide<SimNode>((n) => n.radius + 2).iterations(1))
    .stop();
  for (let i = 0; i < o.iterations; i++) simulation.tick();

  const placed = simNodes.map((n) => ({ id: n.id, x: round(n.x ?? 0), y: round(n.y ?? 0), radius: n.radius }));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of placed) {
    minX = Math.min(minX, n.x - n.radius);
    minY = Math.min(minY, n.y - n.radius);
    maxX = Math.max(maxX, n.x + n.radius);
    maxY = Math.max(maxY, n.y + n.radius);
  }
  minX -= o.padding;
  minY -= o.padding;
  maxX += o.padding;
  maxY += o.padding;
  // Grow a small drawing to the minimum box, keeping it centred.
  const width = Math.max(maxX - minX, o.minWidth);
  const height = Math.max(maxY - minY, o.minHeight);
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  return {
    nodes: placed,
    links: simLinks,
    viewBox: { x: Math.floor(cx - width / 2), y: Math.floor(cy - height / 2), width: Math.ceil(width) + 1, height: Math.ceil(height) + 1 },
  };
}
