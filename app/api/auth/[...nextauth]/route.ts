import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// next-auth's own endpoints (sign-in, callback, sign-out, csrf). Credentials are checked, counted
// and audited in lib/auth/login.ts, so a direct POST to the callback is treated like the form.
const handler = NextAuth(authOptions);
export { handler as GET, handler as POST };
