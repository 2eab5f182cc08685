import Link from "next/link";

// Inside the app shell (which already has the <main> landmark): a story you may not see and
// one that does not exist answer the same.
export default function NotFoundInApp() {
  return (
    <div className="flex min-h-[50dvh] max-w-lg flex-col items-start justify-center gap-4">
      <p className="text-sm font-medium text-muted-foreground">404</p>
      <h1 className="text-2xl font-semibold">We could not find that</h1>
      <p className="text-muted-foreground">It may have been moved or removed, or it is not shared with you.</p>
      <Link href="/" className="font-medium text-primary underline underline-offset-4">
        Go to your home page
      </Link>
    </div>
  );
}
