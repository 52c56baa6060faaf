export * from "./fragments.ts";
export * from "./parse-env.ts";
