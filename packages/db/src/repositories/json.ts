import type { Prisma } from "../generated/prisma/client.ts";

/** Plain data to a Prisma JSON column value. */
export function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value ?? {})) as Prisma.InputJsonValue;
}
