// SCIM 2.0 provisioning (README "Provisioning with SCIM"): the work is in lib/server/scim.ts.
import { scimRoute, scimUsers } from "@/lib/server/scim";

export const dynamic = "force-dynamic";

export const GET = scimRoute("scim.users.list", scimUsers.list);
export const POST = scimRoute("scim.users.create", scimUsers.create);
