import { exportJWK, generateKeyPair, type JWK, type CryptoKey } from "jose";
import { newGuid } from "../ids.ts";

export interface SigningKeys {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The JWKS document served at `/{tenant}/discovery/v2.0/keys`. */
  jwks: { keys: JWK[] };
}

/** A fresh RS256 key pair per emulator run; tokens from one run are never valid in another. */
export async function generateSigningKeys(): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = newGuid().replace(/-/g, "");
  const jwk = await exportJWK(publicKey);
  return {
    kid,
    privateKey,
    publicKey,
    jwks: { keys: [{ ...jwk, kid, use: "sig", alg: "RS256", kty: "RSA" }] },
  };
}
