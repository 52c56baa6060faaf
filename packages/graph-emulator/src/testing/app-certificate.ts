import { createHash, X509Certificate } from "node:crypto";
import { generate } from "selfsigned";

export interface AppCertificateMaterial {
  certPem: string;
  privateKeyPem: string;
  /** Hex thumbprints as msal's `clientCertificate.thumbprint` / `thumbprintSha256` take them. */
  thumbprintSha1: string;
  thumbprintSha256: string;
}

/** A certificate an app registration would hold for client assertions (uploaded public part, private key at the app). */
export async function generateAppCertificate(): Promise<AppCertificateMaterial> {
  const pems = await generate([{ name: "commonName", value: "presence-bridge app" }], {
    keySize: 2048,
    algorithm: "sha256",
  });
  const raw = new X509Certificate(pems.cert).raw;
  return {
    certPem: pems.cert,
    privateKeyPem: pems.private,
    thumbprintSha1: createHash("sha1").update(raw).digest("hex").toUpperCase(),
    thumbprintSha256: createHash("sha256").update(raw).digest("hex").toUpperCase(),
  };
}
