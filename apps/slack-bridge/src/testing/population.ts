// Many connected, linked people at once (rate-limit tests).
import { USER_SCOPES } from "@presence/core";
import { createLink, type Link } from "@presence/db";
import type { User } from "@presence/slack-emulator";

import { PostgresInstallationStore } from "../store/postgres-installation-store.ts";
import { TENANT, type Harness } from "./bridge-harness.ts";

/**
 * `count` people who connected their Slack account and are linked, with their Slack state already
 * observed (what OAuth, the directory and the baseline read do, done directly to keep the test fast).
 */
export async function population(harness: Harness, count: number): Promise<{ users: User[]; links: Link[] }> {
  const { control } = harness.slack;
  const users = Array.from({ length: count }, (_, i) =>
    control.createUser({ teamId: harness.workspace.id, name: `person${i}`, email: `person${i}@acme.test` }),
  );
  const links: Link[] = [];
  for (let from = 0; from < count; from += 20) {
    const batch = users.slice(from, from + 20).map(async (user, offset) => {
      await connectDirectly(harness, user);
      return createLink(harness.t.db, {
        slackTeamId: harness.workspace.id,
        slackUserId: user.id,
        tenantId: TENANT,
        entraUserId: `44444444-4444-4444-8444-${String(from + offset).padStart(12, "0")}`,
      });
    });
    links.push(...(await Promise.all(batch)));
  }
  await harness.t.db.$executeRaw`
    UPDATE "LinkSide" SET "observedAt" = now(),
      "view" = '{"status":{"text":"","emoji":"","expiresAt":null},"huddle":{"inHuddle":false},"dnd":{"snoozed":false,"until":null}}'
    WHERE "side" = 'slack'`;
  return { users, links };
}

/** The person connects their Slack account (what the OAuth connect flow stores); returns their user token. */
export async function connectDirectly(harness: Harness, user: User): Promise<string> {
  const store = new PostgresInstallationStore(harness.t.db, harness.runtime.keyRing);
  const grant = harness.slack.control.authorizeUser({
    appId: harness.app.id,
    userId: user.id,
    userScopes: USER_SCOPES,
  });
  await store.storeInstallation({
    team: { id: harness.workspace.id, name: "Acme" },
    enterprise: undefined,
    isEnterpriseInstall: false,
    authVersion: "v2",
    appId: harness.app.id,
    user: { id: user.id, token: grant.token, scopes: grant.scopes },
  });
  return grant.token;
}

/**
 * Echo handling is covered by the writer tests; here Slack's user events are switched off so a run
 * measures the writer and its budgets (2 echo events per write would only add load).
 */
export function withoutUserEvents(harness: Harness): void {
  harness.slack.control.updateApp({
    appId: harness.app.id,
    botEvents: ["tokens_revoked", "app_uninstalled"],
    userEvents: [],
  });
}

/** Most calls within any window of `windowMs`. */
export function busiestWindow(times: number[], windowMs = 1000): number {
  return Math.max(0, ...times.map((at) => times.filter((t) => t >= at && t < at + windowMs).length));
}

export function statusOf(harness: Harness, user: User): string {
  return (harness.slack.control.getProfile({ userId: user.id }) as { status_text: string }).status_text;
}
