import type { INetworkModule } from "@azure/msal-node";
import { createDispatcher, createMsalNetworkClient, fetchWith } from "@presence/entra";

/** Every network call the doctor makes gives up after this long. */
export const DOCTOR_TIMEOUT_MS = 5_000;

export interface DoctorNetwork {
  timeoutMs: number;
  /** fetch with the doctor's timeout (unless the caller passes a signal) and trusted certificates. */
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /** msal's transport, on the same dispatcher, with the same timeout. */
  msal: INetworkModule;
  /** Drops every connection, including requests given up on but still open. */
  close(): Promise<void>;
}

/**
 * The doctor's HTTP transport: one undici dispatcher (the system's trusted roots, plus `ca` — the
 * emulators' certificates in tests), a timeout on every request, and msal's network client on it.
 */
export function createDoctorNetwork(options: { ca?: readonly string[]; timeoutMs?: number }): DoctorNetwork {
  const timeoutMs = options.timeoutMs ?? DOCTOR_TIMEOUT_MS;
  // One PEM string may hold several certificates.
  const dispatcher = createDispatcher(options.ca?.length ? options.ca.join("\n") : undefined);
  const send = fetchWith(dispatcher);
  const msal = createMsalNetworkClient(dispatcher);
  return {
    timeoutMs,
    fetch: (url, init = {}) => send(url, { signal: AbortSignal.timeout(timeoutMs), ...init }),
    msal: {
      sendGetRequestAsync: (url, request) => msal.sendGetRequestAsync(url, request, timeoutMs),
      sendPostRequestAsync: (url, request) =>
        withTimeout(msal.sendPostRequestAsync(url, request), timeoutMs, url),
    },
    close: () => dispatcher.destroy(),
  };
}

/** Rejects with a TimeoutError when `promise` has not settled after `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`${what}: no answer within ${ms / 1000} s`);
      error.name = "TimeoutError";
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
