import { parseInput } from "@presence/core";
import { getActiveRules, getSettings, listSyncEvents, type DbClient } from "@presence/db";
import {
  linkAccounts,
  linkByEmail,
  listPeople,
  parseEntraRef,
  parseSlackRef,
  pausePerson,
  resolvePerson,
  resumePerson,
  unlinkPerson,
  updatePersonSettings,
} from "@presence/services";
import express, { type Router } from "express";

import { actorOf } from "../auth/principal.ts";
import {
  ZCreateLinkBody,
  ZEventsQuery,
  ZLinkByIds,
  ZListLinksQuery,
  ZPauseBody,
  ZPersonSettingsBody,
} from "./api-schemas.ts";
import { pauseOptions } from "./pause-options.ts";
import { personState } from "./person-state.ts";

/** /api/links: people, their links, pause/resume, sharing, live state and the "why did my status change?" timeline. */
export function linksRoutes(db: DbClient): Router {
  const router = express.Router();

  router.get("/links", async (req, res) => {
    const query = parseInput(ZListLinksQuery, req.query, "Invalid query");
    res.json({ links: await listPeople(db, query) });
  });

  router.post("/links", async (req, res) => {
    const body = parseInput(ZCreateLinkBody, req.body, "Invalid link");
    const ids = ZLinkByIds.safeParse(body);
    const actor = actorOf(res);
    const link = ids.success
      ? await linkAccounts(
          db,
          {
            slack: parseSlackRef(`${ids.data.slack.teamId}/${ids.data.slack.userId}`),
            entra: parseEntraRef(`${ids.data.entra.tenantId}/${ids.data.entra.userId}`),
            email: ids.data.email ?? null,
            displayName: ids.data.displayName ?? "",
            direction: ids.data.direction ?? "both",
            policy: ids.data.policy ?? {},
          },
          actor,
        )
      : await linkByEmail(db, body.email ?? "", actor, {
          displayName: body.displayName ?? "",
          direction: body.direction ?? "both",
        });
    res.status(201).json({ link });
  });

  router.get("/links/:person", async (req, res) => {
    res.json({ link: await resolvePerson(db, req.params.person) });
  });

  router.patch("/links/:person", async (req, res) => {
    const body = parseInput(ZPersonSettingsBody, req.body, "Invalid settings");
    res.json({ link: await updatePersonSettings(db, req.params.person, body, actorOf(res)) });
  });

  router.get("/links/:person/state", async (req, res) => {
    const link = await resolvePerson(db, req.params.person);
    res.json(await personState(db, link, await getSettings(db), (await getActiveRules(db)).rules));
  });

  router.get("/links/:person/events", async (req, res) => {
    const query = parseInput(ZEventsQuery, req.query, "Invalid query");
    const link = await resolvePerson(db, req.params.person);
    const events = await listSyncEvents(db, {
      linkId: link.id,
      limit: query.limit,
      ...(query.kind ? { kinds: query.kind } : {}),
      ...(query.beforeId ? { beforeId: BigInt(query.beforeId) } : {}),
    });
    res.json({ events });
  });

  router.post("/links/:person/pause", async (req, res) => {
    const body = parseInput(ZPauseBody, req.body ?? {}, "Invalid pause");
    res.json({ link: await pausePerson(db, req.params.person, pauseOptions(body), actorOf(res)) });
  });

  router.post("/links/:person/resume", async (req, res) => {
    res.json({ link: await resumePerson(db, req.params.person, actorOf(res)) });
  });

  router.delete("/links/:person", async (req, res) => {
    const link = await unlinkPerson(db, req.params.person, actorOf(res));
    res.json({ unlinked: link.id });
  });

  return router;
}
