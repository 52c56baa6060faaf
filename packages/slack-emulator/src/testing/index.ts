export { startEventReceiver } from "./event-receiver.ts";
export type { EventReceiver, ReceivedRequest, ReceiverReply } from "./event-receiver.ts";
export {
  BRIDGE_BOT_EVENTS,
  BRIDGE_BOT_SCOPES,
  BRIDGE_USER_EVENTS,
  BRIDGE_USER_SCOPES,
  seedWorkspace,
} from "./seed.ts";
export type { SeedOptions, SeededWorkspace } from "./seed.ts";
