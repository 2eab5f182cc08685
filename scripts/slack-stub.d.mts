// Types for scripts/slack-stub.mjs (plain JavaScript: scripts/e2e-serve.mjs runs it without a build step).
export type SlackCall = { path: string; method: string; authorization: string | null; body: Record<string, unknown> };
export function startSlackStub(): Promise<{ url: string; calls: SlackCall[]; close: () => Promise<void> }>;
