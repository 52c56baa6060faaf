import { createHash, createPrivateKey, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";

import { BridgeError } from "@presence/core";

/** How the app proves itself to Entra: a client secret, or a certificate (client assertion). */
export type AppCredential =
  | { clientSecret: string }
  | { clientCertificate: { thumbprintSha256: string; privateKey: string; x5c: string } };

/**
 * Reads the app's credential: AZURE_CLIENT_SECRET, or the PEM file at AZURE_CLIENT_CERTIFICATE_PATH
 * holding the certificate (uploaded to the app registration) and its private key. msal signs client
 * assertions with the key and names the certificate by its SHA-256 thumbprint (x5t#S256) and chain (x5c).
 */
export function readAppCredential(input: { secret?: string; certificatePath?: string }): AppCredential {
  if (input.certificatePath) return certificateCredential(readPem(input.certificatePath));
  if (input.secret) return { clientSecret: input.secret };
  throw new BridgeError(
    "config",
    "Invalid configuration:\n  AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH: one is required",
  );
}

function readPem(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new BridgeError("config", `AZURE_CLIENT_CERTIFICATE_PATH: cannot read ${path}`, { cause: error });
  }
}

/** The credential msal needs from a PEM bundle (certificate + private key, in any order). */
export function certificateCredential(pem: string): AppCredential {
  const certificates = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const key = pem.match(
    /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END [A-Z ]*PRIVATE KEY-----/,
  );
  const first = certificates[0];
  if (!first || !key) {
    throw new BridgeError(
      "config",
      "AZURE_CLIENT_CERTIFICATE_PATH must hold a PEM certificate and its unencrypted private key",
    );
  }
  try {
    const certificate = new X509Certificate(first);
    if (!certificate.checkPrivateKey(createPrivateKey(key[0]))) throw new Error("key does not match");
    return {
      clientCertificate: {
        thumbprintSha256: createHash("sha256").update(certificate.raw).digest("hex").toUpperCase(),
        privateKey: key[0],
        x5c: certificates.join("\n"),
      },
    };
  } catch (error) {
    throw new BridgeError(
      "config",
      "AZURE_CLIENT_CERTIFICATE_PATH: the certificate or its private key is invalid, or they do not match",
      { cause: error },
    );
  }
}
