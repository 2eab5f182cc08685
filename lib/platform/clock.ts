// "Now", in one place. RIPPLE_CLOCK_OFFSET_DAYS (test-only) shifts it, so end-to-end tests
// can start a server a few weeks ahead and see follow-ups and reminders come due.
export function now(): Date {
  const offset = Number(process.env.RIPPLE_CLOCK_OFFSET_DAYS ?? 0);
  return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0) * 86_400_000);
}
