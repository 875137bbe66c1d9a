import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Prism starts in its own process and the package test installs tarballs with npm; give
    // both time on a loaded 2-core machine.
    hookTimeout: 90_000,
    testTimeout: 30_000,
  },
});
