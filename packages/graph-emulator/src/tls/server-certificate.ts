import { X509Certificate } from "node:crypto";
import { isIP } from "node:net";
import { generate } from "selfsigned";

export interface ServerCertificate {
  /** PEM certificate; clients trust it as their CA (it is self-signed). */
  cert: string;
  /** PEM private key (PKCS#8). */
  key: string;
}

/**
 * A fresh self-signed certificate for the emulator's HTTPS listener, valid for one day, with SANs `localhost`,
 * `127.0.0.1`, `::1` and any extra host names (docker service names for the demo). Generated at start-up, never
 * stored: each emulator run has its own trust anchor.
 */
export async function generateServerCertificate(extraHostnames: string[] = []): Promise<ServerCertificate> {
  const names = [...new Set(["localhost", "127.0.0.1", "::1", ...extraHostnames])];
  const altNames = names.map((name) =>
    isIP(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name },
  );
  const now = Date.now();
  const pems = await generate([{ name: "commonName", value: "presence-bridge graph-emulator" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 24 * 3600_000),
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames },
    ],
  });
  // Fail early if the library ever produced something Node cannot parse.
  new X509Certificate(pems.cert);
  return { cert: pems.cert, key: pems.private };
}
