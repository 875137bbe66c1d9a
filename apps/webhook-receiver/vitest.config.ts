import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The sandbox and the shutdown test's child process need time on a loaded machine.
    hookTimeout: 30_000,
    testTimeout: 30_000,
  },
});
