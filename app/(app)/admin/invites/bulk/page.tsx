import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BulkInviteForm } from "@/components/admin/bulk-invite-form";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/domain/access";
import { emailConfigured } from "@/lib/platform/mailer";

export const metadata: Metadata = { title: "Invite people · Administration" };

export default async function BulkInvitePage() {
  const actor = await requireActor();
  if (!can(actor, "admin.manage")) notFound();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Invite people</h1>
        <p className="mt-1 text-muted-foreground">
          Paste e-mail addresses or a CSV with name, e-mail, role, team and manager. You see every row, with what is wrong, before anyone is invited. To invite
          one person with a link,{" "}
          <Link href="/admin/invites" className="font-medium text-primary underline underline-offset-4">
            use Invitations
          </Link>
          .
        </p>
      </div>
      <BulkInviteForm emailConfigured={emailConfigured()} />
    </div>
  );
}
