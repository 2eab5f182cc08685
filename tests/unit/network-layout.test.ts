import { describe, expect, it } from "vitest";
import { layoutNetwork, seededRandom, type LayoutLinkInput, type LayoutNodeInput } from "@/lib/domain/network-layout";

/** A network like the reports page draws: people (p*) linked to the stories (s*) they wrote or helped with. */
function network(people: number, stories: number): { nodes: LayoutNodeInput[]; links: LayoutLinkInput[] } {
  const nodes: LayoutNodeInput[] = [];
  const links: LayoutLinkInput[] = [];
  for (let i = 0; i < people; i++) nodes.push({ id: `p${i}`, radius: 5 });
  for (let j = 0; j < stories; j++) {
    nodes.push({ id: `s${j}`, radius: 3 });
    links.push({ source: `p${j % people}`, target: `s${j}` });
    if (j % 3 === 0) links.push({ source: `p${(j * 7 + 1) % people}`, target: `s${j}` });
  }
  return { nodes, links };
}

const dist = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe("seededRandom", () => {
  it("repeats for a seed, differs between seeds, stays in [0, 1)", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const xs = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c())).not.toEqual(xs);
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});

describe("layoutNetwork", () => {
  it("gives an empty drawing its minimum box", () => {
    const out = layoutNetwork([], [], { minWidth: 400, minHeight: 300 });
    expect(out.nodes).toEqual([]);
    expect(out.links).toEqual([]);
    expect(out.viewBox).toEqual({ x: -200, y: -150, width: 400, height: 300 });
  });

  it("is deterministic: the same input twice gives the same picture", () => {
    const { nodes, links } = network(20, 60);
    expect(layoutNetwork(nodes, links)).toEqual(layoutNetwork(nodes, links));
  });

  it("does not depend on the order of nodes and links", () => {
    const { nodes, links } = network(15, 40);
    const a = layoutNetwork(nodes, links);
    const b = layoutNetwork(
      [...nodes].reverse(),
      [...links].reverse().map((l, i) => (i % 2 ? { source: l.target, target: l.source } : l)),
    );
    expect(b).toEqual(a);
  });

  it("changes with the seed", () => {
    const { nodes, links } = network(10, 20);
    expect(layoutNetwork(nodes, links, { seed: 2 }).nodes).not.toEqual(layoutNetwork(nodes, links, { seed: 1 }).nodes);
  });

  it.each<[string, LayoutNodeInput[], LayoutLinkInput[], { nodes: string[]; links: [string, string][] }]>([
    [
      "dangling links are ignored",
      [
        { id: "a", radius: 3 },
        { id: "b", radius: 3 },
      ],
      [
        { source: "a", target: "b" },
        { source: "a", target: "zz" },
      ],
      { nodes: ["a", "b"], links: [["a", "b"]] },
    ],
    ["self-links are ignored", [{ id: "a", radius: 3 }], [{ source: "a", target: "a" }], { nodes: ["a"], links: [] }],
    [
      "a link listed twice, either way round, is laid out once",
      [
        { id: "b", radius: 3 },
        { id: "a", radius: 3 },
      ],
      [
        { source: "b", target: "a" },
        { source: "a", target: "b" },
      ],
      { nodes: ["a", "b"], links: [["a", "b"]] },
    ],
    [
      "a node listed twice is placed once",
      [
        { id: "a", radius: 3 },
        { id: "a", radius: 6 },
      ],
      [],
      { nodes: ["a"], links: [] },
    ],
  ])("%s", (_label, nodes, links, expected) => {
    const out = layoutNetwork(nodes, links);
    expect(out.nodes.map((n) => n.id)).toEqual(expected.nodes);
    expect(out.links.map((l) => [l.source, l.target])).toEqual(expected.links);
  });

  it("keeps the larger radius of a duplicated node and replaces a bad radius", () => {
    const out = layoutNetwork(
      [
        { id: "a", radius: 3 },
        { id: "a", radius: 6 },
        { id: "b", radius: Number.NaN },
      ],
      [],
    );
    expect(out.nodes.map((n) => n.radius)).toEqual([6, 1]);
  });

  it("places a few hundred nodes inside the box, apart from each other, with linked nodes close", () => {
    const { nodes, links } = network(60, 240);
    const started = performance.now();
    const out = layoutNetwork(nodes, links);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(out.nodes).toHaveLength(300);
    const { x, y, width, height } = out.viewBox;
    for (const n of out.nodes) {
      expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true);
      expect(n.x - n.radius).toBeGreaterThanOrEqual(x);
      expect(n.y - n.radius).toBeGreaterThanOrEqual(y);
      expect(n.x + n.radius).toBeLessThanOrEqual(x + width);
      expect(n.y + n.radius).toBeLessThanOrEqual(y + height);
    }
    // Readable: hardly any two nodes overlap.
    let overlaps = 0;
    for (let i = 0; i < out.nodes.length; i++)
      for (let j = i + 1; j < out.nodes.length; j++) {
        const a = out.nodes[i]!;
        const b = out.nodes[j]!;
        if (dist(a, b) < (a.radius + b.radius) * 0.8) overlaps++;
      }
    expect(overlaps).toBeLessThan(out.nodes.length * 0.02);
    // Linked nodes end up much closer than nodes in general.
    const at = new Map(out.nodes.map((n) => [n.id, n]));
    const linked = out.links.map((l) => dist(at.get(l.source)!, at.get(l.target)!));
    const meanLinked = linked.reduce((s, v) => s + v, 0) / linked.length;
    let sum = 0;
    let count = 0;
    for (let i = 0; i < out.nodes.length; i += 7)
      for (let j = i + 3; j < out.nodes.length; j += 11) {
        sum += dist(out.nodes[i]!, out.nodes[j]!);
        count++;
      }
    expect(meanLinked).toBeLessThan((sum / count) * 0.5);
  });

  it("keeps unconnected nodes and separate groups near the middle", () => {
    const nodes = [...Array.from({ length: 30 }, (_, i) => ({ id: `lone${i}`, radius: 3 })), { id: "a", radius: 5 }, { id: "b", radius: 3 }];
    const out = layoutNetwork(nodes, [{ source: "a", target: "b" }]);
    expect(out.viewBox.width).toBeLessThan(1000);
    expect(out.viewBox.height).toBeLessThan(1000);
  });

  it("rounds coordinates to one decimal", () => {
    const { nodes, links } = network(5, 10);
    for (const n of layoutNetwork(nodes, links).nodes) {
      expect(Math.round(n.x * 10) / 10).toBe(n.x);
      expect(Math.round(n.y * 10) / 10).toBe(n.y);
    }
  });
});
