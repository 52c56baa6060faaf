import http from "node:http";
import https from "node:https";

export interface OutboundResult {
  status?: number;
  contentType?: string;
  body?: string;
  /** `timeout` when no full answer came within the limit, else the socket error code. */
  error?: string;
  durationMs: number;
}

/**
 * One POST from the emulator to a subscriber (validation handshake, notifications), bounded by `timeoutMs` for the
 * whole exchange — Graph publishes "with an HTTP client with a 3-second timeout" (reference §4.4).
 */
export function outboundPost(
  url: string,
  input: { body: string; contentType: string; timeoutMs: number; ca: string[]; signal?: AbortSignal },
): Promise<OutboundResult> {
  const started = Date.now();
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<OutboundResult, "durationMs">): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      input.signal?.removeEventListener("abort", onAbort);
      resolve({ ...result, durationMs: Date.now() - started });
    };
    const request = client.request(
      target,
      {
        method: "POST",
        headers: {
          "Content-Type": input.contentType,
          "Content-Length": Buffer.byteLength(input.body),
          "User-Agent": "graph-emulator",
        },
        ...(target.protocol === "https:" && input.ca.length > 0 ? { ca: input.ca } : {}),
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          finish({
            status: response.statusCode ?? 0,
            contentType: response.headers["content-type"] ?? "",
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", (error: NodeJS.ErrnoException) =>
          finish({ error: error.code ?? error.message }),
        );
      },
    );
    const timer = setTimeout(() => {
      finish({ error: "timeout" });
      request.destroy();
    }, input.timeoutMs);
    const onAbort = (): void => {
      finish({ error: "aborted" });
      request.destroy();
    };
    input.signal?.addEventListener("abort", onAbort, { once: true });
    request.on("error", (error: NodeJS.ErrnoException) => finish({ error: error.code ?? error.message }));
    request.end(input.body);
  });
}
