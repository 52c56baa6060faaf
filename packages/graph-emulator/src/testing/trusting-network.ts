import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import { Agent } from "undici";

/** An undici dispatcher trusting the emulator's certificate (for the global fetch both SDKs use). */
export function trustingDispatcher(ca: string): Agent {
  return new Agent({ connect: { ca } });
}

export interface TrustingFetch {
  fetch(url: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** Global fetch with a dispatcher trusting the emulator's certificate. */
export function trustingFetch(ca: string): TrustingFetch {
  const dispatcher = trustingDispatcher(ca);
  return {
    // Node's fetch takes an undici dispatcher; lib.dom's RequestInit does not declare it.
    fetch: (url, init = {}) => fetch(url, { ...init, dispatcher } as unknown as RequestInit),
    close: () => dispatcher.close(),
  };
}

export interface RecordingNetworkClient extends INetworkModule {
  /** Every URL msal asked for, in order — the test asserts none left the emulator. */
  readonly urls: string[];
}

/**
 * An msal-node `system.networkClient` (msal-node 7 has no customAgentOptions) that trusts the emulator's CA and records
 * every URL msal requests. Same contract as msal's own HttpClient: JSON body, headers as a plain object.
 */
export function recordingNetworkClient(ca: string): RecordingNetworkClient {
  const { fetch: tlsFetch } = trustingFetch(ca);
  const urls: string[] = [];
  const send = async <T>(
    url: string,
    method: "GET" | "POST",
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> => {
    urls.push(url);
    const response = await tlsFetch(url, {
      method,
      headers: options?.headers ?? {},
      ...(method === "POST" ? { body: options?.body ?? "" } : {}),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return { headers, body: (await response.json()) as T, status: response.status };
  };
  return {
    urls,
    sendGetRequestAsync: (url, options) => send(url, "GET", options),
    sendPostRequestAsync: (url, options) => send(url, "POST", options),
  };
}
