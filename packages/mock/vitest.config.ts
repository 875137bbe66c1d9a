import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Prism starts in its own process; give it time on a loaded 2-core machine.
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
