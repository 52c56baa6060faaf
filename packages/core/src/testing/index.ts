export * from "./arbitraries.ts";
export * from "./day-trace.ts";
export * from "./hostile-input.ts";
export * from "./memory-bridge.ts";
export * from "./sim-graph.ts";
export * from "./sim-slack.ts";
export * from "./simulation.ts";
export * from "./seeded-random.ts";
