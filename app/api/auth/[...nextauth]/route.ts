import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// next-auth's own handler: sign-in, sign-out, session and CSRF endpoints. It is the one
// route not built by createRoute, and the inventory test names it as such.
const handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => NextAuth(authOptions())(req, ctx);

export { handler as GET, handler as POST };
