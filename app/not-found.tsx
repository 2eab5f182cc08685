import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto flex min-h-[60dvh] max-w-lg flex-col items-start justify-center gap-4 px-6">
      <p className="text-sm font-medium text-muted-foreground">404</p>
      <h1 className="text-2xl font-semibold">We could not find that page</h1>
      <p className="text-muted-foreground">It may have been moved or removed, or it is not shared with you.</p>
      <Link href="/" className="font-medium text-primary underline underline-offset-4">
        Go to your home page
      </Link>
    </main>
  );
}
