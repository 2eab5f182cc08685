// The summary's look: the light theme of app/globals.css (oklch converted to sRGB hex), the
// A4 page, the limits that keep it to three pages, and the DejaVu fonts (Latin, Greek and
// Cyrillic), read from node_modules/dejavu-fonts-ttf and embedded as subsets.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Cycle } from "@/lib/domain/framework";

export const INK = "#131c23";
export const MUTED = "#525c66";
export const FAINT = "#8a939b";
export const HAIRLINE = "#d8dfe3";
export const SURFACE = "#f3f6f7";
export const PRIMARY = "#06707e";
export const SUCCESS = "#2b7440";

export const CYCLE_COLOR: Record<Cycle, string> = {
  IMMEDIATE: "#9a2300",
  POTENTIAL: "#1043a8",
  APPLIED: "#037a69",
  REALIZED: "#996012",
  REFRAMING: "#752b69",
};
export const CYCLE_SOFT: Record<Cycle, string> = {
  IMMEDIATE: "#ffede9",
  POTENTIAL: "#ebf2fe",
  APPLIED: "#def9f2",
  REALIZED: "#fef0d8",
  REFRAMING: "#fbedf7",
};
/** One word per cycle, for narrow places (chips, column heads). */
export const CYCLE_SHORT: Record<Cycle, string> = {
  IMMEDIATE: "Immediate",
  POTENTIAL: "Potential",
  APPLIED: "Applied",
  REALIZED: "Realized",
  REFRAMING: "Reframing",
};

export const PAGE = { width: 595.28, height: 841.89 };
export const MARGIN = { top: 54, bottom: 64, left: 58, right: 58 };
export const MAX_PAGES = 3;
export const MAX_STORIES = 5;
/** The seed catalogue's size: a full catalogue fits one page with the capital mix. */
export const MAX_MATRIX_ROWS = 27;

export type FontName = "regular" | "bold" | "italic" | "serif" | "serifBold";
export const FONT_FILES: Record<FontName, string> = {
  regular: "DejaVuSansCondensed.ttf",
  bold: "DejaVuSansCondensed-Bold.ttf",
  italic: "DejaVuSansCondensed-Oblique.ttf",
  serif: "DejaVuSerifCondensed.ttf",
  serifBold: "DejaVuSerifCondensed-Bold.ttf",
};

let fontCache: Record<FontName, Buffer> | null = null;

/** The font files, read once. Resolved from the working directory so Next's server build finds them too. */
export function fonts(): Record<FontName, Buffer> {
  if (!fontCache) {
    const dir = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
    fontCache = Object.fromEntries(Object.entries(FONT_FILES).map(([name, file]) => [name, readFileSync(path.join(dir, file))])) as Record<FontName, Buffer>;
  }
  return fontCache;
}

// Colour

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** `a` blended towards `b` by t (0 → a, 1 → b). */
export function mix(a: string, b: string, t: number): string {
  const [r1, g1, b1] = hexToRgb(a);
  const [r2, g2, b2] = hexToRgb(b);
  const c = (x: number, y: number) =>
    Math.round(x + (y - x) * t)
      .toString(16)
      .padStart(2, "0");
  return `#${c(r1, r2)}${c(g1, g2)}${c(b1, b2)}`;
}
