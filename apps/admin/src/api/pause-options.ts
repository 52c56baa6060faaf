import type { PauseOptions } from "@presence/services";
import type { z } from "zod";

import type { ZPauseBody } from "./api-schemas.ts";

/** A pause request (for N minutes, until a time, or until resumed) as the pause service takes it. */
export function pauseOptions(body: z.infer<typeof ZPauseBody>, now = Date.now()): PauseOptions {
  const until = body.until
    ? new Date(body.until)
    : body.forMinutes
      ? new Date(now + body.forMinutes * 60_000)
      : undefined;
  return { ...(until ? { until } : {}), ...(body.reason ? { reason: body.reason } : {}) };
}
