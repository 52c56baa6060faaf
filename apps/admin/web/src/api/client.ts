import createClient, { type Middleware } from "openapi-fetch";

import type { paths } from "./schema";

/** The CSRF token of the signed-in session (from GET /api/session), sent on every state-changing call. */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** An API error as the admin API words it: `{ error, message }` and the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== "GET" && request.method !== "HEAD" && csrfToken)
      request.headers.set("X-CSRF-Token", csrfToken);
    return request;
  },
};

/** The typed admin API client (paths and bodies from the app's own OpenAPI document). */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: "same-origin" });
api.use(csrf);

/** The data of a call, or an ApiError carrying the API's own message. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok && data !== undefined) return data;
  const body = (error ?? {}) as { error?: string; message?: string };
  if (response.status === 401 && window.location.pathname !== "/signin")
    window.location.assign(
      `/signin?next=${encodeURIComponent(window.location.pathname + window.location.search)}`,
    );
  throw new ApiError(
    response.status,
    body.error ?? "error",
    body.message ?? `${response.status} ${response.statusText}`,
  );
}
