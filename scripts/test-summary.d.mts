// Types for scripts/test-summary.mjs (plain JavaScript, run by node without a build step).
export type Counts = { passed: number; failed: number; skipped: number };
/** Each part: the parsed file, undefined when the file is missing, or an Error when unreadable. */
export type LayerFiles = { report?: unknown; plan?: unknown; errors?: unknown; run?: unknown };
export type LoadedLayer = LayerFiles & { name: string };

export function readJson(file: string): unknown;
export function layerFiles(nameOrReport: string, dir?: string): { name: string; report: string; plan: string; errors: string; run: string };
export function loadLayer(nameOrReport: string, dir?: string): LoadedLayer;
export function judgeLayer(layer: LayerFiles): { counts: Counts; problems: string[] };
export function summarize(layers: (string | LoadedLayer)[], dir?: string): { total: Counts; lines: string[]; closing: string; ok: boolean };
