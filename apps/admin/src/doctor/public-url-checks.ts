import { randomBytes } from "node:crypto";

import { fail, ok, warn, type CheckArea, type CheckResult } from "./check-result.ts";
import { describeFailure } from "./describe-failure.ts";
import type { DoctorNetwork } from "./doctor-network.ts";

/** Where Slack posts events (apps/slack-bridge: SLACK_HTTP_ENDPOINTS.events). */
export const SLACK_EVENTS_PATH = "/slack/events";
/** Where Graph posts change notifications (apps/teams-bridge: NOTIFICATION_PATH). */
export const GRAPH_NOTIFICATIONS_PATH = "/graph/notifications";

const PROXY_DOWN = new Set([502, 503, 504]);

/**
 * Slack's Request URL answers: an unsigned POST gets any answer from the Slack bridge (it refuses
 * it with 401, or 400) — a refused connection, a DNS failure or a timeout is what Slack would meet.
 */
export async function checkSlackEventsUrl(network: DoctorNetwork, base: string): Promise<CheckResult> {
  const url = `${base}${SLACK_EVENTS_PATH}`;
  const check = "events URL";
  const route =
    "Make PUBLIC_BASE_URL reach the Slack bridge from the internet: DNS, a TLS proxy sending /slack/* to it, firewall; is the bridge running?";
  let response: Response;
  try {
    response = await network.fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
      redirect: "manual",
    });
    await response.body?.cancel();
  } catch (error) {
    return fail("slack", check, `${url}: ${describeFailure(error, network.timeoutMs)}`, route);
  }
  if (PROXY_DOWN.has(response.status))
    return fail(
      "slack",
      check,
      `${url} answered ${response.status}: the proxy cannot reach the Slack bridge`,
      route,
    );
  const notTheBridge =
    response.status === 404 || response.status === 405 || (response.status >= 300 && response.status < 400);
  if (notTheBridge)
    return fail(
      "slack",
      check,
      `${url} answered ${response.status}, not the Slack bridge (it refuses an unsigned request with 401)`,
      route,
    );
  const expected = response.status === 400 || response.status === 401 ? ", as the Slack bridge answers" : "";
  const result = ok("slack", check, `${url} answers (${response.status} to an unsigned request${expected})`);
  return new URL(base).protocol === "https:"
    ? result
    : httpOnly("slack", check, result, "Slack calls only https Request URLs");
}

/**
 * Graph's notification URL passes the validation handshake Graph makes before it creates a
 * subscription: a POST with `validationToken` must be echoed back as text within the timeout. Graph
 * calls only https URLs.
 */
export async function checkNotificationUrl(network: DoctorNetwork, base: string): Promise<CheckResult> {
  const url = `${base}${GRAPH_NOTIFICATIONS_PATH}`;
  const check = "notification URL";
  const route =
    "Make PUBLIC_BASE_URL reach the Teams bridge from the internet over https: DNS, a TLS proxy sending /graph/* to it, firewall; is the bridge running?";
  if (new URL(base).protocol !== "https:")
    return fail(
      "microsoft",
      check,
      `${url} is not https: Graph delivers notifications only over https`,
      route,
    );
  const token = `presence-doctor-${randomBytes(9).toString("base64url")}`;
  let response: Response;
  let text: string;
  try {
    response = await network.fetch(`${url}?validationToken=${encodeURIComponent(token)}`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      redirect: "manual",
    });
    text = await response.text();
  } catch (error) {
    return fail("microsoft", check, `${url}: ${describeFailure(error, network.timeoutMs)}`, route);
  }
  if (response.status === 200 && text === token)
    return ok("microsoft", check, `${url} answers Graph's validation handshake`);
  return fail(
    "microsoft",
    check,
    `${url} answered ${response.status} without echoing the validation token, so Graph would refuse to subscribe`,
    route,
  );
}

function httpOnly(area: CheckArea, check: string, result: CheckResult, why: string): CheckResult {
  return warn(
    area,
    check,
    `${result.message}; but it is not https (${why})`,
    "Serve PUBLIC_BASE_URL over https (a TLS reverse proxy)",
  );
}
