export * from "./fragments.ts";
export * from "./parse-env.ts";
export * from "./load-dot-env.ts";
