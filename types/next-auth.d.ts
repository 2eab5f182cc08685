import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id?: string; membershipId?: string };
  }
  interface User {
    membershipId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    mid?: string;
  }
}
