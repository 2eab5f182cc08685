import { linkify } from "@/lib/domain/story";
import { cn } from "@/lib/utils";

/** A narrative as typed: line breaks kept, http(s) links made clickable, nothing run as HTML. */
export function RichText({ text, className }: { text: string; className?: string }) {
  return (
    <p className={cn("whitespace-pre-line break-words", className)}>
      {linkify(text).map((seg, i) =>
        seg.kind === "link" ? (
          <a key={i} href={seg.href} target="_blank" rel="noopener noreferrer nofollow ugc" className="text-primary underline underline-offset-4">
            {seg.text}
          </a>
        ) : (
          <span key={i}>{seg.text}</span>
        ),
      )}
    </p>
  );
}
