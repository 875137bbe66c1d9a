import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The parity test compiles generated modules with tsc; give it time on a loaded machine.
    testTimeout: 120_000,
  },
});
