import { BOT_SCOPES, BridgeError, USER_SCOPES } from "@presence/core";
import {
  getCredential,
  slackOwner,
  type DbClient,
  type KeyRing,
  type SlackInstallation,
  listSlackAppInstallations,
  listSlackPersonGrants,
} from "@presence/db";
import { LogLevel, WebClient, type Logger } from "@slack/web-api";

import { fail, notChecked, ok, warn, type CheckResult } from "./check-result.ts";
import { describeFailure } from "./describe-failure.ts";
import { withTimeout, type DoctorNetwork } from "./doctor-network.ts";
import { checkSlackEventsUrl } from "./public-url-checks.ts";
import type { SlackSide } from "./side-checks.ts";

/** Credential kind of a workspace's bot token (apps/slack-bridge/src/store/installation-rows.ts). */
const BOT_TOKEN_KIND = "slack_bot";

/** What the Slack bridge stores of an installation (Bolt's Installation without its tokens). */
interface StoredInstallation {
  team?: { id?: string; name?: string };
  enterprise?: { id?: string; name?: string };
  user?: { id?: string; scopes?: string[] | string };
  bot?: { id?: string; userId?: string; scopes?: string[] | string };
}

export interface SlackCheckContext {
  side: SlackSide;
  db: DbClient | null;
  ring: KeyRing | null;
  network: DoctorNetwork;
}

/**
 * The Slack side as it is: each workspace installation's bot token (decrypted with the key ring)
 * answers auth.test; the scopes granted (the bot's as Slack reports them now, each connected
 * person's as granted) include what the bridge asks for; Slack's Request URL reaches the bridge.
 */
export async function checkSlack(context: SlackCheckContext): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const { db, ring, side } = context;
  if (!db) results.push(notChecked("slack", "installations", "no usable database (above)"));
  else {
    const installs = await listSlackAppInstallations(db);
    if (installs.length === 0)
      results.push(
        warn(
          "slack",
          "installations",
          "no workspace has installed the app yet",
          `A workspace admin opens ${side.publicBaseUrl ?? "PUBLIC_BASE_URL"}/slack/install and approves (docs/slack-app-setup.md, step 3)`,
        ),
      );
    for (const install of installs) results.push(...(await checkInstallation(context, db, ring, install)));
  }
  if (side.socketMode)
    results.push(ok("slack", "events URL", "Socket Mode (SLACK_APP_TOKEN): Slack needs no events URL"));
  else if (!side.publicBaseUrl)
    results.push(notChecked("slack", "events URL", "PUBLIC_BASE_URL is not set (above)"));
  else results.push(await checkSlackEventsUrl(context.network, side.publicBaseUrl));
  return results;
}

async function checkInstallation(
  context: SlackCheckContext,
  db: DbClient,
  ring: KeyRing | null,
  install: SlackInstallation,
): Promise<CheckResult[]> {
  const data = install.data as StoredInstallation;
  const id = install.teamId || install.enterpriseId;
  const name = (install.isEnterpriseInstall ? data.enterprise?.name : data.team?.name) ?? "";
  const label = `${install.isEnterpriseInstall ? "org" : "workspace"} ${name ? `${name} (${id})` : id}`;
  const reinstall = `Install the app again: a workspace admin opens ${context.side.publicBaseUrl ?? "PUBLIC_BASE_URL"}/slack/install`;

  const token = await botToken(db, ring, id, reinstall);
  let liveScopes: string[] | undefined;
  let tokenResult: CheckResult;
  if ("problem" in token) tokenResult = token.problem(label);
  else {
    const answer = await authTest(context, token.secret);
    if ("unreachable" in answer)
      tokenResult = fail(
        "slack",
        label,
        `cannot reach Slack at ${context.side.apiUrl}: ${answer.unreachable}`,
        "Check SLACK_API_URL, and that this host reaches it over https (DNS, proxy, firewall)",
      );
    else if ("error" in answer)
      tokenResult =
        answer.error === "token_expired"
          ? warn(
              "slack",
              label,
              "the bot token has expired (auth.test: token_expired)",
              "The Slack bridge refreshes rotating tokens while it runs: start it, or install the app again",
            )
          : fail("slack", label, `the bot token does not work (auth.test: ${answer.error})`, reinstall);
    else {
      liveScopes = answer.scopes;
      tokenResult = ok("slack", label, `the bot token answers auth.test (${answer.who})`);
    }
  }
  return [tokenResult, await checkScopes(db, install, data, label, liveScopes, reinstall)];
}

