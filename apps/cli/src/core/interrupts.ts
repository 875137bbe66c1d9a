/** Hands the first Ctrl+C (or SIGTERM) to `handler`; returns what detaches it. */
export type OnInterrupt = (handler: () => void) => () => void;

const exitCodes = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * The process's interrupts: the first SIGINT or SIGTERM asks the command to stop cleanly, a
 * second one ends the process at once (with the shell's code for the signal). Whatever the
 * command has journaled stays valid either way.
 */
export const processInterrupts: OnInterrupt = (handler) => {
  let received = 0;
  const listener = (signal: keyof typeof exitCodes) => {
    received += 1;
    if (received === 1) handler();
    else process.exit(exitCodes[signal]);
  };
  process.on("SIGINT", listener);
  process.on("SIGTERM", listener);
  return () => {
    process.off("SIGINT", listener);
    process.off("SIGTERM", listener);
  };
};
