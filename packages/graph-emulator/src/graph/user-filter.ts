import type { DirectoryUser } from "../directory/directory.ts";
import { GraphError } from "./graph-errors.ts";

/**
 * The `$filter` subset the emulator understands on `/users`: clauses `prop eq 'v'`, `prop in ('a','b')` and
 * `startswith(prop,'v')` on string properties, joined by `and` / `or` (and binds tighter; no parentheses). String
 * comparison ignores case, as the directory does. Anything else is a 400, so a bridge never relies on a filter the
 * emulator silently ignored.
 */
const STRING_PROPS = [
  "id",
  "displayName",
  "mail",
  "userPrincipalName",
  "givenName",
  "surname",
  "jobTitle",
] as const;
type StringProp = (typeof STRING_PROPS)[number];

type Clause = (user: DirectoryUser) => boolean;

const LITERAL = "'((?:[^']|'')*)'";
const EQ = new RegExp(`^(\\w+)\\s+eq\\s+${LITERAL}$`, "i");
const IN = new RegExp(`^(\\w+)\\s+in\\s+\\((\\s*${LITERAL}\\s*(?:,\\s*${LITERAL}\\s*)*)\\)$`, "i");
const STARTSWITH = new RegExp(`^startswith\\(\\s*(\\w+)\\s*,\\s*${LITERAL}\\s*\\)$`, "i");

function unquote(text: string): string {
  return text.replace(/''/g, "'");
}

function property(name: string): StringProp {
  const prop = STRING_PROPS.find((p) => p.toLowerCase() === name.toLowerCase());
  if (!prop)
    throw new GraphError(
      400,
      "Request_UnsupportedQuery",
      `Unsupported or invalid query filter clause specified for property '${name}' of resource 'User'.`,
    );
  return prop;
}

function valueOf(user: DirectoryUser, prop: StringProp): string | null {
  return user[prop];
}

function clause(text: string): Clause {
  const trimmed = text.trim();
  let match = EQ.exec(trimmed);
  if (match) {
    const prop = property(match[1] ?? "");
    const expected = unquote(match[2] ?? "").toLowerCase();
    return (user) => valueOf(user, prop)?.toLowerCase() === expected;
  }
  match = IN.exec(trimmed);
  if (match) {
    const prop = property(match[1] ?? "");
    const values = [...(match[2] ?? "").matchAll(new RegExp(LITERAL, "g"))].map((m) =>
      unquote(m[1] ?? "").toLowerCase(),
    );
    return (user) => values.includes(valueOf(user, prop)?.toLowerCase() ?? "\u0000");
  }
  match = STARTSWITH.exec(trimmed);
  if (match) {
    const prop = property(match[1] ?? "");
    const prefix = unquote(match[2] ?? "").toLowerCase();
    return (user) => valueOf(user, prop)?.toLowerCase().startsWith(prefix) ?? false;
  }
  throw new GraphError(400, "BadRequest", `Invalid filter clause: '${trimmed}'.`);
}

/** Splits on a keyword outside quoted literals. */
function splitOutsideQuotes(text: string, keyword: "and" | "or"): string[] {
  const parts: string[] = [];
  let depthQuote = false;
  let start = 0;
  const pattern = new RegExp(`^\\s+${keyword}\\s+`, "i");
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === "'") depthQuote = !depthQuote;
    if (!depthQuote) {
      const rest = pattern.exec(text.slice(i));
      if (rest) {
        parts.push(text.slice(start, i));
        i += rest[0].length - 1;
        start = i + 1;
      }
    }
  }
  parts.push(text.slice(start));
  return parts;
}

export function compileUserFilter(filter: string): (user: DirectoryUser) => boolean {
  const alternatives = splitOutsideQuotes(filter, "or").map((alt) =>
    splitOutsideQuotes(alt, "and").map(clause),
  );
  return (user) => alternatives.some((all) => all.every((c) => c(user)));
}
