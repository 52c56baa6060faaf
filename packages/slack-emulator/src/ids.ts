import { randomBytes, randomUUID } from "node:crypto";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

function randomChars(length: number, alphabet: string): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

function randomDigits(length: number): string {
  return randomChars(length, "0123456789").replace(/^0/, "1");
}

/** Slack-shaped identifiers: a type letter and upper-case alphanumerics (the spec's `defs_*` patterns). */
export const newId = {
  team: (): string => `T${randomChars(10, ALPHANUMERIC)}`,
  enterprise: (): string => `E${randomChars(10, ALPHANUMERIC)}`,
  user: (enterprise: boolean): string => `${enterprise ? "W" : "U"}${randomChars(10, ALPHANUMERIC)}`,
  bot: (): string => `B${randomChars(10, ALPHANUMERIC)}`,
  app: (): string => `A${randomChars(10, ALPHANUMERIC)}`,
  event: (): string => `Ev${randomChars(10, ALPHANUMERIC)}`,
  view: (): string => `V${randomChars(10, ALPHANUMERIC)}`,
  dm: (): string => `D${randomChars(10, ALPHANUMERIC)}`,
  call: (): string => `R${randomChars(10, ALPHANUMERIC)}`,
  envelope: (): string => randomUUID(),
  requestId: (): string => randomChars(12, ALPHANUMERIC).toLowerCase(),
  secret: (): string => randomBytes(16).toString("hex"),
  clientId: (): string => `${randomDigits(12)}.${randomDigits(13)}`,
  oauthCode: (): string => `${randomDigits(12)}.${randomDigits(13)}.${randomBytes(32).toString("hex")}`,
  verificationToken: (): string =>
    randomChars(24, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
  avatarHash: (): string => randomBytes(6).toString("hex"),
};

const tokenBody = (): string =>
  randomChars(24, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

/** Token strings in Slack's formats; rotating tokens carry the `xoxe.` prefix. */
export const newToken = {
  bot: (rotating: boolean): string =>
    `${rotating ? "xoxe.xoxb-1-" : "xoxb-"}${randomDigits(12)}-${randomDigits(13)}-${tokenBody()}`,
  user: (rotating: boolean): string =>
    `${rotating ? "xoxe.xoxp-1-" : "xoxp-"}${randomDigits(12)}-${randomDigits(12)}-${randomDigits(13)}-${randomBytes(16).toString("hex")}`,
  app: (appId: string): string => `xapp-1-${appId}-${randomDigits(13)}-${randomBytes(32).toString("hex")}`,
  refresh: (): string => `xoxe-1-${randomBytes(48).toString("base64url")}`,
};
