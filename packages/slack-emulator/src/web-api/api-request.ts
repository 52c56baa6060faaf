import { ApiError } from "./api-error.ts";

/** A Web API request as Slack reads it: arguments from the query and the body, and where the token came from. */
export interface ApiRequest {
  method: string;
  httpMethod: string;
  /** Wire arguments, the token removed; JSON bodies keep their JSON types. */
  args: Record<string, unknown>;
  token: string | null;
  /** Credentials from `Authorization: Basic` (oauth.v2.access). */
  basic: { user: string; password: string } | null;
}

function firstHeader(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

function parseBody(contentType: string, body: string): Record<string, unknown> {
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (body.length === 0) return {};
  if (type === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new ApiError("invalid_json");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new ApiError("json_not_object");
    return parsed as Record<string, unknown>;
  }
  if (type === "application/x-www-form-urlencoded" || type === "") {
    return Object.fromEntries(new URLSearchParams(body));
  }
  if (type === "multipart/form-data") throw new ApiError("invalid_form_data");
  throw new ApiError("invalid_post_type");
}

/** Reads method, arguments and token; the token may come from `Authorization: Bearer`, the body or the query. */
export function readApiRequest(
  method: string,
  httpMethod: string,
  headers: Record<string, string | string[] | undefined>,
  query: URLSearchParams,
  body: string,
): ApiRequest {
  const args: Record<string, unknown> = {
    ...Object.fromEntries(query),
    ...parseBody(firstHeader(headers["content-type"]), body),
  };
  const authorization = firstHeader(headers.authorization);
  let token: string | null = null;
  let basic: ApiRequest["basic"] = null;
  const bearer = /^Bearer\s+(.+)$/i.exec(authorization);
  const basicMatch = /^Basic\s+(.+)$/i.exec(authorization);
  if (bearer?.[1]) token = bearer[1].trim();
  if (basicMatch?.[1]) {
    const decoded = Buffer.from(basicMatch[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0) basic = { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (token === null && typeof args.token === "string" && args.token.length > 0) token = args.token;
  delete args.token;
  return { method, httpMethod, args, token, basic };
}

/** A JSON-carrying argument (`profile`, `view`, …): parsed from a form's JSON text, or taken as is from a JSON body. */
export function jsonArgument(
  args: Record<string, unknown>,
  name: string,
): { present: false } | { present: true; value: unknown } | { present: true; invalid: true } {
  const raw = args[name];
  if (raw === undefined || raw === "") return { present: false };
  if (typeof raw !== "string") return { present: true, value: raw };
  try {
    return { present: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { present: true, invalid: true };
  }
}

/** A string argument; numbers and booleans from JSON bodies are read as Slack reads form values. */
export function stringArgument(args: Record<string, unknown>, name: string): string | undefined {
  const raw = args[name];
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === "string") return raw;
  if (typeof raw === "number" || typeof raw === "boolean") return String(raw);
  return undefined;
}

export function booleanArgument(args: Record<string, unknown>, name: string): boolean {
  const raw = stringArgument(args, name);
  return raw === "true" || raw === "1";
}

/** The client id of an oauth.v2.access call (form field or HTTP Basic user). */
export function clientIdOf(request: ApiRequest): string | undefined {
  return stringArgument(request.args, "client_id") ?? request.basic?.user;
}
