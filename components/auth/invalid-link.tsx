import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** The page a one-time link opens once it is used or expired: what happened, and the way on. */
export function InvalidLinkCard({ description, retry }: { description: string; retry: { href: string; label: string } }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-2xl">
          This link is not valid
        </CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>
        <p className="text-sm text-muted-foreground">
          <Link href={retry.href} className="font-medium text-primary underline underline-offset-4">
            {retry.label}
          </Link>{" "}
          or{" "}
          <Link href="/sign-in" className="font-medium text-primary underline underline-offset-4">
            sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
