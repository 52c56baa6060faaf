export * from "./context.ts";
export * from "./jobs.ts";
export * from "./queue/add-job.ts";
export * from "./queue/enqueue.ts";
export * from "./side-writer.ts";
export * from "./start-pipeline.ts";
export { runMaintenance } from "./tasks/maintenance.ts";
export { runObserve } from "./tasks/observe.ts";
export { runWrite } from "./tasks/write.ts";
