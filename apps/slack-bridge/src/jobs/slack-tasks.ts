import type { CronItem, TaskList } from "graphile-worker";

import type { SlackContext } from "../slack-context.ts";
import { READ_PERSON_TASK, readPerson } from "./read-person.ts";
import { sweepBaselines } from "./sweep-baselines.ts";
import { SYNC_DIRECTORY_TASK, scheduleDirectorySyncs, syncDirectory } from "./sync-directory.ts";

export const REFRESH_TOKENS_TASK = "slack_refresh_tokens";
export const SWEEP_BASELINES_TASK = "slack_sweep_baselines";
export const SCHEDULE_DIRECTORY_TASK = "slack_schedule_directory_syncs";

/** The bridge's background jobs, run by the pipeline worker of whichever replica picks them up. */
export function slackTasks(context: SlackContext): TaskList {
  return {
    [READ_PERSON_TASK]: async (payload) => readPerson(context, payload),
    [SYNC_DIRECTORY_TASK]: async (payload) => syncDirectory(context, payload),
    [SCHEDULE_DIRECTORY_TASK]: async () => void (await scheduleDirectorySyncs(context)),
    [SWEEP_BASELINES_TASK]: async () => void (await sweepBaselines(context)),
    [REFRESH_TOKENS_TASK]: async () => {
      const result = await context.tokens.refreshExpiring();
      if (result.refreshed + result.failed > 0)
        context.logger.info(result, "refreshed rotating Slack tokens");
    },
  };
}

/**
 * Singleton duties as graphile-worker cron items: each tick runs once across all replicas (one
 * replica at a time refreshes tokens, so a single-use refresh token is never spent twice).
 */
export const SLACK_CRON: CronItem[] = [
  cron(REFRESH_TOKENS_TASK, "*/10 * * * *"),
  cron(SWEEP_BASELINES_TASK, "* * * * *"),
  cron(SCHEDULE_DIRECTORY_TASK, "17 */6 * * *"),
];

function cron(task: string, match: string): CronItem {
  return { task, match, identifier: task, options: { backfillPeriod: 0, maxAttempts: 1 } };
}
