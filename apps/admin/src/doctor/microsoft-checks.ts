import { findTenantReadMode, type DbClient, type KeyRing } from "@presence/db";
import type { EntraApp } from "@presence/entra";
import { decodeJwt } from "jose";

import { fail, notChecked, ok, warn, type CheckResult } from "./check-result.ts";
import { describeFailure } from "./describe-failure.ts";
import type { DoctorNetwork } from "./doctor-network.ts";
import { requestAppToken } from "./entra-app-token.ts";
import type { DoctorEnv } from "./env.ts";
import { checkNotificationUrl } from "./public-url-checks.ts";
import { checkServiceAccounts } from "./service-account-checks.ts";
import type { MicrosoftSide } from "./side-checks.ts";

/** The application permissions the Teams bridge uses (docs/entra-app-setup.md, step 3). */
export const GRAPH_APPLICATION_PERMISSIONS = ["Presence.ReadWrite.All", "User.Read.All"] as const;

export interface MicrosoftCheckContext {
  side: MicrosoftSide;
  config: DoctorEnv;
  db: DbClient | null;
  ring: KeyRing | null;
  network: DoctorNetwork;
}

/**
 * The Microsoft side as it is: Entra issues the app an app-only token; the token carries the
 * application permissions the bridge needs (a missing one: admin consent is missing); Graph answers;
 * in notify mode Graph can reach the notification URL, and the service accounts can still sign in.
 */
export async function checkMicrosoft(context: MicrosoftCheckContext): Promise<CheckResult[]> {
  const { app } = context.side;
  const token = app
    ? await appTokenChecks(context, app)
    : [notChecked("microsoft", "app sign-in", "the app's identity is incomplete (above)")];
  const appWorks = token[0]?.status === "ok";
  return [...token, ...(await readModeChecks(context, appWorks))];
}

async function appTokenChecks(context: MicrosoftCheckContext, app: EntraApp): Promise<CheckResult[]> {
  const { side, network } = context;
  const token = await requestAppToken(app, side.graphBaseUrl, network);
  if ("problem" in token)
    return [
      fail("microsoft", "app sign-in", token.problem, token.fix),
      notChecked("microsoft", "application permissions", "no app token (above)"),
      notChecked("microsoft", "Graph", "no app token (above)"),
    ];
  const results = [
    ok("microsoft", "app sign-in", `Entra issued an app-only token for ${side.graphBaseUrl}/.default`),
  ];
  const roles = rolesOf(token.token);
  const missing = GRAPH_APPLICATION_PERMISSIONS.filter((permission) => !roles.includes(permission));
  results.push(
    missing.length > 0
      ? fail(
          "microsoft",
          "application permissions",
          `admin consent missing for ${missing.join(", ")} (the token grants ${roles.length > 0 ? roles.join(", ") : "no application permission"})`,
          `API permissions → add Microsoft Graph application permission(s) ${missing.join(", ")} → Grant admin consent (docs/entra-app-setup.md, step 3), or open ${
            app.authorityHost
          }/${app.tenantId}/adminconsent?client_id=${app.clientId} as an administrator`,
        )
      : ok(
          "microsoft",
          "application permissions",
          `${GRAPH_APPLICATION_PERMISSIONS.join(", ")} (admin consent granted)`,
        ),
  );
  results.push(outlookPermissions(context, roles));
  results.push(await checkGraph(context, token.token, missing.includes("User.Read.All")));
  return results;
}

/** Application roles that let the app read calendarView ("ReadBasic" is how some portals spell ReadBasic.All). */
const CALENDAR_READ_ROLES = [
  "Calendars.ReadBasic.All",
  "Calendars.ReadBasic",
  "Calendars.Read",
  "Calendars.ReadWrite",
];

