"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Maximize2, ZoomIn, ZoomOut } from "lucide-react";
import { cn } from "@/lib/utils";

// The network picture, drawn in the browser from a layout made on the server (d3-force stays
// there: nothing heavy is sent). It fills its frame, names a person or story on hover or focus,
// and zooms: buttons, Ctrl/⌘ + wheel (a trackpad's pinch), two fingers on a touch screen; drag
// to move around. One tab stop: arrow keys, Home and End move between the people and stories.

export type NetworkViewNode = {
  id: string;
  x: number;
  y: number;
  r: number;
  kind: "story" | "member" | "external";
  /** Tailwind fill class (stories: their furthest cycle). */
  fill: string;
  /** Short name drawn beside the node. */
  name: string;
  /** What a screen reader and the hover label say. */
  label: string;
  /** Stories: their page. */
  href?: string;
  /** Named on the picture without hovering (the busiest people). */
  pinned?: boolean;
};

export type NetworkViewLink = { a: number; b: number; author: boolean; weak: boolean };

const MAX_FIT = 3; // a small network is not blown up beyond this
const MIN_ZOOM = 1;
const MAX_ZOOM = 8;
const STEP = 1.5;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function NetworkView({
  nodes,
  links,
  bounds,
  label,
}: {
  nodes: NetworkViewNode[];
  links: NetworkViewLink[];
  bounds: { x: number; y: number; width: number; height: number };
  label: string;
}) {
  const frame = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const hintId = useId();
  const [width, setWidth] = useState(800);
  const [view, setView] = useState({ k: 1, x: 0, y: 0 });
  const [active, setActive] = useState(0);
  const [focused, setFocused] = useState<number | null>(null);
  const [hovered, setHovered] = useState<number | null>(null);

  // The frame's width decides the picture's size; its height follows (taller on wide screens).
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(200, Math.round(el.clientWidth)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // The frame is as wide as the card; its height follows the drawing (up to a share of the
  // width), so a small network is drawn larger rather than lost in an empty box.
  const maxHeight = Math.round(clamp(width * 0.62, 260, 480));
  const fit = Math.min(width / bounds.width, maxHeight / bounds.height, MAX_FIT);
  const size = { w: width, h: Math.round(clamp(bounds.height * fit, 200, maxHeight)) };
  const s = fit * view.k;
  const cx = bounds.x + bounds.width / 2;
  const cy = bounds.y + bounds.height / 2;
  const tx = size.w / 2 - cx * s + view.x;
  const ty = size.h / 2 - cy * s + view.y;
  const screen = (n: NetworkViewNode) => ({ x: n.x * s + tx, y: n.y * s + ty });

  /** Zooms by `factor` keeping the point (px, py) of the frame where it is. */
  const zoomAt = useCallback(
    (factor: number, px: number, py: number) => {
      setView((v) => {
        const k = clamp(v.k * factor, MIN_ZOOM, MAX_ZOOM);
        if (k === MIN_ZOOM) return { k, x: 0, y: 0 };
        const s0 = fit * v.k;
        const s1 = fit * k;
        const t0x = size.w / 2 - cx * s0 + v.x;
        const t0y = size.h / 2 - cy * s0 + v.y;
        const contentX = (px - t0x) / s0;
        const contentY = (py - t0y) / s0;
        return { k, x: px - contentX * s1 - (size.w / 2 - cx * s1), y: py - contentY * s1 - (size.h / 2 - cy * s1) };
      });
    },
    [fit, size.w, size.h, cx, cy],
  );

  // Ctrl/⌘ + wheel (and a trackpad's pinch, which arrives as one) zooms; a plain wheel scrolls the page.
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      const box = el.getBoundingClientRect();
      zoomAt(Math.exp(-e.deltaY * 0.01), ((e.clientX - box.left) / box.width) * size.w, ((e.clientY - box.top) / box.height) * size.h);
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, [zoomAt, size.w, size.h]);

  // Dragging moves the picture; two fingers pinch it.
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const toFrame = (e: React.PointerEvent) => {
    const box = svg.current!.getBoundingClientRect();
    return { x: ((e.clientX - box.left) / box.width) * size.w, y: ((e.clientY - box.top) / box.height) * size.h };
  };
  const onPointerDown = (e: React.PointerEvent<SVGSVGElement>) => {
    if (e.pointerType === "mouse" && e.button !== 0) return;
    pointers.current.set(e.pointerId, toFrame(e));
    if (pointers.current.size === 2 || e.pointerType === "mouse") e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: React.PointerEvent<SVGSVGElement>) => {
    const before = pointers.current.get(e.pointerId);
    if (!before) return;
    const now = toFrame(e);
    if (pointers.current.size === 2) {
      const [other] = [...pointers.current.entries()].filter(([id]) => id !== e.pointerId).map(([, p]) => p);
      if (other) {
        const d0 = Math.hypot(before.x - other.x, before.y - other.y);
        const d1 = Math.hypot(now.x - other.x, now.y - other.y);
        if (d0 > 0) zoomAt(d1 / d0, (now.x + other.x) / 2, (now.y + other.y) / 2);
      }
    } else if (e.pointerType === "mouse" && view.k > MIN_ZOOM) {
      setView((v) => ({ ...v, x: v.x + now.x - before.x, y: v.y + now.y - before.y }));
    }
    pointers.current.set(e.pointerId, now);
  };
  const onPointerUp = (e: React.PointerEvent<SVGSVGElement>) => {
    pointers.current.delete(e.pointerId);
  };

  // Keyboard: one tab stop, arrows between nodes; a node moved to is brought into view.
  const nodeRefs = useRef<(HTMLOrSVGElement | null)[]>([]);
  const moveTo = (i: number) => {
    const next = (i + nodes.length) % nodes.length;
    setActive(next);
    nodeRefs.current[next]?.focus();
  };
  const onKeyDown = (e: React.KeyboardEvent, i: number) => {
    const keys: Record<string, number> = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: nodes.length - 1 };
    if (e.key in keys) {
      e.preventDefault();
      moveTo(keys[e.key]!);
    } else if (e.key === "+" || e.key === "=") {
      e.preventDefault();
      const p = screen(nodes[i]!);
      zoomAt(STEP, p.x, p.y);
    } else if (e.key === "-") {
      e.preventDefault();
      const p = screen(nodes[i]!);
      zoomAt(1 / STEP, p.x, p.y);
    }
  };
  // When the focus moves to a person or story outside the frame, the picture pans to it: adjusted
  // while rendering, when the focus changes (not in an effect), and not on every pan or zoom.
  const [centeredOn, setCenteredOn] = useState<number | null>(focused);
  if (focused !== centeredOn) {
    setCenteredOn(focused);
    const n = focused === null ? undefined : nodes[focused];
    if (n) {
      const p = { x: n.x * s + tx, y: n.y * s + ty };
      const margin = 24;
      if (p.x < margin || p.x > size.w - margin || p.y < margin || p.y > size.h - margin) {
        setView((v) => ({ ...v, x: v.x + size.w / 2 - p.x, y: v.y + size.h / 2 - p.y }));
      }
    }
  }

  const shown = hovered ?? focused;
  const tip = shown === null ? null : nodes[shown];
  const tipAt = tip ? screen(tip) : null;
  const pinnedVisible = size.w >= 560 || view.k >= 1.5;
  const center = () => ({ x: size.w / 2, y: size.h / 2 });

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p id={hintId} className="text-xs text-muted-foreground">
          Hover or focus a circle to name it. Zoom with the buttons, Ctrl + scroll or a pinch; drag to move.
        </p>
        <div className="flex items-center gap-1" role="group" aria-label="Zoom the network picture">
          <ZoomButton label="Zoom in" onClick={() => zoomAt(STEP, center().x, center().y)} disabled={view.k >= MAX_ZOOM}>
            <ZoomIn aria-hidden="true" />
          </ZoomButton>
          <ZoomButton label="Zoom out" onClick={() => zoomAt(1 / STEP, center().x, center().y)} disabled={view.k <= MIN_ZOOM}>
            <ZoomOut aria-hidden="true" />
          </ZoomButton>
          <ZoomButton label="Fit the picture" onClick={() => setView({ k: 1, x: 0, y: 0 })} disabled={view.k === 1 && view.x === 0 && view.y === 0}>
            <Maximize2 aria-hidden="true" />
          </ZoomButton>
        </div>
      </div>
      {/* The frame's height, in CSS, is the one the picture takes once measured (the same rule as
          `size` above, from the container's width): nothing below moves when the script measures it. */}
      <div className="@container">
        <div
          ref={frame}
          className="relative overflow-hidden rounded-lg border border-border bg-background"
          data-slot="network-frame"
          style={{ height: frameHeight(bounds) }}
        >
          <svg
            ref={svg}
            role="group"
            aria-label={label}
            aria-describedby={hintId}
            viewBox={`0 0 ${size.w} ${size.h}`}
            width="100%"
            height={size.h}
            className={cn("block touch-pan-x touch-pan-y select-none", view.k > MIN_ZOOM && "cursor-grab active:cursor-grabbing")}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
            data-zoom={Math.round(view.k * 100) / 100}
          >
            <g transform={`translate(${tx} ${ty}) scale(${s})`}>
              <g aria-hidden="true">
                {links.map((l, i) => {
                  const a = nodes[l.a];
                  const b = nodes[l.b];
                  if (!a || !b) return null;
                  return (
                    <line
                      key={i}
                      x1={a.x}
                      y1={a.y}
                      x2={b.x}
                      y2={b.y}
                      className={l.author ? "stroke-border" : "stroke-muted-foreground"}
                      strokeWidth={(l.author ? 1 : 1.2) / Math.sqrt(view.k)}
                      strokeDasharray={l.weak ? "3 2" : undefined}
                      strokeOpacity={l.author ? 1 : 0.7}
                    />
                  );
                })}
              </g>
              {nodes.map((n, i) => {
                const lit = shown === i;
                const circle = (
                  <circle
                    cx={n.x}
                    cy={n.y}
                    r={n.r}
                    className={cn(
                      n.fill,
                      n.kind === "member" ? "stroke-background" : n.kind === "external" ? "stroke-foreground" : undefined,
                      lit && "stroke-ring",
                    )}
                    strokeWidth={(lit ? 3 : 1.5) / s}
                  />
                );
                const common = {
                  ref: (el: (Element & HTMLOrSVGElement) | null) => void (nodeRefs.current[i] = el),
                  tabIndex: i === active ? 0 : -1,
                  "aria-label": n.label,
                  "data-node": n.kind,
                  className: "outline-none",
                  onFocus: () => {
                    setActive(i);
                    setFocused(i);
                  },
                  onBlur: () => setFocused((f) => (f === i ? null : f)),
                  onPointerEnter: () => setHovered(i),
                  onPointerLeave: () => setHovered((h) => (h === i ? null : h)),
                  onKeyDown: (e: React.KeyboardEvent) => onKeyDown(e, i),
                };
                return n.href ? (
                  <a key={n.id} href={n.href} {...common}>
                    {circle}
                  </a>
                ) : (
                  <g key={n.id} role="img" {...common}>
                    {circle}
                  </g>
                );
              })}
            </g>
            {pinnedVisible ? (
              <g aria-hidden="true" className="pointer-events-none" fontSize={12}>
                {nodes.map((n, i) => {
                  if (!n.pinned || i === shown) return null;
                  const p = screen(n);
                  return (
                    <text
                      key={n.id}
                      x={p.x}
                      y={p.y - n.r * s - 4}
                      textAnchor="middle"
                      className="fill-foreground stroke-background"
                      strokeWidth={3}
                      paintOrder="stroke"
                      strokeLinejoin="round"
                    >
                      {n.name}
                    </text>
                  );
                })}
              </g>
            ) : null}
          </svg>
          {tip && tipAt ? (
            <div
              aria-hidden="true"
              data-slot="network-label"
              className="pointer-events-none absolute z-10 max-w-64 -translate-x-1/2 -translate-y-full rounded-md border border-border bg-popover px-2 py-1 text-xs text-popover-foreground shadow-md"
              style={{ left: clamp(tipAt.x, 70, size.w - 70), top: Math.max(tipAt.y - tip.r * s - 6, 28) }}
            >
              {tip.label}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/**
 * The frame's height as CSS, from its container's width W (100cqw less the 1 px borders): the
 * rule NetworkView applies once it has measured W, clamp(200, min(W·h/w, maxH, 3h), maxH) with
 * maxH = clamp(260, 0.62 W, 480), plus the borders.
 */
function frameHeight(bounds: { width: number; height: number }): string {
  const w = "(100cqw - 2px)";
  const maxH = `clamp(260px, calc(${w} * 0.62), 480px)`;
  return `calc(clamp(200px, min(calc(${w} * ${(bounds.height / bounds.width).toFixed(4)}), ${maxH}, ${Math.round(bounds.height * MAX_FIT)}px), ${maxH}) + 2px)`;
}

function ZoomButton({ label, onClick, disabled, children }: { label: string; onClick: () => void; disabled: boolean; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
      className="inline-flex size-9 items-center justify-center rounded-md border border-border text-muted-foreground hover:bg-accent hover:text-accent-foreground focus-visible:outline-2 focus-visible:outline-ring disabled:opacity-40 pointer-coarse:size-10 [&_svg]:size-4"
    >
      {children}
    </button>
  );
}
