import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";
import { EmulatorError } from "../emulator-error.ts";
import type { SlackWorld } from "./world.ts";

// A low scrypt cost: these are test passwords, and a sign-in should stay instant.
const hashOf = (password: string, salt: Buffer): Buffer => scryptSync(password, salt, 32, { N: 1024 });

/** Sets (or with null removes) the password a person types on the sign-in page; bots never sign in. */
export function setPassword(world: SlackWorld, userId: string, password: string | null): void {
  const user = world.user(userId);
  if (password === null) {
    world.passwords.delete(user.id);
    return;
  }
  if (user.isBot) throw new EmulatorError("bot users cannot sign in, so they have no password");
  const salt = randomBytes(16);
  world.passwords.set(user.id, { salt, hash: hashOf(password, salt) });
}

export function hasPassword(world: SlackWorld, userId: string): boolean {
  return world.passwords.has(userId);
}

/** Whether `password` opens the person's account: always true for someone without a password. */
export function passwordMatches(world: SlackWorld, userId: string, password: string): boolean {
  const stored = world.passwords.get(userId);
  return stored === undefined || timingSafeEqual(hashOf(password, stored.salt), stored.hash);
}
