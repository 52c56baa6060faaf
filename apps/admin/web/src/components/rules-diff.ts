/** A rule set as the API carries it (core's RuleSet). */
export interface RuleSetData {
  teamsToSlack: { id: string }[];
  slackToTeams: { id: string }[];
  slackClassifier: unknown[];
}

export interface RuleChange {
  list: "teamsToSlack" | "slackToTeams" | "slackClassifier";
  id: string;
  change: "added" | "removed" | "changed" | "moved";
  before: unknown;
  after: unknown;
}

const LISTS = ["teamsToSlack", "slackToTeams"] as const;

/** Rule by rule: what `after` adds, removes, changes or reorders compared with `before`. */
export function diffRules(before: RuleSetData, after: RuleSetData): RuleChange[] {
  const changes: RuleChange[] = [];
  for (const list of LISTS) {
    const old = new Map(before[list].map((rule, index) => [rule.id, { rule, index }]));
    const now = new Map(after[list].map((rule, index) => [rule.id, { rule, index }]));
    for (const [id, { rule, index }] of now) {
      const previous = old.get(id);
      if (!previous) changes.push({ list, id, change: "added", before: null, after: rule });
      else if (JSON.stringify(previous.rule) !== JSON.stringify(rule))
        changes.push({ list, id, change: "changed", before: previous.rule, after: rule });
      else if (previous.index !== index)
        changes.push({ list, id, change: "moved", before: previous.index + 1, after: index + 1 });
    }
    for (const [id, { rule }] of old)
      if (!now.has(id)) changes.push({ list, id, change: "removed", before: rule, after: null });
  }
  if (JSON.stringify(before.slackClassifier) !== JSON.stringify(after.slackClassifier))
    changes.push({
      list: "slackClassifier",
      id: "(classifier)",
      change: "changed",
      before: before.slackClassifier,
      after: after.slackClassifier,
    });
  return changes;
}
