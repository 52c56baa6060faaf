import { BridgeError } from "@presence/core";

import { Prisma } from "../generated/prisma/client.ts";

/** Postgres SQLSTATEs (raw queries report them as they are) and what they mean to a caller. */
const SQLSTATE_CODES: Record<string, "conflict" | "not_found"> = {
  /** unique_violation */
  "23505": "conflict",
  /** foreign_key_violation: what it refers to is gone, or something still refers to it */
  "23503": "conflict",
};

/** Prisma's request error codes the store tells apart. */
const PRISMA_CODES: Record<string, "conflict" | "not_found"> = {
  /** Unique constraint failed */
  P2002: "conflict",
  /** Foreign key constraint failed */
  P2003: "conflict",
  /** A record the operation needs was not found (update, delete, connect) */
  P2025: "not_found",
};

/**
 * The store's errors as the project's one error type: a unique violation (two replicas creating the same
 * row at once) is a `conflict`, a missing record `not_found`; anything else stays as it is (`internal`
 * when it is no BridgeError). `what` names the operation in the message.
 */
export function classifyDbError(error: unknown, what: string): BridgeError {
  if (error instanceof BridgeError) return error;
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    const sqlState = sqlStateOf(error.meta);
    const code = PRISMA_CODES[error.code] ?? (sqlState ? SQLSTATE_CODES[sqlState] : undefined);
    if (code === "conflict")
      return new BridgeError("conflict", `${what}: it conflicts with an existing record`, { cause: error });
    if (code === "not_found")
      return new BridgeError("not_found", `${what}: the record is gone`, { cause: error });
  }
  return BridgeError.from(error);
}

/**
 * The SQLSTATE of a failed raw query: `meta.code` from Prisma's own engine, or the driver adapter's
 * `meta.driverAdapterError.cause.originalCode` (adapter-pg).
 */
function sqlStateOf(meta: Record<string, unknown> | undefined): string | undefined {
  if (typeof meta?.code === "string") return meta.code;
  const adapter = meta?.driverAdapterError as { cause?: { originalCode?: unknown } } | undefined;
  return typeof adapter?.cause?.originalCode === "string" ? adapter.cause.originalCode : undefined;
}

/** Runs a store operation and throws its failure classified (see classifyDbError). */
export async function classified<T>(what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw classifyDbError(error, what);
  }
}
