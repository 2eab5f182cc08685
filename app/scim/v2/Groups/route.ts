// SCIM 2.0 provisioning (README "Provisioning with SCIM"): the work is in lib/server/scim.ts.
import { scimGroups, scimRoute } from "@/lib/server/scim";

export const dynamic = "force-dynamic";

export const GET = scimRoute("scim.groups.list", scimGroups.list);
export const POST = scimRoute("scim.groups.create", scimGroups.create);
