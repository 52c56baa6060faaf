import { useQuery } from "@tanstack/react-query";

import { api, setCsrfToken, unwrap } from "./client";
import type { components, paths } from "./schema";

export type Session = paths["/api/session"]["get"]["responses"]["200"]["content"]["application/json"];
export type { components };

/** Who is signed in (and the CSRF token every later change sends). */
export function useSession() {
  return useQuery({
    queryKey: ["session"],
    queryFn: async () => {
      const session = await unwrap(api.GET("/api/session"));
      setCsrfToken(session.csrfToken);
      return session;
    },
    staleTime: 60_000,
  });
}

export async function signOut(): Promise<void> {
  await unwrap(api.DELETE("/api/session"));
  setCsrfToken(null);
  window.location.assign("/signin");
}
