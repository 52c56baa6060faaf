import {
  BridgeError,
  effectivePolicy,
  ZDirection,
  ZLinkPolicyOverrides,
  ZSlackView,
  ZTeamsView,
  type LinkPolicyOverrides,
} from "@presence/core";
import {
  deleteCredentials,
  findLinkBySlack,
  getSettings,
  type Link,
  listLinkSides,
  hasCredential,
} from "@presence/db";
import {
  issueConnectLink,
  pausePerson,
  personTimeline,
  requireReconnect,
  resumePerson,
  unlinkPerson,
  updatePersonSettings,
} from "@presence/services";

import type { SlackContext } from "../slack-context.ts";
import { enqueuePublishHome } from "../jobs/publish-home.ts";
import {
  CREDENTIAL,
  credentialOwner,
  deleteInstallations,
  findPersonInstallation,
} from "../store/installation-rows.ts";
import { ACTION, SHARING_CHOICES, homeView, type HomeModel } from "./home-view.ts";

export interface Person {
  teamId: string;
  userId: string;
}

/** What a person picked in a block action (the parts of Slack's payload the bridge reads). */
export interface HomeAction {
  actionId: string;
  value?: string;
  selected?: string[];
}

const RECENT_EVENTS = 5;

/**
 * App Home and the /presence command: a person sees their link and what is mirrored, and changes it
 * through the same services the CLI and admin API use. Identity always comes from Slack's signed
 * payload (the person acting), never from values in the view.
 */
export class HomeService {
  constructor(private readonly context: SlackContext) {}

  async model(person: Person): Promise<HomeModel> {
    const { db } = this.context;
    const link = await findLinkBySlack(db, person.teamId, person.userId);
    const slackConnected = await this.#slackConnected(person);
    return {
      slackConnected,
      link: link ? await this.#linkModel(link) : null,
      recent: link
        ? (await personTimeline(db, link.id, RECENT_EVENTS)).events.map((e) => ({
            at: e.at,
            message: e.message,
          }))
        : [],
      connectSlackUrl: slackConnected ? null : await this.#connectUrl("/slack/connect", "slack", person),
      connectMicrosoftUrl: link ? null : await this.#connectUrl("/graph/connect", "microsoft", person),
    };
  }

  /** Publishes the person's Home tab. Best effort: a failure is logged, never retried by Slack. */
  async publish(person: Person): Promise<void> {
    try {
      const bot = await this.context.tokens.bot(person.teamId);
      if (!bot) return;
      const view = homeView(await this.model(person));
      await this.context.api.call(
        "views.publish",
        bot,
        { user_id: person.userId, view },
        { teamId: person.teamId },
      );
    } catch (error) {
      this.context.logger.warn({ ...person, err: error }, "could not publish App Home");
    }
  }

  /** Applies a block action from App Home; the Home tab is published again afterwards, by a job. */
  async act(person: Person, action: HomeAction): Promise<void> {
    try {
      await this.#apply(person, action);
    } catch (thrown) {
      const error = BridgeError.from(thrown);
      if (error.code === "internal") throw error;
      this.context.logger.info(
        { ...person, action: action.actionId, error: error.message },
        "App Home action refused",
      );
    }
    await enqueuePublishHome(this.context.db, person);
  }

  /** Pauses mirroring for `minutes` (0 = until resumed). */
  async pause(person: Person, minutes: number): Promise<Link> {
    const link = await this.#link(person);
    const until = minutes > 0 ? new Date(this.context.now() + minutes * 60_000) : undefined;
    return pausePerson(
      this.context.db,
      link.id,
      { ...(until ? { until } : {}), reason: "paused by the person" },
      actor(person),
    );
  }

