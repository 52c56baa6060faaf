import type { JsonSchema } from "./load-spec.ts";

type Node = unknown;

/**
 * Makes a 2021 Swagger schema usable by a JSON Schema validator without changing what it means:
 *
 * - `items: [A, B]` on a schema that is not an array: the spec generator wrote "one of A or B" this way
 *   (`objs_user`, `tz`, `bot_id`, `objs_response_metadata`). Read literally it validates nothing; it becomes
 *   `anyOf: [A, B]`.
 * - `#/definitions/x` references point at the shared definitions document `slack-web`.
 */
export function normalizeSchema(node: Node, refBase = "slack-web"): Node {
  if (Array.isArray(node)) return node.map((item) => normalizeSchema(item, refBase));
  if (typeof node !== "object" || node === null) return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string" && value.startsWith("#/definitions/")) {
      out.$ref = `${refBase}${value}`;
    } else {
      out[key] = normalizeSchema(value, refBase);
    }
  }
  const record = node as JsonSchema;
  if (Array.isArray(record.items) && record.type !== "array") {
    delete out.items;
    out.anyOf = normalizeSchema(record.items, refBase);
  }
  return out;
}
