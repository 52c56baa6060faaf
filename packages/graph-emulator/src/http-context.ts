import type { NextFunction, Request, Response } from "express";
import { newGuid } from "./ids.ts";
import type { RequestLog, Surface } from "./request-log.ts";

/** Per-request facts handlers add for the request log (res.locals.log). */
export interface LogFacts {
  appId?: string;
  userId?: string;
  tenantId?: string;
  tokenKind?: "app" | "delegated";
  fault?: boolean;
  /** The users a many-user read named (getPresencesByUserId's ids), for benchmarks that trace one person. */
  subjects?: string[];
}

export function logFacts(res: Response): LogFacts {
  const locals = res.locals as { log?: LogFacts };
  locals.log ??= {};
  return locals.log;
}

export function requestId(res: Response): string {
  return String(res.getHeader("request-id"));
}

export function clientRequestId(res: Response): string {
  return String(res.getHeader("client-request-id"));
}

function surfaceOf(path: string): Surface {
  if (path.startsWith("/_emulator")) return "control";
  if (/^\/(v1\.0|beta)(\/|$)/i.test(path)) return "graph";
  if (/^\/[^/]+\/(oauth2|v2\.0|discovery)\//i.test(path) || path.startsWith("/common/discovery"))
    return "entra";
  return "other";
}

/**
 * Stamps every response with `request-id` and `client-request-id` (echoed when the client sent one, reference §5) and
 * records the request in the log as it is answered.
 */
export function requestContext(log: RequestLog) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = Date.now();
    const id = newGuid();
    const clientId = req.header("client-request-id") ?? id;
    res.setHeader("request-id", id);
    res.setHeader("client-request-id", clientId);
    // Logged as the response is ended, before its bytes leave: a client that has its answer always finds the entry.
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    let logged = false;
    res.end = ((...args: unknown[]) => {
      if (!logged) {
        logged = true;
        log.add({
          at: new Date(started).toISOString(),
          method: req.method,
          path: req.originalUrl.split("?")[0] ?? "",
          query: req.originalUrl.includes("?") ? req.originalUrl.slice(req.originalUrl.indexOf("?") + 1) : "",
          host: req.header("host") ?? "",
          surface: surfaceOf(req.originalUrl),
          status: res.statusCode,
          requestId: id,
          ...logFacts(res),
          durationMs: Date.now() - started,
        });
      }
      return end(...args);
    }) as Response["end"];
    next();
  };
}

/** `https://host:port` as the client addressed us (keeps localhost vs 127.0.0.1 consistent in metadata). */
export function originOf(req: Request): string {
  return `https://${req.header("host") ?? "127.0.0.1"}`;
}
