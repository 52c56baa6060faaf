const CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found (DNS)",
  EAI_AGAIN: "host name lookup failed (DNS)",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "connection timed out",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  UND_ERR_HEADERS_TIMEOUT: "no answer (timed out)",
  DEPTH_ZERO_SELF_SIGNED_CERT: "TLS: self-signed certificate",
  SELF_SIGNED_CERT_IN_CHAIN: "TLS: self-signed certificate in the chain",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "TLS: certificate not trusted",
  CERT_HAS_EXPIRED: "TLS: certificate expired",
  ERR_TLS_CERT_ALTNAME_INVALID: "TLS: certificate is for another host name",
};

/**
 * Why a request failed, in words, from the error and its causes (fetch wraps the socket's error):
 * "connection refused (ECONNREFUSED)", "no answer within 5 s". Never a URL's credentials or a token.
 */
export function describeFailure(error: unknown, timeoutMs: number): string {
  let innermost = error instanceof Error ? error.message : String(error);
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if (current.name === "TimeoutError" || current.name === "AbortError")
      return `no answer within ${timeoutMs / 1000} s`;
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && CODES[code]) return `${CODES[code]} (${code})`;
    if (current.message) innermost = current.message;
    current = current.cause;
  }
  // fetch's own "fetch failed" says nothing: its cause's message (e.g. "bad port") does.
  return innermost.split("\n")[0]?.slice(0, 200) || "unknown error";
}
