import { Prisma } from "../generated/prisma/client.ts";

// Several data-modifying statements sent as one (each but the last a data-modifying CTE): one round
// trip instead of one per statement — on the pipeline's hot path the per-statement costs (Prisma,
// the socket) dominate. Postgres runs every data-modifying CTE exactly once and to completion, whether
// or not the rest of the statement reads it. All parts see the same snapshot: no two may change the
// same row, and none sees what another changed (each part here writes rows of its own).

/** The statements as the CTEs `w0 AS (…), w1 AS (…), …` of one statement (none: empty). */
export function asCtes(writes: readonly Prisma.Sql[]): Prisma.Sql {
  if (writes.length === 0) return Prisma.empty;
  return Prisma.join(
    writes.map((write, i) => Prisma.sql`${Prisma.raw(`w${i}`)} AS (${write})`),
    ", ",
  );
}

/** The statements as one: `WITH w0 AS (first), … last` (a single statement as it is); null for none. */
export function oneStatement(writes: readonly Prisma.Sql[]): Prisma.Sql | null {
  const last = writes.at(-1);
  if (last === undefined) return null;
  if (writes.length === 1) return last;
  return Prisma.sql`WITH ${asCtes(writes.slice(0, -1))} ${last}`;
}
