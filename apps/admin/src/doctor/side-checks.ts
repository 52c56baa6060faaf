import { BridgeError } from "@presence/core";
import { readAppCredential, type EntraApp } from "@presence/entra";

import { fail, ok, warn, type CheckResult } from "./check-result.ts";
import type { DoctorEnv } from "./env.ts";

const SLACK_CREDENTIALS = [
  "SLACK_CLIENT_ID",
  "SLACK_CLIENT_SECRET",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
] as const;
const AZURE_IDENTITY = [
  "AZURE_TENANT_ID",
  "AZURE_CLIENT_ID",
  "AZURE_CLIENT_SECRET",
  "AZURE_CLIENT_CERTIFICATE_PATH",
] as const;

export interface SlackSide {
  apiUrl: string;
  /** Socket Mode: Slack needs no events URL. */
  socketMode: boolean;
  publicBaseUrl: string | null;
}

export interface MicrosoftSide {
  /** Null when the identity is incomplete or its credential unreadable (then nothing is asked of Entra). */
  app: EntraApp | null;
  graphBaseUrl: string;
  publicBaseUrl: string | null;
}

export interface SidesCheck {
  results: CheckResult[];
  slack: SlackSide | null;
  microsoft: MicrosoftSide | null;
}

/**
 * Which sides are configured, and whether each is complete — the checks the bridges make at start
 * (resolveSlackSettings, resolveTeamsSettings): a side with no variable set at all is off (the bridge
 * then runs a demo against an emulator), a side with some set must have all it needs.
 */
export function checkSides(config: DoctorEnv): SidesCheck {
  const results: CheckResult[] = [];
  const publicBaseUrl = config.PUBLIC_BASE_URL ? config.PUBLIC_BASE_URL.replace(/\/+$/, "") : null;
  const slackSet = SLACK_CREDENTIALS.some((name) => config[name] !== undefined);
  const microsoftSet = AZURE_IDENTITY.some((name) => config[name] !== undefined);

  let slack: SlackSide | null = null;
  if (slackSet) {
    slack = {
      apiUrl: config.SLACK_API_URL,
      socketMode: config.SLACK_APP_TOKEN !== undefined,
      publicBaseUrl,
    };
    const missing = [
      config.SLACK_CLIENT_ID ? null : "SLACK_CLIENT_ID",
      config.SLACK_CLIENT_SECRET ? null : "SLACK_CLIENT_SECRET",
      config.SLACK_SIGNING_SECRET || config.SLACK_APP_TOKEN
        ? null
        : "SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)",
      publicBaseUrl ? null : "PUBLIC_BASE_URL",
    ].filter((name): name is string => name !== null);
    results.push(
      missing.length > 0
        ? fail(
            "config",
            "Slack side",
            `configured only in part: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} required but not set`,
            "Copy them from the Slack app's Basic Information and OAuth & Permissions pages (docs/slack-app-setup.md, step 2)",
          )
        : ok(
            "config",
            "Slack side",
            `configured (${slack.socketMode ? "Socket Mode" : "HTTP events"}, Web API ${config.SLACK_API_URL})`,
          ),
    );
  } else {
    results.push(
      warn(
        "config",
        "Slack side",
        `not configured: none of ${SLACK_CREDENTIALS.join(", ")} is set, so the apps run without Slack${microsoftSet ? "" : " (zero-config demo)"}`,
        "Create the Slack app from the manifest and set its credentials (docs/slack-app-setup.md)",
      ),
    );
  }

  let microsoft: MicrosoftSide | null = null;
  if (microsoftSet) {
    const { app, problems } = entraApp(config);
    microsoft = { app, graphBaseUrl: new URL(config.GRAPH_BASE_URL).origin, publicBaseUrl };
    results.push(
      problems.length > 0
        ? fail(
            "config",
            "Microsoft side",
            problems.join("; "),
            "Copy the ids from the app registration's Overview and give it a secret or certificate (docs/entra-app-setup.md, steps 1–2)",
          )
        : ok(
            "config",
            "Microsoft side",
            `configured (tenant ${config.AZURE_TENANT_ID}, client ${config.AZURE_CLIENT_ID}, ${
              config.AZURE_CLIENT_CERTIFICATE_PATH ? "certificate" : "client secret"
            }, ${config.GRAPH_READ_MODE} mode by default)`,
          ),
    );
  } else {
    results.push(
      warn(
        "config",
        "Microsoft side",
        `not configured: none of ${AZURE_IDENTITY.join(", ")} is set, so the apps run without Microsoft${slackSet ? "" : " (zero-config demo)"}`,
        "Register the Entra app and set its identity (docs/entra-app-setup.md)",
      ),
    );
  }
  return { results, slack, microsoft };
}

function entraApp(config: DoctorEnv): { app: EntraApp | null; problems: string[] } {
  const problems: string[] = [];
  if (!config.AZURE_TENANT_ID) problems.push("AZURE_TENANT_ID is required but not set");
  if (!config.AZURE_CLIENT_ID) problems.push("AZURE_CLIENT_ID is required but not set");
  const expiry = config.GRAPH_SESSION_EXPIRY_MINUTES;
  if ((config.GRAPH_SESSION_REFRESH_SECONDS ?? expiry * 45) >= expiry * 60)
    problems.push(
      `GRAPH_SESSION_REFRESH_SECONDS must be less than GRAPH_SESSION_EXPIRY_MINUTES (${expiry} min)`,
    );
  const hosts = [config.AZURE_AUTHORITY_HOST, config.GRAPH_BASE_URL].map((url) => new URL(url).hostname);
  if (hosts.some((host) => /chinacloudapi\.cn$|partner\.microsoftonline\.cn$/i.test(host)))
    problems.push(
      "Microsoft Graph operated by 21Vianet (China) has no presence APIs: the Teams bridge cannot run there",
    );
  let credential;
  try {
    credential = readAppCredential({
      ...(config.AZURE_CLIENT_SECRET ? { secret: config.AZURE_CLIENT_SECRET } : {}),
      ...(config.AZURE_CLIENT_CERTIFICATE_PATH
        ? { certificatePath: config.AZURE_CLIENT_CERTIFICATE_PATH }
        : {}),
    });
  } catch (error) {
    problems.push(
      BridgeError.from(error)
        .message.replace(/^Invalid configuration:\s*/, "")
        .trim(),
    );
  }
  // Timing problems do not stop the token checks; a missing identity or credential does.
  if (!credential || !config.AZURE_TENANT_ID || !config.AZURE_CLIENT_ID) return { app: null, problems };
  return {
    app: {
      tenantId: config.AZURE_TENANT_ID.toLowerCase(),
      clientId: config.AZURE_CLIENT_ID,
      credential,
      authorityHost: new URL(config.AZURE_AUTHORITY_HOST).origin.toLowerCase(),
    },
    problems,
  };
}
