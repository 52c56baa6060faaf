/** Runs `stop` once on SIGINT/SIGTERM, then exits (non-zero if stopping failed). */
export function onShutdown(stop: () => Promise<void>, log: (message: string) => void): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    stop().then(
      () => {
        log("stopped: running jobs drained, connections closed");
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.once("SIGINT", handler);
  process.once("SIGTERM", handler);
}
