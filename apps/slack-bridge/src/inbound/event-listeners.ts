import type { SlackView } from "@presence/core";
import { enqueueObservation } from "@presence/pipeline";
import type { App } from "@slack/bolt";
import { z } from "zod";

import type { SlackContext } from "../slack-context.ts";
import { findPersonInstallation } from "../store/installation-rows.ts";
import { enqueueReadPerson } from "../jobs/read-person.ts";
import { MalformedSlackRequest } from "./bridge-app.ts";
import { normaliseDnd, normaliseProfile, ZDndStatus, ZSlackUser } from "./normalise.ts";
import { handleAppUninstalled, handleTokensRevoked } from "./revocations.ts";

const ZEnvelope = z
  .object({
    team_id: z.string().optional(),
    enterprise_id: z.string().optional(),
    event_id: z.string().optional(),
  })
  .loose();
const ZUserEvent = z.object({ type: z.string(), user: ZSlackUser, event_ts: z.string() }).loose();
const ZDndEvent = z
  .object({ type: z.string(), user: z.string(), dnd_status: ZDndStatus, event_ts: z.string() })
  .loose();
const ZTokensRevoked = z
  .object({
    tokens: z
      .object({ oauth: z.array(z.string()).optional(), bot: z.array(z.string()).optional() })
      .loose()
      .default({}),
  })
  .loose();

export interface EventListenerOptions {
  /** Publishes a person's App Home (best effort). */
  publishHome: (person: { teamId: string; userId: string }) => Promise<void>;
}

/** The user events that carry a profile (status, huddle): `user_change`, and its copies (sources of older audit events). */
export const USER_STATE_EVENTS = ["user_change", "user_status_changed", "user_huddle_changed"] as const;

/**
 * Copies of `user_change`: Slack sends them with the same body, at the same time, beside every `user_change`
 * of a status or huddle change. The manifest no longer subscribes to them (BOT_EVENTS); an app set up from an
 * older manifest still receives them, and they are acknowledged without a job: taking them in too cost a
 * second observe job per change, which waited for the first one's lock.
 */
const COPIES_OF_USER_CHANGE = ["user_status_changed", "user_huddle_changed"] as const;

/**
 * The Events API listeners. Each one stores what it learned (an observe job, or a job that reads the
 * state) before it returns, and the event is acknowledged only after that (BridgeApp); if storing
 * fails the listener throws and Slack delivers the event again. Nothing is filtered here but the copies of
 * `user_change`: echoes, duplicates and stale events are the pipeline's to recognise (event_id dedupe in the enqueue).
 */
export function registerEventListeners(app: App, context: SlackContext, options: EventListenerOptions): void {
  app.event("user_change", async ({ event, body }) => {
    const parsed = read(ZUserEvent, event);
    const envelope = read(ZEnvelope, body);
    const user = parsed.user;
    if (user.is_bot || user.id === "USLACKBOT") return;
    const teamId = user.team_id ?? envelope.team_id;
    if (!teamId) return;
    await observe(context, {
      person: { teamId, userId: user.id },
      facets: normaliseProfile(user.profile),
      version: parsed.event_ts,
      type: "user_change",
      eventId: envelope.event_id,
    });
  });

  for (const type of COPIES_OF_USER_CHANGE) {
    app.event(type, async ({ event, body }) => {
      read(ZUserEvent, event);
      read(ZEnvelope, body);
      context.metrics.inbound.inc({ source: `slack:${type}`, result: "copy_of_user_change" });
    });
  }

  app.event("dnd_updated", async ({ event, body }) => {
    const parsed = read(ZDndEvent, event);
    const envelope = read(ZEnvelope, body);
    if (!envelope.team_id) return;
    const person = { teamId: envelope.team_id, userId: parsed.user };
    const facets = normaliseDnd(parsed.dnd_status);
    if (facets) {
      await observe(context, {
        person,
        facets,
        version: parsed.event_ts,
        type: "dnd_updated",
        eventId: envelope.event_id,
      });
    } else {
      await readDnd(context, person, "slack:dnd_updated");
    }
  });

  // No snooze fields: only the person's own token can say what changed (dnd.info).
  app.event("dnd_updated_user", async ({ event, body }) => {
    const parsed = read(ZDndEvent, event);
    const envelope = read(ZEnvelope, body);
    if (!envelope.team_id) return;
    await readDnd(context, { teamId: envelope.team_id, userId: parsed.user }, "slack:dnd_updated_user");
  });

  app.event("tokens_revoked", async ({ event, body, context: bolt }) => {
    const envelope = read(ZEnvelope, body);
    const parsed = read(ZTokensRevoked, event);
    await handleTokensRevoked(context, {
      teamId: bolt.teamId ?? envelope.team_id ?? "",
      enterpriseId: bolt.enterpriseId ?? envelope.enterprise_id ?? "",
      isEnterpriseInstall: bolt.isEnterpriseInstall === true,
      userIds: parsed.tokens.oauth ?? [],
      botUserIds: parsed.tokens.bot ?? [],
    });
  });

  app.event("app_uninstalled", async ({ body, context: bolt }) => {
    const envelope = read(ZEnvelope, body);
    await handleAppUninstalled(context, {
      teamId: bolt.teamId ?? envelope.team_id ?? "",
      enterpriseId: bolt.enterpriseId ?? envelope.enterprise_id ?? "",
      isEnterpriseInstall: bolt.isEnterpriseInstall === true,
    });
  });

  app.event("app_home_opened", async ({ event, body }) => {
    const envelope = read(ZEnvelope, body);
    if (event.tab !== "home" || !envelope.team_id) return;
    await options.publishHome({ teamId: envelope.team_id, userId: event.user });
  });
}

/** The event as the listener reads it; one of another shape is the sender's error (400), not the bridge's (5xx). */
function read<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new MalformedSlackRequest(`not a Slack event of this type: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

interface Observed {
  person: { teamId: string; userId: string };
  facets: SlackView;
  version: string;
  type: string;
  eventId: string | undefined;
}

async function observe(context: SlackContext, observed: Observed): Promise<void> {
  const source = `slack:${observed.type}`;
  const result = await enqueueObservation(context.db, {
    subject: { side: "slack", ...observed.person },
    facets: observed.facets,
    version: observed.version,
    observedAt: context.now(),
    source,
    ...(observed.eventId ? { eventId: observed.eventId } : {}),
  });
  context.metrics.inbound.inc({ source, result });
}

async function readDnd(context: SlackContext, person: { teamId: string; userId: string }, source: string) {
  // People who never connected have no token to read with: nothing to do (and nothing to retry).
  if (!(await findPersonInstallation(context.db, person.teamId, person.userId))) {
    context.metrics.inbound.inc({ source, result: "unreadable" });
    return;
  }
  await enqueueReadPerson(context.db, { ...person, facets: ["dnd"], source });
  context.metrics.inbound.inc({ source, result: "read_scheduled" });
}
