import type { ICachePlugin } from "@azure/msal-node";
import { createConfidentialClient, type EntraApp } from "@presence/entra";
import { createLogger } from "@presence/telemetry";

import { describeFailure } from "./describe-failure.ts";
import { withTimeout, type DoctorNetwork } from "./doctor-network.ts";

const logger = createLogger({ service: "presence-doctor", level: "silent" });

/** A confidential client of the app on its cloud, on the doctor's transport (the bridges' settings). */
export function doctorClient(app: EntraApp, network: DoctorNetwork, cachePlugin?: ICachePlugin) {
  return createConfidentialClient(app, {
    network: network.msal,
    logger,
    ...(cachePlugin ? { cachePlugin } : {}),
  });
}

/** An app-only token for Graph (client credentials), fresh from Entra, or why Entra would not give one. */
export async function requestAppToken(
  app: EntraApp,
  graphBaseUrl: string,
  network: DoctorNetwork,
): Promise<{ token: string } | { problem: string; fix: string }> {
  try {
    const result = await withTimeout(
      doctorClient(app, network).acquireTokenByClientCredential({
        scopes: [`${graphBaseUrl}/.default`],
        skipCache: true,
      }),
      network.timeoutMs,
      "Entra",
    );
    if (!result?.accessToken) return { problem: "Entra answered without a token", fix: CHECK_IDS };
    return { token: result.accessToken };
  } catch (error) {
    const explained = explainEntraError(error, network.timeoutMs);
    return explained.unreachable ? { ...explained, problem: await probeAuthority(app, network) } : explained;
  }
}

/**
 * Why msal found no usable authority (its own error only says "endpoints_resolution_error"): the
 * tenant's OpenID configuration, fetched directly, either fails to connect or answers with an error.
 */
async function probeAuthority(app: EntraApp, network: DoctorNetwork): Promise<string> {
  const url = `${app.authorityHost}/${app.tenantId}/v2.0/.well-known/openid-configuration`;
  try {
    const response = await network.fetch(url);
    const body = (await response.json().catch(() => null)) as { error_description?: unknown } | null;
    const description =
      typeof body?.error_description === "string" ? `: ${firstSentence(body.error_description)}` : "";
    return response.ok
      ? `Entra's metadata for tenant ${app.tenantId} answers, but msal could not use it`
      : `Entra's metadata for tenant ${app.tenantId} answered ${response.status}${description}`;
  } catch (error) {
    return `cannot reach Entra at ${app.authorityHost}: ${describeFailure(error, network.timeoutMs)}`;
  }
}

/** msal's codes for "no usable answer from the authority" (network, discovery). */
const UNREACHABLE = new Set(["network_error", "endpoints_resolution_error", "openid_config_error"]);

const CHECK_IDS = "Check AZURE_TENANT_ID and AZURE_CLIENT_ID against the app registration's Overview page";

/** msal's error in words, with the fix for the usual causes (never the secret: Entra does not echo it). */
export function explainEntraError(
  error: unknown,
  timeoutMs: number,
): { problem: string; fix: string; unreachable?: boolean } {
  const code = (error as { errorCode?: unknown }).errorCode;
  const text = (error as { errorMessage?: unknown }).errorMessage;
  const description =
    typeof text === "string" && text ? firstSentence(text) : describeFailure(error, timeoutMs);
  const aadsts = /AADSTS(\d+)/.exec(description)?.[1];
  if (code === "invalid_client" || aadsts === "7000215" || aadsts === "7000222")
    return {
      problem: `Entra refused the app's credential (${code ?? "invalid_client"}: ${description})`,
      fix: "Set AZURE_CLIENT_SECRET to the Value (not the ID) of a current secret under Certificates & secrets — or upload the certificate of AZURE_CLIENT_CERTIFICATE_PATH (docs/entra-app-setup.md, step 2)",
    };
  if (
    code === "unauthorized_client" ||
    aadsts === "700016" ||
    aadsts === "90002" ||
    code === "invalid_tenant"
  )
    return { problem: `Entra does not know this app or tenant (${code}: ${description})`, fix: CHECK_IDS };
  if (typeof code === "string" && code && !UNREACHABLE.has(code))
    return { problem: `Entra refused the token request (${code}: ${description})`, fix: CHECK_IDS };
  return {
    problem: `cannot reach Entra: ${description}`,
    fix: "Check AZURE_AUTHORITY_HOST and AZURE_TENANT_ID, and that this host reaches Entra over https (DNS, proxy, firewall)",
    unreachable: true,
  };
}

/**
 * The gist of msal's message: Entra's error description ("Error(s): … - Description: AADSTS7000215:
 * Invalid client secret provided. Ensure … - Trace ID: …"), first sentence only.
 */
function firstSentence(text: string): string {
  const description = (
    /Description:\s*(.*?)(?:\s+-\s+(?:Trace|Correlation) ID:|$)/s.exec(text)?.[1] ?? text
  ).trim();
  const sentence = /^(.*?[.!?])(?:\s|$)/s.exec(description)?.[1] ?? description;
  return sentence.replace(/\s+/g, " ").slice(0, 220);
}
