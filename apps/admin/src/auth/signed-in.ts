/** Who a finished sign-in proved to be. */
export interface SignedIn {
  provider: "microsoft" | "slack";
  /** Entra tenant id, or Slack team id. */
  tenantId: string;
  /** Entra object id, or Slack user id. */
  userId: string;
  name: string;
  email: string | null;
  groups: string[];
  /** Entra left the groups out (too many for a token): group entries on the allow-list cannot match. */
  groupsOverage: boolean;
}
