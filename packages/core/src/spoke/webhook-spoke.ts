import { BridgeError } from "../errors.ts";
import {
  externalStateFingerprint,
  type ExternalState,
  type PublishedHold,
  type PublishedState,
  type WebhookView,
} from "../model/external-state.ts";
import { compareVersions } from "../model/versions.ts";
import { samePublished } from "../sync/published-state.ts";
import type { Observation } from "../sync/types.ts";
import type { PlannedWrite, PlanOptions, WriteState } from "../sync/write-plan.ts";
import { linkingKey, type LinkedIds, type WebhookPerson } from "./spoke-identity.ts";
import type { SpokeObservation } from "./spoke-observe.ts";
import type { SpokeEcho, SpokeWrite } from "./spoke-write.ts";

/*
 * The pure parts of the webhook adapter, one per connected system: people are named by e-mail, a
 * system's facet of the webhook view is its connection id, and the one thing written is the person's
 * published state (a delivery); releasing it sends "not shared" (null). The webhook bridge adds its
 * I/O (signed deliveries, signed reports in).
 */

/** A delivery: the published state sent to the system, or "not shared" (null) once released. */
export type WebhookWriteOp =
  | { side: "webhook"; facet: "state"; action: "set"; value: PublishedState }
  | { side: "webhook"; facet: "state"; action: "clear" };

/** The person a link names for the system: its connection and the link's e-mail (the linking key). */
export function webhookPersonOf(connectionId: string): (link: LinkedIds) => WebhookPerson {
  return (link) => {
    const email = linkingKey(link.email);
    if (!email)
      throw new BridgeError("not_found", "The link has no e-mail: a connected system cannot name them");
    return { connectionId, email };
  };
}

export function webhookPersonKey(person: WebhookPerson): string {
  return `webhook:${person.connectionId}:${person.email.toLowerCase()}`;
}

/** A report's version is its occurredAt as 15 digits (plain string order). */
export function compareWebhookVersions(a: string, b: string): number {
  return compareVersions("webhook", a, b);
}

export function webhookObservation(inbound: SpokeObservation<WebhookPerson, WebhookView>): Observation {
  return {
    side: "webhook",
    facets: inbound.facets,
    version: inbound.version,
    observedAt: inbound.observedAt,
  };
}

/** What a system reporting a sent state back would report, as loop protection fingerprints it. */
export function publishedStateFingerprint(state: PublishedState | null): string {
  // A published activity is the hub's canonical one; the fingerprint only joins availability and activity.
  return externalStateFingerprint(
    state && { availability: state.availability, activity: state.activity as ExternalState["activity"] },
  );
}

/** The delivery that brings the system in line with the published state (none while nothing is published). */
export function webhookWritePlan(
  connectionId: string,
): Pick<SpokeWrite<WebhookPerson, PublishedHold, WebhookWriteOp>, "facets" | "plan"> {
  return {
    facets: ["state"],
    plan(current: WriteState<PublishedHold>, options: PlanOptions = {}): PlannedWrite<WebhookWriteOp>[] {
      const state = current.hold.state;
      if (state === undefined) return [];
      const sent =
        current.written.state !== undefined &&
        samePublished(current.written.state, state) &&
        current.attempted.state === undefined;
      if (sent && !options.refresh?.includes("state")) return [];
      const op: WebhookWriteOp =
        state === null
          ? { side: "webhook", facet: "state", action: "clear" }
          : { side: "webhook", facet: "state", action: "set", value: state };
      return [{ op, expectations: [{ facet: connectionId, fingerprint: publishedStateFingerprint(state) }] }];
    },
  };
}

/** A system's echo: its facet (the connection) reporting what it was sent. */
export function webhookEcho(connectionId: string): SpokeEcho<WebhookView, PublishedHold, WebhookWriteOp> {
  return {
    expected: (op) => [
      { facet: connectionId, fingerprint: publishedStateFingerprint(op.action === "set" ? op.value : null) },
    ],
    fingerprints: (view) =>
      Object.fromEntries(Object.entries(view).map(([id, state]) => [id, externalStateFingerprint(state)])),
  };
}
