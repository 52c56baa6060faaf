import { createServer } from "node:net";

/*
 * Ports are picked below Linux's ephemeral range (32768–60999): servers that listen on port 0 and
 * outgoing connections get their ports from that range, so they can never take a port handed out here
 * between this check and the caller's listen (tests start many emulators and apps at once).
 */
const LOW = 20_000;
const HIGH = 32_000;
const TRIES = 100;

/** A TCP port free on 127.0.0.1 right now (for a server whose URL must be known before it listens). */
export async function freePort(): Promise<number> {
  for (let i = 0; i < TRIES; i += 1) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port between ${LOW} and ${HIGH} after ${TRIES} tries`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
