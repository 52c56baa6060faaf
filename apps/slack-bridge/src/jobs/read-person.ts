import { enqueueObservation, addJob } from "@presence/pipeline";
import type { SlackView } from "@presence/core";
import { BridgeError } from "@presence/core";
import type { Db } from "@presence/db";
import { z } from "zod";

import {
  normaliseDnd,
  normaliseProfile,
  ZDndStatus,
  ZSlackProfile,
  ZSlackUser,
} from "../inbound/normalise.ts";
import type { SlackContext } from "../slack-context.ts";

export const READ_PERSON_TASK = "slack_read_person";

export const ZReadPersonJob = z.object({
  teamId: z.string().min(1),
  userId: z.string().min(1),
  facets: z.array(z.enum(["status", "dnd"])).min(1),
  /** For the audit trail: why the state was read (e.g. slack:baseline, slack:dnd_updated_user). */
  source: z.string().min(1),
});
export type ReadPersonJob = z.infer<typeof ZReadPersonJob>;

/** Schedules a read of a person's current Slack state (one pending read per person and facets). */
export async function enqueueReadPerson(db: Db, job: ReadPersonJob, runAt?: Date): Promise<void> {
  const payload = ZReadPersonJob.parse(job);
  await addJob(db, READ_PERSON_TASK, payload, {
    jobKey: `${READ_PERSON_TASK}:${payload.teamId}:${payload.userId}:${payload.facets.join(",")}`,
    jobKeyMode: "preserve_run_at",
    maxAttempts: 5,
    ...(runAt ? { runAt } : {}),
  });
}

/** Schedules a read of status, huddle and DND for each person (baselines, catching up after an outage). */
export async function enqueueFullReads(
  db: Db,
  people: readonly { slackTeamId: string; slackUserId: string }[],
  source: string,
): Promise<void> {
  for (const person of people) {
    await enqueueReadPerson(db, {
      teamId: person.slackTeamId,
      userId: person.slackUserId,
      facets: ["status", "dnd"],
      source,
    });
  }
}

/**
 * Reads what Slack shows for a person now and takes it in as an observation without a version (a
 * baseline: after they connect, when their link is made, or when `dnd_updated_user` says their DND
 * changed without saying how). Status and huddle come from users.profile.get with their own token,
 * or users.info with the bot token for people who never connected; the snooze only from dnd.info
 * with their own token. A spent budget reschedules the read; a lost token ends it quietly.
 */
export async function readPerson(context: SlackContext, raw: unknown): Promise<void> {
  const job = ZReadPersonJob.parse(raw);
  try {
    const facets = await readFacets(context, job);
    if (Object.keys(facets).length === 0) return;
    await enqueueObservation(context.db, {
      subject: { side: "slack", teamId: job.teamId, userId: job.userId },
      facets,
      version: "",
      observedAt: context.now(),
      source: job.source,
    });
  } catch (thrown) {
    const error = BridgeError.from(thrown);
    if (error.code === "rate_limited") {
      await enqueueReadPerson(context.db, job, new Date(context.now() + (error.retryAfterMs ?? 60_000)));
      return;
    }
    if (!error.isRetryable) {
      context.logger.warn(
        { ...job, code: error.code, error: error.message },
        "could not read a person's Slack state",
      );
      return;
    }
    throw error;
  }
}

async function readFacets(context: SlackContext, job: ReadPersonJob): Promise<SlackView> {
  const { api, tokens } = context;
  const own = await tokens.person(job.teamId, job.userId);
  const budget = { teamId: job.teamId };
  let view: SlackView = {};
  if (job.facets.includes("status")) {
    if (own) {
      const answer = await api.call("users.profile.get", own, {}, budget);
      view = { ...view, ...normaliseProfile(z.object({ profile: ZSlackProfile }).parse(answer).profile) };
    } else {
      const bot = await tokens.bot(job.teamId);
      if (bot) {
        const answer = await api.call("users.info", bot, { user: job.userId }, budget);
        view = { ...view, ...normaliseProfile(z.object({ user: ZSlackUser }).parse(answer).user.profile) };
      }
    }
  }
  if (job.facets.includes("dnd") && own) {
    const answer = await api.call("dnd.info", own, {}, budget);
    view = { ...view, ...normaliseDnd(ZDndStatus.parse(answer)) };
  }
  return view;
}
