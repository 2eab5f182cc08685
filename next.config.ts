import type { NextConfig } from "next";
import { MAX_EVIDENCE_BYTES } from "./lib/domain/file-type";
import { ACTION_BODY_LIMIT_MB } from "./lib/server/request-guard";

// Security headers that do not depend on the request. The Content-Security-Policy needs a
// fresh nonce per request and is set in proxy.ts.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite and the pg driver load WebAssembly and native-ish modules, and pdfkit reads its font
  // files from its own folder: keep them out of the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@node-rs/argon2", "pino", "pdfkit"],
  typedRoutes: false,
  experimental: {
    // The largest document the story editor accepts (every field full, in the characters that
    // take most bytes as JSON) is about 1.7 MB; proxy.ts refuses anything larger with a message.
    serverActions: { bodySizeLimit: `${ACTION_BODY_LIMIT_MB}mb` },
    // proxy.ts sees every request, so Next.js copies bodies for it: room for an evidence file
    // and its form, or an upload would be cut short before the route can refuse it cleanly.
    proxyClientMaxBodySize: MAX_EVIDENCE_BYTES + 1024 * 1024,
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // The service worker (public/sw.js): always checked for a new version, allowed to control
      // the whole site. Its answers keep the site's CSP (set in proxy.ts).
      {
        source: "/sw.js",
        headers: [
          { key: "Cache-Control", value: "no-cache, max-age=0, must-revalidate" },
          { key: "Service-Worker-Allowed", value: "/" },
          { key: "Content-Type", value: "text/javascript; charset=utf-8" },
        ],
      },
    ];
  },
};

export default nextConfig;
