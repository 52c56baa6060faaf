import { BridgeError, slackPersonOf, type SlackPerson, type SlackWriteOp } from "@presence/core";
import type { SlackSideWriter } from "@presence/pipeline";

import { slackErrorCode } from "../client/classify-slack-error.ts";
import type { SlackApi, TokenLease } from "../client/slack-api.ts";
import type { SlackTokens } from "../store/slack-tokens.ts";
import { slackHeldUntil, snoozeMinutes, statusExpirationSeconds } from "./held-expiry.ts";

/** SLACK_ADMIN_TOKEN_MODE: whose token writes statuses (DND and presence always need the person's). */
export type AdminTokenMode = "off" | "fallback" | "always";

export interface SlackWriterOptions {
  api: SlackApi;
  tokens: SlackTokens;
  adminTokenMode: AdminTokenMode;
  now: () => number;
}

/**
 * The pipeline's Slack writer: one Web API call per op, with the person's user token — or, for
 * statuses in admin-token mode, the installer's Owner/Admin token with `user=`. Rate budgets, 429s,
 * token rotation and error classification happen in SlackApi; what is thrown is a BridgeError the
 * pipeline acts on (reschedule, re-auth, record).
 */
export function createSlackWriter(options: SlackWriterOptions): SlackSideWriter {
  return {
    side: "slack",
    perform: (link, op) => performSlackWrite(options, slackPersonOf(link), op),
    heldUntil: slackHeldUntil,
  };
}

/** One Slack write for a person (the Slack adapter's `write.perform`). */
export async function performSlackWrite(
  options: SlackWriterOptions,
  person: SlackPerson,
  op: SlackWriteOp,
): Promise<void> {
  const { api, now } = options;
  const teamId = person.teamId;
  if (op.facet === "status") {
    const { lease, asAdmin } = await statusToken(options, person);
    const profile =
      op.action === "set"
        ? {
            status_text: op.value.text,
            status_emoji: op.value.emoji,
            status_expiration: statusExpirationSeconds(op.value, now()),
          }
        : { status_text: "", status_emoji: "" };
    await api.call(
      "users.profile.set",
      lease,
      { profile, ...(asAdmin ? { user: person.userId } : {}) },
      { teamId, profileTarget: person.userId },
    );
    return;
  }
  // DND and presence act on the token's own user only: no admin token can do them.
  const lease = await personToken(options, person, op.facet);
  if (op.facet === "dnd") {
    if (op.action === "set") {
      await api.call(
        "dnd.setSnooze",
        lease,
        { num_minutes: snoozeMinutes(op.value.until, now()) },
        { teamId },
      );
      return;
    }
    try {
      await api.call("dnd.endSnooze", lease, {}, { teamId });
    } catch (error) {
      // Already over (ended by the person, or lapsed): what the bridge wanted.
      if (error instanceof BridgeError && slackErrorCode(error) === "snooze_not_active") return;
      throw error;
    }
    return;
  }
  await api.call("users.setPresence", lease, { presence: op.action === "set" ? "away" : "auto" }, { teamId });
}

async function personToken(
  options: SlackWriterOptions,
  person: SlackPerson,
  facet: string,
): Promise<TokenLease> {
  const lease = await options.tokens.person(person.teamId, person.userId);
  if (lease) return lease;
  throw notConnected(options.adminTokenMode, facet);
}

/** What a write needing the person's own token meets when they have none. */
function notConnected(mode: AdminTokenMode, facet: string): BridgeError {
  // In admin-token mode people need not connect: their status is written with the admin token, but DND
  // and presence only ever with their own. That is a missing permission for this facet (recorded, not
  // retried), not a reason to stop mirroring them altogether.
  if (mode !== "off") {
    return new BridgeError(
      "missing_permission",
      `Slack ${facet} needs the person's own Slack connection; admin-token mode writes only statuses`,
    );
  }
  return new BridgeError(
    "auth_revoked",
    `Slack ${facet} needs the person's own Slack connection (they have not connected, or it was revoked)`,
  );
}

async function statusToken(
  options: SlackWriterOptions,
  person: SlackPerson,
): Promise<{ lease: TokenLease; asAdmin: boolean }> {
  const mode = options.adminTokenMode;
  if (mode !== "always") {
    const own = await options.tokens.person(person.teamId, person.userId);
    if (own) return { lease: own, asAdmin: false };
    if (mode === "off") throw notConnected(mode, "status");
  }
  const admin = await options.tokens.admin(person.teamId);
  if (!admin) {
    throw new BridgeError(
      "missing_permission",
      "Admin-token mode: no Owner/Admin user token is stored for this workspace (install the app as an Owner or Admin, granting the user scopes)",
    );
  }
  return { lease: admin, asAdmin: true };
}