/** The Outlook spoke's optional permissions (Calendars.ReadBasic.All, MailboxSettings.Read or broader). */
function outlookPermissions(context: MicrosoftCheckContext, roles: readonly string[]): CheckResult {
  const name = "Outlook permissions";
  if (context.config.OUTLOOK_READ_INTERVAL_MINUTES === 0)
    return ok("microsoft", name, "the Outlook spoke is off (OUTLOOK_READ_INTERVAL_MINUTES=0)");
  const missing = [
    ...(roles.some((r) => CALENDAR_READ_ROLES.includes(r)) ? [] : ["Calendars.ReadBasic.All"]),
    ...(roles.some((r) => r === "MailboxSettings.Read" || r === "MailboxSettings.ReadWrite")
      ? []
      : ["MailboxSettings.Read"]),
  ];
  if (missing.length === 0)
    return ok("microsoft", name, "calendars (free/busy) and automatic replies can be read: known end times");
  return warn(
    "microsoft",
    name,
    `no admin consent for ${missing.join(", ")}: meetings and out of office are mirrored without their end times`,
    `add the Microsoft Graph application permission(s) ${missing.join(", ")} and grant admin consent (docs/entra-app-setup.md, step 3), or set OUTLOOK_READ_INTERVAL_MINUTES=0`,
  );
}

function rolesOf(token: string): string[] {
  try {
    const roles = decodeJwt(token).roles;
    return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === "string") : [];
  } catch {
    return [];
  }
}

/** A cheap app-only call: one user's id (User.Read.All). */
async function checkGraph(
  context: MicrosoftCheckContext,
  token: string,
  withoutUserRead: boolean,
): Promise<CheckResult> {
  const { side, network } = context;
  const call = "GET /v1.0/users?$top=1&$select=id";
  const reach = "Check GRAPH_BASE_URL, and that this host reaches it over https (DNS, proxy, firewall)";
  let response: Response;
  try {
    response = await network.fetch(`${side.graphBaseUrl}/v1.0/users?$top=1&$select=id`, {
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
    });
  } catch (error) {
    return fail("microsoft", "Graph", `${call}: ${describeFailure(error, network.timeoutMs)}`, reach);
  }
  const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
  if (response.ok)
    return ok("microsoft", "Graph", `${side.graphBaseUrl} answers (${call}: ${response.status})`);
  const code = body?.error?.code ? ` ${body.error.code}` : "";
  if (response.status === 403 && withoutUserRead)
    return warn(
      "microsoft",
      "Graph",
      `${side.graphBaseUrl} answers, and refused ${call} (403${code}) for the missing permission above`,
      "Grant the missing permission (above)",
    );
  return fail(
    "microsoft",
    "Graph",
    `${call} answered ${response.status}${code}`,
    response.status === 401 || response.status === 403
      ? "Grant the application permissions with admin consent (docs/entra-app-setup.md, step 3)"
      : reach,
  );
}

/** The tenant's read mode (its own setting in the store, else GRAPH_READ_MODE) and what it needs. */
async function readModeChecks(context: MicrosoftCheckContext, appWorks: boolean): Promise<CheckResult[]> {
  const { side, config, db } = context;
  const tenantId = config.AZURE_TENANT_ID?.toLowerCase();
  const stored = db && tenantId ? await findTenantReadMode(db, tenantId) : null;
  const mode = stored === "notify" || stored === "poll" ? stored : config.GRAPH_READ_MODE;
  const source = stored ? "the tenant's setting" : "GRAPH_READ_MODE";
  const results: CheckResult[] = [];
  if (mode === "poll") {
    results.push(
      ok(
        "microsoft",
        "read mode",
        `poll (${source}): presence is read every ${config.GRAPH_POLL_INTERVAL_SECONDS} s; Graph does not call the bridge`,
      ),
    );
  } else {
    results.push(
      ok("microsoft", "read mode", `notify (${source}): Graph calls the bridge at PUBLIC_BASE_URL`),
    );
    results.push(
      side.publicBaseUrl
        ? await checkNotificationUrl(context.network, side.publicBaseUrl)
        : fail(
            "microsoft",
            "notification URL",
            "notify mode needs PUBLIC_BASE_URL, which is not set",
            "Set PUBLIC_BASE_URL to the bridge's public https address, or use poll mode (`presence graph read-mode poll`)",
          ),
    );
  }
  if (!db) {
    results.push(notChecked("microsoft", "service accounts", "no usable database (above)"));
    return results;
  }
  results.push(...(await checkServiceAccounts({ ...context, db }, mode, appWorks)));
  return results;
}
