import { z } from "zod";

import type { SlackView, TeamsView } from "../model/facets.ts";
import type { SlackHold, TeamsHold } from "../model/hold.ts";
import type { PublishedHold, WebhookView } from "../model/external-state.ts";
import type { OutlookView } from "../model/schedule.ts";
import type { Side, Spoke } from "../model/vocabulary.ts";
import type { BridgeSettings, Direction, LinkPolicy } from "../policy/policy.ts";
import type { RuleSet } from "../rules/rule-set.ts";

export const LINK_STATUSES = ["active", "paused", "needs_reauth", "disabled"] as const;
export const ZLinkStatus = z.enum(LINK_STATUSES);
export type LinkStatus = z.infer<typeof ZLinkStatus>;

/** What the store knows about one side of a link. */
export interface SideRecord<View, Hold> {
  /** Last observed state, facet by facet. */
  view: View;
  /** Source version of each facet's last observation. */
  versions: Record<string, string>;
  /** What the bridge wants to hold on this side. */
  hold: Hold;
  /** What the bridge last wrote successfully on this side. */
  written: Hold;
  /**
   * Values being written: recorded before each call and removed once its outcome is known, so a
   * write whose worker died mid-call still counts as the bridge's and is performed again.
   */
  attempted: Hold;
}

export interface LinkSnapshot {
  id: string;
  status: LinkStatus;
  /** A paused link resumes by itself at this time (epoch ms); null = until resumed. */
  pausedUntil: number | null;
  direction: Direction;
  policy: LinkPolicy;
  slack: SideRecord<SlackView, SlackHold>;
  teams: SideRecord<TeamsView, TeamsHold>;
  /** The Outlook spoke: read only (the bridge never writes a calendar), so a view and versions alone. */
  outlook: ObservedRecord<OutlookView>;
  /** The webhook spoke: what connected systems report, and the person's state last decided to send them. */
  webhook: WebhookRecord;
}

/** The webhook spoke's record: systems' reports (by connection) and the published state. */
export type WebhookRecord = ObservedRecord<WebhookView> & { hold: PublishedHold };

/** What the store knows about a spoke the bridge only reads. */
export interface ObservedRecord<View> {
  view: View;
  versions: Record<string, string>;
}

/** One normalised input from a side: some facets, with the source's version and time. */
export type Observation = {
  /** Source version (Slack event_ts, Graph sequenceNumber); "" when the source has none (polls). */
  version: string;
  observedAt: number;
} & (
  | { side: "slack"; facets: SlackView }
  | { side: "teams"; facets: TeamsView }
  | { side: "outlook"; facets: OutlookView }
  | { side: "webhook"; facets: WebhookView }
);

/** An observation of a side the bridge mirrors (and writes). */
export type SideObservation = Extract<Observation, { side: Side }>;

/** A pending write expectation: the fingerprint a side will report after a bridge write. */
export interface PendingExpectation {
  side: Spoke;
  facet: string;
  fingerprint: string;
  expiresAt: number;
}

/** Closed set of sync event kinds recorded in the audit trail ("why did my status change?"). */
export const SYNC_EVENT_KINDS = [
  "mirrored",
  "no_change",
  "echo_dropped",
  "stale_dropped",
  "duplicate_dropped",
  "conflict_resolved",
  "manual_kept",
  "ownership_released",
  "paused",
  "direction_off",
  "flap_paused",
  "written",
  "rate_limited",
  "failed",
  "needs_reauth",
  "unknown_person",
  "link_created",
  "link_removed",
  "link_updated",
  /** Someone signed in to the admin UI or the self-service page. */
  "signed_in",
  /** An admin changed something that is not one person's link (rules, settings, allow-list, bulk runs). */
  "admin_action",
] as const;
export const ZSyncEventKind = z.enum(SYNC_EVENT_KINDS);
export type SyncEventKind = z.infer<typeof ZSyncEventKind>;

export interface SyncEventDraft {
  kind: SyncEventKind;
  side: Spoke | null;
  message: string;
  detail: Record<string, unknown>;
}

/** Everything the pure decision needs; the pipeline loads it in a transaction. */
export interface DecideInput {
  link: LinkSnapshot;
  observation: Observation;
  /** Unexpired expectations for this link. */
  expectations: readonly PendingExpectation[];
  rules: RuleSet;
  settings: BridgeSettings;
  now: number;
  /** Writes recorded for this link within the flap window. */
  recentWrites: number;
}

export interface Decision {
  /** The updated record of the observed side (view, versions, and a hold/written whose ownership was lost). */
  slack: SideRecord<SlackView, SlackHold>;
  teams: SideRecord<TeamsView, TeamsHold>;
  outlook: ObservedRecord<OutlookView>;
  webhook: WebhookRecord;
  /** The person's published state changed: the webhook spoke sends it to connected systems. */
  publish: boolean;
  /** Sides whose hold changed and need a write job. */
  writes: Side[];
  /** Set when the flap breaker trips: the link must be paused. */
  pause: { reason: string } | null;
  events: SyncEventDraft[];
}

/** A side record with nothing observed, held or written yet. */
export function emptySideRecord<View extends object, Hold extends object>(): SideRecord<View, Hold> {
  return { view: {} as View, versions: {}, hold: {} as Hold, written: {} as Hold, attempted: {} as Hold };
}
