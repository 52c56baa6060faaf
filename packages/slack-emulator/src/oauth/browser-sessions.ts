import { randomBytes } from "node:crypto";
import type { User } from "../world/types.ts";
import type { SlackWorld } from "../world/world.ts";

/**
 * Browsers that signed in on the sign-in page stay signed in, as on slack.com: a session (its id is the
 * `slack_emulator_session` cookie) holds every person who signed in with it, one per workspace at most
 * in practice, most recent last. Sessions live as long as the emulator.
 */
export class BrowserSessions {
  readonly #people = new Map<string, string[]>();

  /**
   * The person most recently signed in with one of the browser's sessions, in `teamId` (any workspace
   * when null), who can still sign in (not deactivated).
   */
  person(world: SlackWorld, sessionIds: readonly string[], teamId: string | null): User | undefined {
    for (const sessionId of sessionIds) {
      const userIds = this.#people.get(sessionId) ?? [];
      for (const userId of [...userIds].reverse()) {
        const user = world.users.get(userId);
        if (user && !user.deleted && !user.isBot && (teamId === null || user.teamId === teamId)) return user;
      }
    }
    return undefined;
  }

  /** Adds the person to the browser's session (a new session when it has none known); returns its id. */
  remember(sessionIds: readonly string[], userId: string): string {
    const sessionId = sessionIds.find((id) => this.#people.has(id)) ?? randomBytes(32).toString("base64url");
    const others = (this.#people.get(sessionId) ?? []).filter((id) => id !== userId);
    this.#people.set(sessionId, [...others, userId]);
    return sessionId;
  }
}
