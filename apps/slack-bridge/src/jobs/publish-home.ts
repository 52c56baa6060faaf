import type { Db } from "@presence/db";
import { addJob } from "@presence/pipeline";
import { z } from "zod";

export const PUBLISH_HOME_TASK = "slack_publish_home";

export const ZPublishHomeJob = z.object({ teamId: z.string().min(1), userId: z.string().min(1) });

/**
 * Publishes someone's App Home tab from a job, not while Slack waits for its acknowledgement (3 s): an
 * `app_home_opened` event or a Home button is answered as soon as its change is stored. One pending
 * publish per person (the newest state is what gets published).
 */
export async function enqueuePublishHome(db: Db, person: z.infer<typeof ZPublishHomeJob>): Promise<void> {
  await addJob(db, PUBLISH_HOME_TASK, person, {
    jobKey: `${PUBLISH_HOME_TASK}:${person.teamId}:${person.userId}`,
    maxAttempts: 3,
  });
}
