// SCIM 2.0 provisioning (README "Provisioning with SCIM"): the work is in lib/server/scim.ts.
import { scimGroups, scimRoute } from "@/lib/server/scim";

export const dynamic = "force-dynamic";

export const GET = scimRoute<{ id: string }>("scim.groups.get", scimGroups.get);
export const PUT = scimRoute<{ id: string }>("scim.groups.replace", scimGroups.replace);
export const PATCH = scimRoute<{ id: string }>("scim.groups.patch", scimGroups.patch);
export const DELETE = scimRoute<{ id: string }>("scim.groups.delete", scimGroups.remove);
