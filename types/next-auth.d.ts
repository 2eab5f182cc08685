import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id?: string | undefined; membershipId?: string | undefined; organizationId?: string | undefined; sessionId?: string | undefined };
  }
  interface User {
    membershipId?: string;
    organizationId?: string;
    sessionId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    mid?: string;
    /** The membership's organisation: the server-side session's key is (oid, sid). */
    oid?: string;
    /** The server-side session (lib/db/sessions.ts); revoked sessions have no actor. */
    sid?: string;
  }
}
