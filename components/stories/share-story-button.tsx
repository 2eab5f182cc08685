"use client";

import { Share2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setStoryStatusAction } from "@/lib/actions/stories";
import { Button } from "@/components/ui/button";

/** Shares a draft from its page, with the audience its author chose (named on the button). */
export function ShareStoryButton({ storyId, audience }: { storyId: string; audience: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button
        variant="outline"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await setStoryStatusAction(null, { storyId, status: "PUBLISHED" });
            if (result.ok) {
              setError(null);
              router.refresh();
            } else setError(result.message);
          })
        }
      >
        <Share2 aria-hidden="true" /> {pending ? "Sharing…" : `Share with ${audience}`}
      </Button>
      {error ? (
        <p role="alert" className="w-full text-sm font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </>
  );
}