  async resume(person: Person): Promise<Link> {
    return resumePerson(this.context.db, (await this.#link(person)).id, actor(person));
  }

  async setDirection(person: Person, direction: string): Promise<Link> {
    const parsed = ZDirection.safeParse(direction);
    if (!parsed.success) throw new BridgeError("invalid_input", `Unknown direction ${direction}`);
    return updatePersonSettings(
      this.context.db,
      (await this.#link(person)).id,
      { direction: parsed.data },
      actor(person),
    );
  }

  async #apply(person: Person, action: HomeAction): Promise<void> {
    switch (action.actionId) {
      case ACTION.direction:
        await this.setDirection(person, action.value ?? "");
        return;
      case ACTION.pause:
        await this.pause(person, Number(action.value ?? "0"));
        return;
      case ACTION.resume:
        await this.resume(person);
        return;
      case ACTION.sharing: {
        const selected = new Set(action.selected ?? []);
        const policy: LinkPolicyOverrides = Object.fromEntries(
          SHARING_CHOICES.map((c) => [c.key, selected.has(c.key)]),
        );
        await updatePersonSettings(this.context.db, (await this.#link(person)).id, { policy }, actor(person));
        return;
      }
      case ACTION.disconnectSlack:
        await this.#disconnectSlack(person);
        return;
      case ACTION.unlink: {
        const link = await this.#link(person);
        await unlinkPerson(this.context.db, link.id, actor(person));
        await this.#forgetSlack(person);
        return;
      }
      default:
        return; // link buttons (connect) need nothing from the bridge
    }
  }

  /** Revokes the person's Slack user token (best effort) and forgets it; their link waits for a reconnect. */
  async #disconnectSlack(person: Person): Promise<void> {
    const lease = await this.context.tokens.person(person.teamId, person.userId);
    if (lease) {
      try {
        await this.context.api.call("auth.revoke", lease, {}, { teamId: person.teamId });
      } catch (error) {
        this.context.logger.warn(
          { ...person, err: error },
          "auth.revoke failed; forgetting the token anyway",
        );
      }
    }
    await this.#forgetSlack(person);
    const link = await findLinkBySlack(this.context.db, person.teamId, person.userId);
    if (link)
      await requireReconnect(
        this.context.db,
        link.id,
        { side: "slack", reason: "Slack account disconnected" },
        actor(person),
      );
  }

  async #forgetSlack(person: Person): Promise<void> {
    const row = await findPersonInstallation(this.context.db, person.teamId, person.userId);
    if (!row) return;
    await this.context.db.$transaction(async (tx) => {
      await deleteCredentials(tx, credentialOwner(row));
      // deleteMany: a tokens_revoked event (after auth.revoke) may be forgetting the same row right now.
      await deleteInstallations(tx, [row.id]);
    });
    this.context.tokens.forget(credentialOwner(row));
  }

  async #link(person: Person): Promise<Link> {
    const link = await findLinkBySlack(this.context.db, person.teamId, person.userId);
    if (!link) throw new BridgeError("not_found", "You are not linked yet");
    return link;
  }

  async #slackConnected(person: Person): Promise<boolean> {
    const row = await findPersonInstallation(this.context.db, person.teamId, person.userId);
    if (!row) return false;
    return hasCredential(this.context.db, CREDENTIAL.user, credentialOwner(row));
  }

  async #linkModel(link: Link): Promise<NonNullable<HomeModel["link"]>> {
    const { db } = this.context;
    const settings = await getSettings(db);
    const sides = await listLinkSides(db, link.id);
    const slack = ZSlackView.safeParse(sides.find((s) => s.side === "slack")?.view ?? {});
    const teams = ZTeamsView.safeParse(sides.find((s) => s.side === "teams")?.view ?? {});
    return {
      status: link.status,
      statusReason: link.statusReason,
      pausedUntil: link.pausedUntil,
      direction: link.direction,
      policy: effectivePolicy(settings, ZLinkPolicyOverrides.parse(link.policy)),
      microsoftAccount: link.email ?? link.entraUserId,
      slackShows: slack.success ? slack.data : {},
      teamsShows: teams.success ? teams.data : {},
    };
  }

  async #connectUrl(path: string, connect: "slack" | "microsoft", person: Person): Promise<string | null> {
    const base = this.context.publicBaseUrl;
    if (!base) return null;
    const state = await issueConnectLink(this.context.db, this.context.ring, { connect, slack: person });
    return `${base}${path}?state=${encodeURIComponent(state)}`;
  }
}

function actor(person: Person): { name: string } {
  return { name: `slack:${person.teamId}/${person.userId}` };
}
