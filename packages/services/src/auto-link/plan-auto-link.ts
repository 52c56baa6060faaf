/** One account in a directory (Slack users.list or Entra users), as automatic linking sees it. */
export interface DirectoryAccount {
  side: "slack" | "teams";
  /** Slack team id or Entra tenant id. */
  scopeId: string;
  userId: string;
  email: string | null;
  displayName: string;
  deactivated: boolean;
}

export interface LinkedAccounts {
  slackTeamId: string;
  slackUserId: string;
  tenantId: string;
  entraUserId: string;
}

export interface AutoLinkMatch {
  email: string;
  displayName: string;
  slack: DirectoryAccount;
  teams: DirectoryAccount;
}

export type ConflictReason =
  "several_slack_accounts" | "several_microsoft_accounts" | "linked_to_someone_else";

export interface AutoLinkConflict {
  email: string;
  reason: ConflictReason;
  slack: DirectoryAccount[];
  teams: DirectoryAccount[];
}

export interface AutoLinkSuggestion {
  /** Why these two may be one person although their e-mails differ. */
  reason: "same_name";
  slack: DirectoryAccount;
  teams: DirectoryAccount;
}

/** What automatic linking by e-mail would do for the whole organisation. */
export interface AutoLinkPlan {
  /** One Slack and one Microsoft account share the e-mail, neither linked: these get linked. */
  matches: AutoLinkMatch[];
  /** Already linked to each other. */
  alreadyLinked: number;
  conflicts: AutoLinkConflict[];
  onlyOnSlack: DirectoryAccount[];
  onlyOnTeams: DirectoryAccount[];
  missingEmail: { slack: DirectoryAccount[]; teams: DirectoryAccount[] };
  /** Deactivated accounts are never linked automatically. */
  deactivated: { slack: number; teams: number };
  suggestions: AutoLinkSuggestion[];
}

const key = (side: string, scopeId: string, userId: string) => `${side}:${scopeId}:${userId.toLowerCase()}`;

/**
 * Plans automatic linking by e-mail (pure): pairs each e-mail that names exactly one unlinked Slack
 * account and one unlinked Microsoft account, and explains everyone else — duplicates, accounts whose
 * counterpart is linked to someone else, people on one side only, accounts without an e-mail — and
 * suggests pairs whose names are the same although their e-mails differ.
 */
export function planAutoLink(
  accounts: readonly DirectoryAccount[],
  links: readonly LinkedAccounts[],
): AutoLinkPlan {
  const linkedTo = new Map<string, string>();
  for (const link of links) {
    linkedTo.set(
      key("slack", link.slackTeamId, link.slackUserId),
      key("teams", link.tenantId, link.entraUserId),
    );
    linkedTo.set(
      key("teams", link.tenantId, link.entraUserId),
      key("slack", link.slackTeamId, link.slackUserId),
    );
  }
  const plan: AutoLinkPlan = {
    matches: [],
    alreadyLinked: 0,
    conflicts: [],
    onlyOnSlack: [],
    onlyOnTeams: [],
    missingEmail: { slack: [], teams: [] },
    deactivated: { slack: 0, teams: 0 },
    suggestions: [],
  };
  const byEmail = new Map<string, { slack: DirectoryAccount[]; teams: DirectoryAccount[] }>();
  for (const account of accounts) {
    if (account.deactivated) {
      plan.deactivated[account.side] += 1;
      continue;
    }
    const email = account.email?.trim().toLowerCase();
    if (!email) {
      if (!linkedTo.has(key(account.side, account.scopeId, account.userId)))
        plan.missingEmail[account.side].push(account);
      continue;
    }
    const group = byEmail.get(email) ?? { slack: [], teams: [] };
    group[account.side].push(account);
    byEmail.set(email, group);
  }
  const isLinked = (a: DirectoryAccount) => linkedTo.has(key(a.side, a.scopeId, a.userId));
  for (const [email, group] of [...byEmail].sort(([a], [b]) => a.localeCompare(b))) {
    const unlinked = {
      slack: group.slack.filter((a) => !isLinked(a)),
      teams: group.teams.filter((a) => !isLinked(a)),
    };
    const open = unlinked.slack.length + unlinked.teams.length > 0;
    const [s, t] = [group.slack[0], group.teams[0]];
    if (group.slack.length > 1 || group.teams.length > 1) {
      // The e-mail does not name one person: an admin decides (link by id, or fix the directory).
      if (open)
        plan.conflicts.push({
          email,
          reason: group.slack.length > 1 ? "several_slack_accounts" : "several_microsoft_accounts",
          ...unlinked,
        });
    } else if (s && t) {
      if (linkedTo.get(key("slack", s.scopeId, s.userId)) === key("teams", t.scopeId, t.userId))
        plan.alreadyLinked += 1;
      else if (isLinked(s) || isLinked(t))
        plan.conflicts.push({ email, reason: "linked_to_someone_else", ...unlinked });
      else plan.matches.push({ email, displayName: s.displayName || t.displayName, slack: s, teams: t });
    } else if (s && !isLinked(s)) plan.onlyOnSlack.push(s);
    else if (t && !isLinked(t)) plan.onlyOnTeams.push(t);
  }
  plan.suggestions = suggestByName(
    [...plan.onlyOnSlack, ...plan.missingEmail.slack],
    [...plan.onlyOnTeams, ...plan.missingEmail.teams],
  );
  return plan;
}

/** Pairs people with the same name on both sides when exactly one account on each side has it. */
function suggestByName(slack: DirectoryAccount[], teams: DirectoryAccount[]): AutoLinkSuggestion[] {
  const index = (accounts: DirectoryAccount[]) => {
    const map = new Map<string, DirectoryAccount[]>();
    for (const account of accounts) {
      const name = normaliseName(account.displayName);
      if (name) map.set(name, [...(map.get(name) ?? []), account]);
    }
    return map;
  };
  const slackByName = index(slack);
  const teamsByName = index(teams);
  const suggestions: AutoLinkSuggestion[] = [];
  for (const [name, s] of slackByName) {
    const t = teamsByName.get(name);
    if (s.length === 1 && t?.length === 1)
      suggestions.push({
        reason: "same_name",
        slack: s[0] as DirectoryAccount,
        teams: t[0] as DirectoryAccount,
      });
  }
  return suggestions.sort((a, b) => a.slack.displayName.localeCompare(b.slack.displayName));
}

/** "Zoë  O'Brien" and "zoe o'brien" are the same name; one word is not enough to suggest anything. */
export function normaliseName(name: string): string {
  const normal = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' -]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return normal.includes(" ") ? normal : "";
}
