// Copies the part of Slack's official API specs that the emulator validates against into ../spec/.
//
//   pnpm --filter @presence/slack-emulator extract-spec <dir with slackapi/slack-api-specs files>
//
// <dir> must hold `slack_web_openapi_v2.json` and `slack_events_api_async_v1.json` from
// slackapi/slack-api-specs (commit bc08db4). The output is committed; tests never read <dir>.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const SOURCE = "slackapi/slack-api-specs";
const SOURCE_COMMIT = "bc08db4";

/** The Web API methods the project calls (apps.connections.open is not in the 2021 spec). */
const WEB_API_METHODS = [
  "auth.test",
  "auth.revoke",
  "oauth.v2.access",
  "users.profile.set",
  "users.profile.get",
  "users.info",
  "users.list",
  "users.lookupByEmail",
  "users.getPresence",
  "users.setPresence",
  "dnd.info",
  "dnd.setSnooze",
  "dnd.endSnooze",
  "views.publish",
  "chat.postMessage",
];

/** Event topics (AsyncAPI names use dots where event types use underscores). */
const EVENT_TOPICS = [
  "user.change",
  "dnd.updated",
  "dnd.updated.user",
  "tokens.revoked",
  "app.uninstalled",
  "app.rate.limited",
  "url.verification",
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function readJson(path: string): Record<string, Json> {
  const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${path} is not a JSON object`);
  }
  return parsed as Record<string, Json>;
}

function asObject(value: Json | undefined, what: string): Record<string, Json> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error(`${what} is not an object`);
  return value;
}

/** Every `#/<section>/<name>` reference reachable from `root`, followed transitively through `section`. */
function collectRefs(root: Json, section: Record<string, Json>, prefix: string): Set<string> {
  const found = new Set<string>();
  const visit = (node: Json): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith(prefix)) {
        const name = value.slice(prefix.length);
        if (!found.has(name)) {
          found.add(name);
          const target = section[name];
          if (target === undefined) throw new Error(`dangling reference ${value}`);
          visit(target);
        }
      } else {
        visit(value);
      }
    }
  };
  visit(root);
  return found;
}

function pick(section: Record<string, Json>, names: Iterable<string>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const name of [...names].sort()) {
    const value = section[name];
    if (value === undefined) throw new Error(`missing ${name}`);
    out[name] = value;
  }
  return out;
}

function extractWebApi(path: string): Json {
  const spec = readJson(path);
  const paths = asObject(spec.paths, "paths");
  const definitions = asObject(spec.definitions, "definitions");
  const selected = pick(
    paths,
    WEB_API_METHODS.map((method) => `/${method}`),
  );
  return {
    swagger: spec.swagger ?? null,
    info: spec.info ?? null,
    "x-extracted": {
      source: SOURCE,
      commit: SOURCE_COMMIT,
      file: "web-api/slack_web_openapi_v2.json",
      methods: WEB_API_METHODS,
    },
    securityDefinitions: spec.securityDefinitions ?? null,
    paths: selected,
    definitions: pick(definitions, collectRefs(selected, definitions, "#/definitions/")),
  };
}

function extractEvents(path: string): Json {
  const spec = readJson(path);
  const topics = asObject(spec.topics, "topics");
  const components = asObject(spec.components, "components");
  const schemas = asObject(components.schemas, "components.schemas");
  const selected = pick(topics, EVENT_TOPICS);
  return {
    asyncapi: spec.asyncapi ?? null,
    info: spec.info ?? null,
    "x-extracted": {
      source: SOURCE,
      commit: SOURCE_COMMIT,
      file: "events-api/slack_events_api_async_v1.json",
      topics: EVENT_TOPICS,
    },
    topics: selected,
    components: { schemas: pick(schemas, collectRefs(selected, schemas, "#/components/schemas/")) },
  };
}

function main(): void {
  const dir = process.argv[2];
  if (!dir) {
    console.error(
      "usage: extract-spec <dir holding slack_web_openapi_v2.json and slack_events_api_async_v1.json>",
    );
    process.exit(2);
  }
  const out = new URL("../spec/", import.meta.url);
  const write = (name: string, value: Json): void => {
    writeFileSync(new URL(name, out), `${JSON.stringify(value, null, 2)}\n`);
  };
  write("slack_web_openapi_v2.subset.json", extractWebApi(join(dir, "slack_web_openapi_v2.json")));
  write("slack_events_api_async_v1.subset.json", extractEvents(join(dir, "slack_events_api_async_v1.json")));
  writeFileSync(new URL("LICENSE", out), readFileSync(join(dir, "LICENSE")));
  console.log(`wrote ${out.pathname}`);
}

main();
