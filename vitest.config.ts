import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const alias = {
  "@": root,
  // Data files import "server-only" to keep them out of client bundles; under test they run on the server.
  "server-only": path.join(root, "tests/support/server-only-stub.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/integration/setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: "forks",
          // Evidence files go to a temporary folder, never into the project's .data/.
          // RIPPLE_OUTBOUND_ALLOW_PRIVATE: webhook and LRS tests deliver to stub receivers on 127.0.0.1.
          env: { RIPPLE_DATA_DIR: "memory://", RIPPLE_OUTBOUND_ALLOW_PRIVATE: "1" },
        },
      },
    ],
  },
});
