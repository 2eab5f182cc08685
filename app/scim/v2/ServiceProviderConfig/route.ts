// SCIM 2.0 provisioning (README "Provisioning with SCIM"): the work is in lib/server/scim.ts.
import { scimDiscovery, scimRoute } from "@/lib/server/scim";

export const dynamic = "force-dynamic";

export const GET = scimRoute("scim.serviceProviderConfig", scimDiscovery.serviceProviderConfig);
