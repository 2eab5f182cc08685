// Draws the installable app's icons (public/icons/*.png) from the logo's shapes (public/icon.svg),
// with sharp (already installed by Next.js). Run again after changing the logo:
//   node scripts/make-app-icons.mjs
import { mkdirSync } from "node:fs";
import sharp from "sharp";

const TEAL = "#0f766e";
// The ripple: a dot and two rings. `inset` keeps a maskable icon's drawing inside its safe zone
// (the inner 80%), since a phone may cut the icon to a circle or a squircle.
const rings = (inset) => {
  const s = 1 - inset * 2;
  const t = (v) => 16 + (v - 16) * s;
  return `<g transform="translate(${t(0)} ${t(0)}) scale(${s})"><circle cx="16" cy="16" r="3" fill="#fff"/><circle cx="16" cy="16" r="7.5" fill="none" stroke="#fff" stroke-width="2" opacity=".8"/><circle cx="16" cy="16" r="12" fill="none" stroke="#fff" stroke-width="1.5" opacity=".5"/></g>`;
};
const any = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="${TEAL}"/>${rings(0)}</svg>`;
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${TEAL}"/>${rings(0.12)}</svg>`;

mkdirSync("public/icons", { recursive: true });
for (const size of [192, 512]) {
  await sharp(Buffer.from(any), { density: (72 * size) / 32 })
    .resize(size, size)
    .png()
    .toFile(`public/icons/icon-${size}.png`);
  await sharp(Buffer.from(maskable), { density: (72 * size) / 32 })
    .resize(size, size)
    .png()
    .toFile(`public/icons/maskable-${size}.png`);
}
await sharp(Buffer.from(any), { density: (72 * 180) / 32 })
  .resize(180, 180)
  .flatten({ background: TEAL })
  .png()
  .toFile("public/icons/apple-touch-icon.png");
console.log("public/icons: icon-192, icon-512, maskable-192, maskable-512, apple-touch-icon");
