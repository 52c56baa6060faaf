import { createDispatcher, fetchWith } from "@presence/entra";

export interface ClientResponse {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

/**
 * A browser without a browser: keeps cookies per host, follows nothing by itself (tests see every
 * redirect), trusts the Graph emulator's certificate, and sends what the UI sends (Origin and the
 * session's X-CSRF-Token on changes).
 */
export class CookieClient {
  readonly #jar = new Map<string, Map<string, string>>();
  readonly #fetch: ReturnType<typeof fetchWith>;
  csrfToken: string | null = null;

  constructor(
    readonly base: string,
    ca?: string,
  ) {
    this.#fetch = fetchWith(createDispatcher(ca));
  }

  cookie(name: string, host = new URL(this.base).host): string | undefined {
    return this.#jar.get(host)?.get(name);
  }

  setCookie(name: string, value: string, host = new URL(this.base).host): void {
    const jar = this.#jar.get(host) ?? new Map<string, string>();
    jar.set(name, value);
    this.#jar.set(host, jar);
  }

  async request(
    method: string,
    url: string,
    options: {
      body?: unknown;
      headers?: Record<string, string>;
      origin?: string | null;
      json?: boolean;
    } = {},
  ): Promise<ClientResponse> {
    const target = new URL(url, this.base);
    const jar = this.#jar.get(target.host);
    const headers: Record<string, string> = { ...options.headers };
    if (jar && jar.size > 0) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const changing = !["GET", "HEAD"].includes(method);
    if (changing && options.origin !== null) headers.origin ??= options.origin ?? new URL(this.base).origin;
    if (changing && this.csrfToken && !("x-csrf-token" in headers)) headers["x-csrf-token"] = this.csrfToken;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
      if (options.json !== false) headers["content-type"] ??= "application/json";
    }
    const response = await this.#fetch(target.toString(), {
      method,
      headers,
      redirect: "manual",
      ...(body ? { body } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const [name = "", ...rest] = pair.trim().split("=");
      const value = rest.join("=");
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      const store = this.#jar.get(target.host) ?? new Map<string, string>();
      if (expired || value === "") store.delete(name);
      else store.set(name, value);
      this.#jar.set(target.host, store);
    }
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: parseJson(text) };
  }

  /** Follows redirects (across hosts, keeping each host's cookies) until a non-redirect answer. */
  async follow(url: string, limit = 10): Promise<ClientResponse & { url: string }> {
    let current = new URL(url, this.base).toString();
    for (let i = 0; i < limit; i++) {
      const response = await this.request("GET", current);
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) return { ...response, url: current };
      current = new URL(location, current).toString();
    }
    throw new Error(`more than ${limit} redirects from ${url}`);
  }
}

function parseJson(text: string): Record<string, unknown> {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
