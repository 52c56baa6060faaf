/** An unpaired UTF-16 surrogate (JSON's `"\ud800"`): Prisma's query engine cannot send one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether text has a NUL character, which Postgres cannot store in `text` or `jsonb`. */
export function hasNulCharacter(text: string): boolean {
  return text.includes("\u0000");
}

/** Whether text can reach Postgres through Prisma: no NUL character and no unpaired surrogate. */
export function isStorableText(text: string): boolean {
  return !hasNulCharacter(text) && !LONE_SURROGATE.test(text);
}

/**
 * Whether any string or object key in a value (a parsed query or JSON body, however deep) matches
 * `test`. Iterative: hostile bodies nest thousands deep.
 */
export function someText(value: unknown, test: (text: string) => boolean): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === "string") {
      if (test(next)) return true;
    } else if (typeof next === "object" && next !== null) {
      for (const [key, inner] of Object.entries(next)) {
        if (test(key)) return true;
        pending.push(inner);
      }
    }
  }
  return false;
}
