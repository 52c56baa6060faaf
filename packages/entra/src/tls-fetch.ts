import { rootCertificates } from "node:tls";

import { Agent, type Dispatcher } from "undici";

/**
 * The HTTP transport of both SDKs (msal-node and the Graph client use the global fetch): an undici
 * dispatcher that adds `ca` to the trusted roots when one is given (the emulator's certificate in
 * tests and the demo). TLS verification always stays on.
 */
export function createDispatcher(ca?: string): Dispatcher {
  return new Agent({
    // `ca` replaces the default roots in Node's TLS, so the public roots are passed along.
    connect: ca ? { ca: [...rootCertificates, ca] } : {},
    headersTimeout: 15_000,
    bodyTimeout: 15_000,
  });
}

/** fetch through a dispatcher (Node's fetch takes one; lib typings do not declare it). */
export function fetchWith(dispatcher: Dispatcher) {
  return (url: string, init: RequestInit = {}): Promise<Response> =>
    fetch(url, { ...init, dispatcher } as unknown as RequestInit);
}
