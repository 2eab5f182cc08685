// SCIM 2.0 provisioning (README "Provisioning with SCIM"): the work is in lib/server/scim.ts.
import { scimRoute, scimUsers } from "@/lib/server/scim";

export const dynamic = "force-dynamic";

export const GET = scimRoute<{ id: string }>("scim.users.get", scimUsers.get);
export const PUT = scimRoute<{ id: string }>("scim.users.replace", scimUsers.replace);
export const PATCH = scimRoute<{ id: string }>("scim.users.patch", scimUsers.patch);
export const DELETE = scimRoute<{ id: string }>("scim.users.delete", scimUsers.remove);
