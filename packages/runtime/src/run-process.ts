import type { AppModule } from "./app-module.ts";
import { onShutdown } from "./on-shutdown.ts";
import { runApps, type RunningApps } from "./run-apps.ts";
import { startRuntime, type Runtime, type RuntimeEnv } from "./start-runtime.ts";

export interface RunProcessOptions {
  service: string;
  env: RuntimeEnv & { WORKER_CONCURRENCY: number };
  host: string;
  port: number;
  modules: (runtime: Runtime) => Promise<AppModule[]>;
  /** Runs after the apps and before the store close on shutdown (e.g. an in-process demo emulator). */
  afterStop?: () => Promise<unknown>;
}

/** An app process's whole life: open the runtime, serve the modules, stop cleanly on SIGINT/SIGTERM. */
export async function runProcess(
  options: RunProcessOptions,
): Promise<{ runtime: Runtime; running: RunningApps }> {
  const runtime = await startRuntime(options.service, options.env);
  const running = await runApps(runtime, await options.modules(runtime), {
    host: options.host,
    port: options.port,
    workerConcurrency: options.env.WORKER_CONCURRENCY,
  });
  onShutdown(
    async () => {
      await running.stop();
      await options.afterStop?.();
      await runtime.stop();
    },
    (message) => runtime.logger.info(message),
  );
  return { runtime, running };
}
