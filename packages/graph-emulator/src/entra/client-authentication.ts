import { timingSafeEqual } from "node:crypto";
import { decodeProtectedHeader, errors, jwtVerify } from "jose";
import type { AppRegistration, Directory, Tenant } from "../directory/directory.ts";
import { EntraError } from "./entra-errors.ts";

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

export interface ClientCredentials {
  clientId?: string;
  clientSecret?: string;
  clientAssertionType?: string;
  clientAssertion?: string;
}

/** `client_secret_post` fields, or HTTP Basic (RFC 6749 §2.3.1, accepted by Entra — reference §6.1). */
export function readClientCredentials(
  form: Record<string, string | undefined>,
  authorization: string | undefined,
): ClientCredentials {
  const credentials: ClientCredentials = {
    clientId: form.client_id,
    clientSecret: form.client_secret,
    clientAssertionType: form.client_assertion_type,
    clientAssertion: form.client_assertion,
  };
  if (authorization?.startsWith("Basic ")) {
    const decoded = Buffer.from(authorization.slice(6), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0) {
      credentials.clientId ??= decodeURIComponent(decoded.slice(0, colon));
      credentials.clientSecret ??= decodeURIComponent(decoded.slice(colon + 1));
    }
  }
  return credentials;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Finds the app in the tenant; the caller decides whether a credential is needed. */
export function findApp(directory: Directory, tenant: Tenant, clientId: string | undefined): AppRegistration {
  if (!clientId)
    throw new EntraError(
      "invalid_request",
      900144,
      "The request body must contain the following parameter: 'client_id'.",
    );
  const app = directory.app(clientId);
  if (!app || app.tenantId !== tenant.id) {
    throw new EntraError(
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant.domain}'. This can happen if the application has not been installed by the administrator of the tenant.`,
    );
  }
  return app;
}

/**
 * Authenticates a confidential client by secret or by a certificate-signed client assertion (RFC 7523, reference
 * §6.1): signature by one of the app's certificates (msal names it by `x5t` or `x5t#S256`; RS256 or PS256), `aud` =
 * this token endpoint, `iss` = `sub` = client id, and `exp` in the future.
 */
export async function authenticateClient(
  app: AppRegistration,
  credentials: ClientCredentials,
  tokenEndpoints: string[],
): Promise<void> {
  if (credentials.clientAssertion !== undefined) {
    if (credentials.clientAssertionType !== JWT_BEARER) {
      throw new EntraError(
        "invalid_request",
        50027,
        `Invalid client_assertion_type '${credentials.clientAssertionType ?? ""}'.`,
      );
    }
    await verifyAssertion(app, credentials.clientAssertion, tokenEndpoints);
    return;
  }
  if (credentials.clientSecret !== undefined) {
    if (!app.clientSecrets.some((s) => sameSecret(s, credentials.clientSecret ?? ""))) {
      throw new EntraError(
        "invalid_client",
        7000215,
        "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '" +
          app.clientId +
          "'.",
        401,
      );
    }
    return;
  }
  throw new EntraError(
    "invalid_client",
    7000218,
    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    401,
  );
}

async function verifyAssertion(
  app: AppRegistration,
  assertion: string,
  tokenEndpoints: string[],
): Promise<void> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    throw new EntraError("invalid_client", 50027, "JWT token is invalid or malformed.", 401);
  }
  const x5tS256 = header["x5t#S256"];
  const named = app.certificates.filter((c) => c.x5t === header.x5t || c.x5tS256 === x5tS256);
  const candidates = header.x5t === undefined && x5tS256 === undefined ? app.certificates : named;
  if (candidates.length === 0) {
    throw new EntraError(
      "invalid_client",
      700027,
      `Client assertion failed signature validation. The key was not found: no certificate of app '${app.clientId}' matches the assertion's thumbprint.`,
      401,
    );
  }
  let lastError: unknown;
  for (const certificate of candidates) {
    try {
      await jwtVerify(assertion, certificate.publicKey, {
        algorithms: ["RS256", "PS256"],
        audience: tokenEndpoints,
        issuer: app.clientId,
        subject: app.clientId,
        requiredClaims: ["exp", "aud", "iss", "sub"],
        // Entra tolerates clock skew; msal rounds its timestamps to the nearest second.
        clockTolerance: 300,
      });
      return;
    } catch (error) {
      lastError = error;
    }
  }
  if (lastError instanceof errors.JWTExpired)
    throw new EntraError(
      "invalid_client",
      700024,
      "Client assertion is not within its valid time range.",
      401,
    );
  if (lastError instanceof errors.JWTClaimValidationFailed) {
    throw new EntraError(
      "invalid_client",
      700021,
      `Client assertion claim '${lastError.claim}' is invalid: ${lastError.reason}.`,
      401,
    );
  }
  throw new EntraError("invalid_client", 700027, "Client assertion failed signature validation.", 401);
}
