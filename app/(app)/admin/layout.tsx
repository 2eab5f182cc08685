import { notFound } from "next/navigation";
import { AdminNav } from "@/components/admin/admin-nav";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/domain/access";

// The frame only: every page and action checks the admin capability again for itself.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  if (!can(actor, "admin.manage")) notFound();
  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <p className="text-sm font-medium text-muted-foreground">Administration · {actor.organizationName}</p>
        <AdminNav />
      </div>
      {children}
    </div>
  );
}
