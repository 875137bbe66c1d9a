import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // The crash drills start child processes; give them time on a loaded 2-core machine.
    testTimeout: 30_000,
  },
});
