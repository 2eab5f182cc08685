export function Logo({ className, compact = false }: { className?: string; compact?: boolean }) {
  return (
    <span className={className}>
      <svg aria-hidden="true" viewBox="0 0 32 32" className="inline-block size-7 align-middle">
        <rect width="32" height="32" rx="8" className="fill-primary" />
        <circle cx="16" cy="16" r="3" className="fill-primary-foreground" />
        <circle cx="16" cy="16" r="7.5" fill="none" strokeWidth="2" opacity=".8" className="stroke-primary-foreground" />
        <circle cx="16" cy="16" r="12" fill="none" strokeWidth="1.5" opacity=".5" className="stroke-primary-foreground" />
      </svg>
      <span
        className={
          compact ? "ml-2 hidden align-middle text-lg font-semibold tracking-tight sm:inline" : "ml-2 align-middle text-lg font-semibold tracking-tight"
        }
      >
        Ripple
      </span>
    </span>
  );
}
