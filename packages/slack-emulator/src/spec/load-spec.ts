import { readFileSync } from "node:fs";

export type JsonSchema = Record<string, unknown>;

export interface WebApiOperation {
  parameters: { in: string; name: string; type?: string; required?: boolean }[];
  responses: { "200": { schema: JsonSchema }; default: { schema: JsonSchema } };
  security?: { slackAuth?: string[] }[];
}

export interface WebApiSpec {
  paths: Record<string, Record<string, WebApiOperation>>;
  definitions: Record<string, JsonSchema>;
}

export interface EventsSpec {
  topics: Record<string, { subscribe: { "x-scopes-required"?: string[]; "x-tokens-allowed"?: string[] } }>;
  components: { schemas: Record<string, JsonSchema> };
}

function readSpec<T>(file: string): T {
  // The package's own copy (spec/), never the shared originals.
  return JSON.parse(readFileSync(new URL(`../../spec/${file}`, import.meta.url), "utf8")) as T;
}

/** The copied Web API subset (OpenAPI 2.0), exactly as extracted from slackapi/slack-api-specs. */
export function loadWebApiSpec(): WebApiSpec {
  return readSpec<WebApiSpec>("slack_web_openapi_v2.subset.json");
}

/** The copied Events API subset (AsyncAPI 1.2), exactly as extracted. */
export function loadEventsSpec(): EventsSpec {
  return readSpec<EventsSpec>("slack_events_api_async_v1.subset.json");
}

/** The single operation (any HTTP verb) of a method in the spec, if the 2021 spec has it. */
export function operationOf(spec: WebApiSpec, method: string): WebApiOperation | undefined {
  const path = spec.paths[`/${method}`];
  return path ? Object.values(path)[0] : undefined;
}
