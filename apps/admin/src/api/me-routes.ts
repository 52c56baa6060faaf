import { BridgeError, parseInput } from "@presence/core";
import {
  findLinkByEntra,
  findLinkBySlack,
  getActiveRules,
  getSettings,
  listSyncEvents,
  type DbClient,
  type KeyRing,
  type Link,
  type WebSession,
} from "@presence/db";
import { issueConnectLink, pausePerson, resumePerson, updatePersonSettings } from "@presence/services";
import express, { type Response, type Router } from "express";

import { principalOf, type Principal } from "../auth/principal.ts";
import type { SyncEventFeed } from "../live/sync-event-feed.ts";
import { streamSyncEvents } from "../live/event-stream.ts";
import { ZEventsQuery, ZMySettingsBody, ZPauseBody } from "./api-schemas.ts";
import { pauseOptions } from "./pause-options.ts";
import { personState } from "./person-state.ts";

export interface MeRoutesDeps {
  db: DbClient;
  ring: KeyRing;
  feed: SyncEventFeed;
  /** Where the bridges' /slack and /graph routes are reached (PUBLIC_BASE_URL). */
  bridgesUrl: string;
}

/**
 * /api/me: the self-service page. Everyone who signs in (with Slack or Microsoft) sees and controls
 * their own link only — the same controls as App Home: pause, direction, what is shared, and a link
 * to connect their other account.
 */
export function meRoutes(deps: MeRoutesDeps): Router {
  const { db } = deps;
  const router = express.Router();

  router.get("/me", async (_req, res) => {
    const session = sessionOf(res);
    const link = await ownLink(db, session);
    const settings = await getSettings(db);
    res.set("Cache-Control", "no-store").json({
      person: {
        name: session.name,
        email: session.email,
        provider: session.provider === "slack" ? "slack" : "microsoft",
      },
      link,
      state: link ? await personState(db, link, settings, (await getActiveRules(db)).rules) : null,
      connect: await connectLinks(deps, session),
    });
  });

  router.patch("/me", async (req, res) => {
    const body = parseInput(ZMySettingsBody, req.body, "Invalid settings");
    const link = await requireOwnLink(db, res);
    res.json({ link: await updatePersonSettings(db, link.id, body, actor(res)) });
  });

  router.post("/me/pause", async (req, res) => {
    const body = parseInput(ZPauseBody, req.body ?? {}, "Invalid pause");
    const link = await requireOwnLink(db, res);
    const options = pauseOptions({ ...body, reason: body.reason ?? "paused by the person" });
    res.json({ link: await pausePerson(db, link.id, options, actor(res)) });
  });

  router.post("/me/resume", async (_req, res) => {
    const link = await requireOwnLink(db, res);
    res.json({ link: await resumePerson(db, link.id, actor(res)) });
  });

  router.get("/me/events", async (req, res) => {
    const query = parseInput(ZEventsQuery, req.query, "Invalid query");
    const link = await requireOwnLink(db, res);
    res.json({ events: await listSyncEvents(db, { linkId: link.id, limit: query.limit }) });
  });

  router.get("/me/stream", async (req, res) => {
    const link = await requireOwnLink(db, res);
    streamSyncEvents(req, res, deps.feed, link.id);
  });

  return router;
}

function sessionOf(res: Response): WebSession {
  const principal = principalOf(res) as Extract<Principal, { via: "session" }>;
  return principal.session;
}

function actor(res: Response) {
  return principalOf(res)?.actor ?? { name: "anonymous" };
}

function ownLink(db: DbClient, session: WebSession): Promise<Link | null> {
  return session.provider === "slack"
    ? findLinkBySlack(db, session.tenantId, session.userId)
    : findLinkByEntra(db, session.tenantId, session.userId);
}

async function requireOwnLink(db: DbClient, res: Response): Promise<Link> {
  const link = await ownLink(db, sessionOf(res));
  if (!link)
    throw new BridgeError("not_found", "Your accounts are not linked yet: connect your other account first");
  return link;
}

/** Connect links for the account the person did not sign in with (signed, single use, one person's). */
async function connectLinks(deps: MeRoutesDeps, session: WebSession) {
  const url = (path: string, state: string) => `${deps.bridgesUrl}${path}?state=${encodeURIComponent(state)}`;
  if (session.provider === "slack") {
    const slack = { teamId: session.tenantId, userId: session.userId };
    return {
      slack: null,
      microsoft: url(
        "/graph/connect",
        await issueConnectLink(deps.db, deps.ring, { connect: "microsoft", slack }),
      ),
    };
  }
  const entra = { tenantId: session.tenantId, userId: session.userId };
  return {
    slack: url("/slack/connect", await issueConnectLink(deps.db, deps.ring, { connect: "slack", entra })),
    microsoft: null,
  };
}
