import {
  compareSlackVersions,
  linkingKey,
  slackEcho,
  slackLimits,
  slackObservation,
  slackPersonKey,
  slackPersonOf,
  slackWritePlan,
  type DirectoryPerson,
  type SlackAdapter,
  type SlackPerson,
} from "@presence/core";

import { USER_STATE_EVENTS } from "../inbound/event-listeners.ts";
import { readPerson } from "../jobs/read-person.ts";
import { readDirectoryPage } from "../jobs/sync-directory.ts";
import type { SlackContext } from "../slack-context.ts";
import { getAppInstallation, listAppInstallations } from "../store/installation-rows.ts";
import { slackHeldUntil } from "../write/held-expiry.ts";
import { performSlackWrite, type SlackWriterOptions } from "../write/slack-writer.ts";

/** Where Slack observations come from: the Events API, and reads of a person's state. */
export const SLACK_OBSERVATION_SOURCES = [
  ...USER_STATE_EVENTS.map((type) => `slack:${type}`),
  "slack:dnd_updated",
  "slack:dnd_updated_user",
  "slack:baseline",
  "slack:connect",
  "slack:catch_up",
];

/**
 * The Slack bridge as a spoke adapter: people are workspace + user, listed by users.list; changes
 * come in as Events API events (Bolt receivers, `event_ts` as version) and as reads of a person's
 * state; writes go through the Web API with the rate budgets (the pipeline's Slack writer makes the
 * same calls); held statuses and snoozes carry a safety expiry the maintenance job refreshes.
 */
export function createSlackAdapter(
  context: SlackContext,
  writer: Pick<SlackWriterOptions, "adminTokenMode">,
): SlackAdapter {
  const writerOptions: SlackWriterOptions = {
    api: context.api,
    tokens: context.tokens,
    adminTokenMode: writer.adminTokenMode,
    now: context.now,
  };
  return {
    spoke: "slack",
    identity: {
      personOf: slackPersonOf,
      key: slackPersonKey,
      directory: () => slackDirectory(context),
    },
    observe: {
      compareVersions: compareSlackVersions,
      sources: SLACK_OBSERVATION_SOURCES,
      read: (person) =>
        readPerson(context, { ...person, facets: ["status", "dnd"], source: "slack:baseline" }),
      toObservation: slackObservation,
    },
    write: {
      ...slackWritePlan,
      perform: (person, op) => performSlackWrite(writerOptions, person, op),
    },
    echo: slackEcho,
    limits: slackLimits,
    heldUntil: slackHeldUntil,
  };
}

/** Every person of every workspace the app is installed in, page by page (users.list with the bot token). */
async function* slackDirectory(context: SlackContext): AsyncGenerator<DirectoryPerson<SlackPerson>> {
  for (const scope of await listAppInstallations(context.db)) {
    const row = await getAppInstallation(context.db, scope);
    const lease = row ? await context.tokens.forInstallation(row) : null;
    if (!row || !lease) continue;
    let cursor: string | undefined;
    do {
      const page = await readDirectoryPage(context, row, lease, cursor);
      for (const entry of page.entries) {
        yield {
          person: { teamId: entry.scopeId, userId: entry.userId },
          linkingKey: linkingKey(entry.email),
          displayName: entry.displayName,
          deactivated: entry.deactivated === true,
        };
      }
      cursor = page.next;
    } while (cursor);
  }
}
