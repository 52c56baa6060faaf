import type { Directory } from "./directory/directory.ts";
import type { GrantStore } from "./entra/grant-store.ts";
import type { SigningKeys } from "./entra/signing-keys.ts";
import type { TokenIssuer } from "./entra/token-issuer.ts";
import type { FaultInjector } from "./faults.ts";
import type { ConcurrencyLimit } from "./graph/concurrency-limit.ts";
import type { CalendarStore } from "./outlook/calendar-store.ts";
import type { EmulatorConfig } from "./options.ts";
import type { PresenceStore } from "./presence/presence-store.ts";
import type { RequestLog } from "./request-log.ts";
import type { Throttle } from "./graph/throttle.ts";
import type { SubscriptionService } from "./subscriptions/subscription-service.ts";

/** Everything the HTTP surfaces and the control API share. */
export interface EmulatorCore {
  config: EmulatorConfig;
  directory: Directory;
  grants: GrantStore;
  keys: SigningKeys;
  issuer: TokenIssuer;
  presence: PresenceStore;
  /** Calendars and mailbox settings (Outlook), feeding presence. */
  calendars: CalendarStore;
  subscriptions: SubscriptionService;
  faults: FaultInjector;
  throttle: Throttle;
  /** Outlook service limits per app per mailbox: request budget and requests in flight. */
  outlookThrottle: Throttle;
  outlookConcurrency: ConcurrencyLimit;
  log: RequestLog;
  /** `https://host:port` for every name the certificate covers, e.g. 127.0.0.1 and localhost. */
  origins(): string[];
}

/** Graph resource identifiers accepted as `aud` and in `<resource>/.default` (lower-case, no trailing slash). */
export function graphResources(core: EmulatorCore): Set<string> {
  return new Set(core.origins().map((o) => o.toLowerCase()));
}