type TokenLookup = { secret: string } | { problem: (label: string) => CheckResult };

async function botToken(
  db: DbClient,
  ring: KeyRing | null,
  id: string,
  reinstall: string,
): Promise<TokenLookup> {
  if (!ring)
    return { problem: (label) => notChecked("slack", label, "no usable TOKEN_ENCRYPTION_KEY (above)") };
  try {
    const stored = await getCredential(db, ring, BOT_TOKEN_KIND, slackOwner(id));
    if (stored) return { secret: stored.secret };
    return {
      problem: (label) => fail("slack", label, "no bot token is stored for this installation", reinstall),
    };
  } catch (error) {
    // A store that stopped answering is not a decryption problem: the area reports it.
    if (!(error instanceof BridgeError)) throw error;
    return {
      problem: (label) =>
        fail(
          "slack",
          label,
          "the bot token cannot be decrypted with the key ring (see stored secrets)",
          "Fix TOKEN_ENCRYPTION_KEY / TOKEN_ENCRYPTION_OLD_KEYS (above), or install the app again",
        ),
    };
  }
}

async function authTest(
  context: SlackCheckContext,
  token: string,
): Promise<{ who: string; scopes: string[] | undefined } | { error: string } | { unreachable: string }> {
  const client = new WebClient(token, {
    slackApiUrl: context.side.apiUrl,
    timeout: context.network.timeoutMs,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: SILENT,
  });
  try {
    const answer = await withTimeout(client.auth.test(), context.network.timeoutMs, "auth.test");
    const who = [answer.team ? `team ${answer.team}` : "", answer.user_id ? `bot user ${answer.user_id}` : ""]
      .filter(Boolean)
      .join(", ");
    return { who, scopes: answer.response_metadata?.scopes };
  } catch (error) {
    const platform = (error as { data?: { error?: unknown } }).data?.error;
    if (typeof platform === "string") return { error: platform };
    return { unreachable: describeFailure(error, context.network.timeoutMs) };
  }
}

/** Bot scopes (live, else as granted at install) and every connected person's user scopes vs the bridge's. */
async function checkScopes(
  db: DbClient,
  install: SlackInstallation,
  data: StoredInstallation,
  label: string,
  liveBotScopes: string[] | undefined,
  reinstall: string,
): Promise<CheckResult> {
  const check = `${label} scopes`;
  const botScopes = liveBotScopes ?? scopeList(data.bot?.scopes);
  const missingBot = BOT_SCOPES.filter((scope) => !botScopes.includes(scope));
  const people = await listSlackPersonGrants(db, install);
  const missingUser = new Map<string, string[]>();
  for (const person of people) {
    const granted = scopeList((person.data as StoredInstallation).user?.scopes);
    for (const scope of USER_SCOPES.filter((s) => !granted.includes(s)))
      missingUser.set(scope, [...(missingUser.get(scope) ?? []), person.userId]);
  }
  const problems = [
    missingBot.length > 0 ? `bot scope(s) not granted: ${missingBot.join(", ")}` : "",
    ...[...missingUser].map(
      ([scope, userIds]) =>
        `user scope ${scope} not granted by ${userIds.length} of ${countPeople(people.length)} (${sample(userIds)})`,
    ),
  ].filter(Boolean);
  const fixes = [
    missingBot.length > 0
      ? `Add ${missingBot.join(", ")} to the app's bot scopes (OAuth & Permissions, as in apps/slack-bridge/slack-app-manifest.json), then ${reinstall.charAt(0).toLowerCase()}${reinstall.slice(1)}`
      : "",
    missingUser.size > 0
      ? `The people named connect again (App Home → Connect Slack); if the app's user scopes lack ${[...missingUser.keys()].join(", ")}, add them first (as in the manifest)`
      : "",
  ].filter(Boolean);
  if (problems.length > 0) return fail("slack", check, problems.join("; "), fixes.join("; "));
  return ok(
    "slack",
    check,
    `bot scopes granted${liveBotScopes ? "" : " (as at install)"}; user scopes complete for ${countPeople(people.length)}`,
  );
}

function countPeople(n: number): string {
  return `${n} connected ${n === 1 ? "person" : "people"}`;
}

/** A few user ids, enough to find the people concerned (not a directory dump). */
function sample(userIds: readonly string[]): string {
  return userIds.length > 5 ? `${userIds.slice(0, 5).join(", ")} …` : userIds.join(", ");
}

function scopeList(scopes: string[] | string | undefined): string[] {
  if (Array.isArray(scopes)) return scopes;
  return (scopes ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

const SILENT: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};
