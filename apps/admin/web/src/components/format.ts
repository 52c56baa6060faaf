/** "3 min ago", "in 2 h": times the way people read them, with the exact time in a title. */
export function relative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return "never";
  const ms = new Date(iso).getTime() - now;
  const abs = Math.abs(ms);
  const [value, unit] =
    abs < 60_000
      ? [Math.round(abs / 1000), "s"]
      : abs < 3_600_000
        ? [Math.round(abs / 60_000), "min"]
        : abs < 86_400_000
          ? [Math.round(abs / 3_600_000), "h"]
          : [Math.round(abs / 86_400_000), "d"];
  return ms < 0 ? `${value} ${unit} ago` : `in ${value} ${unit}`;
}

export function dateTime(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : "—";
}

export const STATUS_LABEL: Record<string, string> = {
  active: "Active",
  paused: "Paused",
  needs_reauth: "Needs re-auth",
  disabled: "Disabled",
};

export const DIRECTION_LABEL: Record<string, string> = {
  both: "Both ways",
  teamsToSlack: "Teams → Slack only",
  slackToTeams: "Slack → Teams only",
};
