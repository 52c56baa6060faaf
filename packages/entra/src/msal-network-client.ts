import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import type { Dispatcher } from "undici";

import { fetchWith } from "./tls-fetch.ts";

const TIMEOUT_MS = 15_000;

/**
 * msal-node's `system.networkClient` on the bridge's dispatcher (msal-node 7 has no
 * customAgentOptions): the same contract as msal's own HttpClient — JSON body, headers as a plain
 * object — plus a timeout on every request.
 */
export function createMsalNetworkClient(dispatcher: Dispatcher): INetworkModule {
  const send = fetchWith(dispatcher);
  const request = async <T>(
    url: string,
    method: "GET" | "POST",
    options: NetworkRequestOptions | undefined,
    timeoutMs = TIMEOUT_MS,
  ): Promise<NetworkResponse<T>> => {
    const response = await send(url, {
      method,
      headers: options?.headers ?? {},
      ...(method === "POST" ? { body: options?.body ?? "" } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text === "" ? {} : JSON.parse(text);
    } catch {
      // Not JSON (a proxy's error page): msal reads the status; keep the text for its error message.
      body = { error: "non_json_response", error_description: text.slice(0, 500) };
    }
    return { headers, body: body as T, status: response.status };
  };
  return {
    sendGetRequestAsync: (url, options, timeout) => request(url, "GET", options, timeout || TIMEOUT_MS),
    sendPostRequestAsync: (url, options) => request(url, "POST", options),
  };
}
