import type { MetadataRoute } from "next";

// The installable app. Next.js serves it at /manifest.webmanifest and links it from every page.
// The colours of the page's own bar, per theme, are the viewport's theme-color (app/layout.tsx);
// these are for the splash screen and the window before a page has loaded.
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "Ripple: learning moments",
    short_name: "Ripple",
    description: "Capture the moments your network taught you something, and grow them into value-creation stories.",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#0f766e",
    categories: ["productivity", "education", "business"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-192.png", sizes: "192x192", type: "image/png", purpose: "maskable" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
    ],
    shortcuts: [{ name: "Capture a moment", short_name: "Capture", url: "/capture", icons: [{ src: "/icons/icon-192.png", sizes: "192x192" }] }],
    // Sharing a link or text from a phone opens quick capture, filled in (app/api/capture/share).
    share_target: {
      action: "/api/capture/share",
      method: "post",
      enctype: "multipart/form-data",
      params: { title: "title", text: "text", url: "url" },
    },
  };
}
