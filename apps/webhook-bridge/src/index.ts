export * from "./contract/inbound-report.ts";
export * from "./contract/outbound-event.ts";
export * from "./contract/signature.ts";
export * from "./create-webhook-bridge.ts";
export * from "./env.ts";
export { WEBHOOK_DELIVER_TASK } from "./write/enqueue-delivery.ts";
