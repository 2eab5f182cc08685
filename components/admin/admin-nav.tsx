import { NavLinks } from "@/components/layout/nav-links";

const ITEMS = [
  { href: "/admin", label: "People" },
  { href: "/admin/teams", label: "Teams" },
  { href: "/admin/invites", label: "Invitations" },
  { href: "/admin/settings", label: "Settings" },
  { href: "/admin/chat", label: "Chat" },
  { href: "/admin/webhooks", label: "Webhooks" },
  { href: "/admin/provisioning", label: "Provisioning" },
  { href: "/admin/api-tokens", label: "API tokens" },
  { href: "/admin/audit", label: "Audit log" },
];

export function AdminNav() {
  return (
    <nav aria-label="Administration" className="-mx-1">
      <NavLinks items={ITEMS} match="exact" className="flex-wrap gap-1 px-1 pb-1" />
    </nav>
  );
}
