import "server-only";

/**
 * The key of a tenant row: its organisation and its id (every tenant table's primary key leads
 * with organizationId, so that the tables can be distributed by it; README, "Scale-out").
 */
export function tenantKey(organizationId: string, id: string) {
  return { organizationId_id: { organizationId, id } };
}
