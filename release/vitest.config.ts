import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // A rehearsal publishes and installs over loopback and the npm registry: minutes, not seconds.
    hookTimeout: 600_000,
    testTimeout: 180_000,
  },
});
