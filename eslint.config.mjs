// ESLint 9 flat config: Next.js's core rules (React, react-hooks, Next.js, accessibility basics),
// typescript-eslint's recommended rules, and the layers of README "Architecture", checked by
// eslint-plugin-boundaries. `npm run lint`; `npm run check` runs the typecheck and this.
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import boundaries from "eslint-plugin-boundaries";

// ---------------------------------------------------------------------------------------------
// The layers. Each folder below is one element, named by its path; the two loose files are
// classified as files. Every linted file must be one of them (boundaries/no-unknown-files): a
// new top-level folder, or a new folder in lib/, is placed here before it can import anything.
const FOLDERS = [
  "app",
  "components",
  "lib/actions",
  "lib/server",
  "lib/auth",
  "lib/jobs",
  "lib/backup",
  "lib/pdf",
  "lib/db",
  "lib/validation",
  "lib/domain",
  "lib/platform",
  "types",
  "scripts",
  "tests",
];
const FILES = {
  // `cn`, where shadcn's components expect it.
  "lib/utils.ts": "lib/utils.ts",
  // Next.js's and the tools' entry files at the root: proxy.ts, instrumentation.ts, next.config.ts, …
  root: "*.{ts,mts,mjs,js}",
  // The service worker, served as it is: it imports nothing.
  "public/sw.js": "public/sw.js",
};

// The allowed arrows: from each layer, the layers it may import (itself included); anything not
// listed is refused. In short: app → components → lib/actions → lib/server, lib/auth, lib/jobs →
// lib/db → lib/validation → lib/domain; lib/backup and lib/pdf beside them; every layer but
// lib/domain may import lib/platform, which imports nothing else of Ripple.
const PLATFORM = "lib/platform";
export const ARROWS = {
  // Pages read lib/db directly; route handlers use lib/server, lib/db and lib/pdf.
  app: [
    "app",
    "components",
    "lib/utils.ts",
    "lib/actions",
    "lib/server",
    "lib/auth",
    "lib/jobs",
    "lib/backup",
    "lib/pdf",
    "lib/db",
    "lib/validation",
    "lib/domain",
    PLATFORM,
  ],
  // Never app/ and never a data function: lib/db's shapes as types only (the policy below).
  components: ["components", "lib/utils.ts", "lib/actions", "lib/validation", "lib/domain", PLATFORM],
  "lib/utils.ts": [],
  "public/sw.js": [],
  "lib/actions": ["lib/actions", "lib/server", "lib/auth", "lib/jobs", "lib/db", "lib/validation", "lib/domain", PLATFORM],
  // The action and route wrappers stand on the session (lib/auth).
  "lib/server": ["lib/server", "lib/auth", "lib/jobs", "lib/db", "lib/validation", "lib/domain", PLATFORM],
  "lib/auth": ["lib/auth", "lib/db", "lib/validation", "lib/domain", PLATFORM],
  "lib/jobs": ["lib/jobs", "lib/db", "lib/validation", "lib/domain", PLATFORM],
  "lib/backup": ["lib/backup", "lib/db", "lib/validation", "lib/domain", PLATFORM],
  // The PDF is laid out from lib/domain's shape only.
  "lib/pdf": ["lib/pdf", "lib/domain", PLATFORM],
  // The only code that touches Prisma.
  "lib/db": ["lib/db", "lib/validation", "lib/domain", PLATFORM],
  "lib/validation": ["lib/validation", "lib/domain", PLATFORM],
  // Pure: nothing else of Ripple, not even the base (the time comes in as an argument).
  "lib/domain": ["lib/domain"],
  [PLATFORM]: [PLATFORM],
  root: ["root", "lib/server", "lib/auth", "lib/jobs", "lib/backup", "lib/db", "lib/validation", "lib/domain", PLATFORM],
  types: ["types", "lib/auth", "lib/domain", PLATFORM],
  // Scripts and tests stand outside the layers and may import any of them (tests import scripts).
  scripts: ["scripts", ...FOLDERS.filter((f) => f !== "tests" && f !== "scripts"), ...Object.keys(FILES)],
  tests: [...FOLDERS, ...Object.keys(FILES)],
};

/** The entity selector of some layers: elements by type, loose files by category. */
function layers(names) {
  const folders = names.filter((n) => FOLDERS.includes(n));
  const files = names.filter((n) => n in FILES);
  return [...(folders.length ? [{ element: { type: folders } }] : []), ...(files.length ? [{ file: { categories: files } }] : [])];
}

const policies = [
  ...Object.entries(ARROWS)
    .filter(([, to]) => to.length > 0)
    .map(([from, to]) => ({ from: layers([from]), allow: { to: layers(to) } })),
  // Pages pass lib/db's results to components as props: components may name those shapes.
  { from: layers(["components"]), allow: { to: layers(["lib/db"]), dependency: { kind: "type" } } },
];

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      "lib/db/generated/**",
      ".next/**",
      ".data/**",
      "tmp/**",
      "test-results/**",
      "playwright-report/**",
      "blob-report/**",
      "coverage/**",
      "next-env.d.ts",
    ],
  },
  {
    files: ["**/*.{ts,tsx,mts,mjs,js}"],
    plugins: { boundaries },
    settings: {
      "boundaries/root-path": import.meta.dirname,
      "boundaries/elements": FOLDERS.map((folder) => ({ type: folder, pattern: folder, partialMatch: false })),
      "boundaries/files": Object.entries(FILES).map(([category, pattern]) => ({ category, pattern })),
      "boundaries/dependency-nodes": ["import", "export", "dynamic-import"],
    },
    rules: {
      "boundaries/dependencies": [2, { default: "disallow", policies }],
      "boundaries/no-unknown-files": 2,
      "boundaries/no-unknown-dependencies": 2,
    },
  },
  {
    // Tests read parsed JSON (exports, xAPI statements) as loose records.
    files: ["tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    rules: {
      // Unused names are errors, except those named as unused on purpose.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
];

export default config;
