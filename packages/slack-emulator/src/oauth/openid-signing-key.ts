import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from "jose";
import type { GenerateKeyPairResult, JWK, JWTPayload } from "jose";

interface KeyPair {
  privateKey: GenerateKeyPairResult["privateKey"];
  publicJwk: JWK & { kid: string };
}

/**
 * The RS256 key Slack signs id_tokens with, published at /openid/connect/keys. Generated on first use
 * (about 100 ms) and shared by every emulator in the process, as one Slack has one key for every app.
 */
export class OpenIdSigningKey {
  static #shared: OpenIdSigningKey | undefined;
  #pair: Promise<KeyPair> | undefined;

  static shared(): OpenIdSigningKey {
    OpenIdSigningKey.#shared ??= new OpenIdSigningKey();
    return OpenIdSigningKey.#shared;
  }

  #load(): Promise<KeyPair> {
    this.#pair ??= (async () => {
      const { privateKey, publicKey } = await generateKeyPair("RS256");
      const jwk = await exportJWK(publicKey);
      const kid = await calculateJwkThumbprint(jwk);
      return { privateKey, publicJwk: { ...jwk, kid, alg: "RS256", use: "sig" } };
    })();
    return this.#pair;
  }

  /** The JSON Web Key Set a verifier fetches (`jwks_uri`). */
  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: [(await this.#load()).publicJwk] };
  }

  async sign(payload: JWTPayload): Promise<string> {
    const { privateKey, publicJwk } = await this.#load();
    return new SignJWT(payload)
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: publicJwk.kid })
      .sign(privateKey);
  }
}
