// Preloaded into the Prisma CLI by migrate-database.ts. Prisma 6.19's WebAssembly schema engine
// leaves a 10-second timer running after `migrate deploy` has finished, which keeps the process
// alive for 10 s. Unref'ing long timers lets the CLI exit as soon as its real work (open sockets)
// is done; nothing else changes. See docs/adr/0002-prisma-offline.md.
const originalSetTimeout = global.setTimeout;
global.setTimeout = function setTimeoutUnrefLong(callback, ms, ...args) {
  const timer = originalSetTimeout(callback, ms, ...args);
  if (typeof ms === "number" && ms >= 5000 && timer && typeof timer.unref === "function") timer.unref();
  return timer;
};
