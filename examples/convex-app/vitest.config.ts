import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// @pattern testing/per-file-test-environments
export default defineConfig({
  plugins: [react()],
  test: {
    // Convex function tests run in the runtime Convex itself uses. DOM tests
    // opt into jsdom with a `// @vitest-environment jsdom` docblock.
    environment: "edge-runtime",
    include: ["convex/**/*.test.ts", "src/**/*.test.{ts,tsx}"],
    server: { deps: { inline: ["convex-test"] } },
    restoreMocks: true,
    unstubEnvs: true,
    unstubGlobals: true,
  },
});
