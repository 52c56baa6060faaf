export {
  ControlError,
  type CalendarEventView,
  GraphEmulatorControl,
  type AppView,
  type GroupView,
  type UserView,
} from "./control/control-api.ts";
export {
  GROUP_MEMBERSHIP_CLAIMS,
  type AppRegistration,
  type DirectoryGroup,
  type DirectoryUser,
  type GroupMembershipClaims,
  type Tenant,
} from "./directory/directory.ts";
export { JWT_GROUPS_LIMIT } from "./entra/group-claims.ts";
export { FAULT_TARGETS, type ActiveFault, type FaultSpec, type FaultTarget } from "./faults.ts";
export { resolveOptions, type EmulatorConfig, type GraphEmulatorOptions } from "./options.ts";
export type { PresenceSnapshot, SessionView } from "./presence/presence-store.ts";
export {
  ACTIVITIES,
  AVAILABILITIES,
  PREFERRED_PRESENCE_PAIRS,
  SET_PRESENCE_PAIRS,
  type Activity,
  type Availability,
  type PresencePair,
} from "./presence/vocabulary.ts";
export type { RequestLogEntry } from "./request-log.ts";
export * from "./schemas/entra-schemas.ts";
export * from "./schemas/group-schemas.ts";
export * from "./schemas/outlook-schemas.ts";
export {
  AUTOMATIC_REPLIES_STATUSES,
  EXTERNAL_AUDIENCES,
  type AutomaticRepliesStatus,
  type ExternalAudience,
} from "./outlook/automatic-replies.ts";
export { SENSITIVITIES, SHOW_AS, type Sensitivity, type ShowAs } from "./outlook/calendar-event.ts";
export * from "./schemas/presence-schemas.ts";
export * from "./schemas/subscription-schemas.ts";
export * from "./schemas/user-schemas.ts";
export { startGraphEmulator, type GraphEmulator } from "./server.ts";
export type { DeliveryRecord } from "./subscriptions/delivery-log.ts";
export type { PresenceSubscription, Subscription } from "./subscriptions/subscription-service.ts";
export { generateServerCertificate, type ServerCertificate } from "./tls/server-certificate.ts";
