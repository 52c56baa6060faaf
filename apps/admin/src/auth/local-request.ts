import type { Request } from "express";

const LOOPBACK_ADDRESSES = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * A request made on this machine, not through a proxy, to a loopback host name: the only callers the
 * zero-config demo serves without a token. The Host check keeps a web page on a rebound DNS name
 * (evil.example → 127.0.0.1) out.
 */
export function isLocalRequest(req: Request): boolean {
  const proxied = req.get("x-forwarded-for") !== undefined || req.get("forwarded") !== undefined;
  const host = (req.get("host") ?? "").toLowerCase().replace(/:\d+$/, "");
  return !proxied && LOOPBACK_ADDRESSES.has(req.socket.remoteAddress ?? "") && LOOPBACK_HOSTS.has(host);
}
