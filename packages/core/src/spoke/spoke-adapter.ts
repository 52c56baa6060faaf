import type { PublishedHold, WebhookView } from "../model/external-state.ts";
import type { SlackView, TeamsView } from "../model/facets.ts";
import type { SlackHold, TeamsHold } from "../model/hold.ts";
import type { OutlookView } from "../model/schedule.ts";
import type { Spoke } from "../model/vocabulary.ts";
import type { SlackWriteOp, TeamsWriteOp } from "../sync/write-plan.ts";
import type { EntraPerson, SlackPerson, SpokeIdentity, WebhookPerson } from "./spoke-identity.ts";
import type { SpokeLimits } from "./spoke-limits.ts";
import type { SpokeObserve } from "./spoke-observe.ts";
import type { HeldUntilRule, SpokeEcho, SpokeWrite, SpokeWriteOpShape } from "./spoke-write.ts";
import type { WebhookWriteOp } from "./webhook-spoke.ts";

/*
 * The adapter contract: what a spoke provides to the hub, with no I/O of its own here. Every spoke
 * names people and lists them (identity), turns its input into observations (observe) and has
 * budgets (limits). A spoke the bridge writes adds typed writes, the echoes they cause and until
 * when a written hold lasts (the webhook spoke's writes are deliveries of the published state to one
 * connected system); a read-only spoke (Outlook) has none of those.
 * `@presence/spoke-contract` checks an adapter against its emulator.
 */

/** The sections of every spoke. */
export interface ObservingSpokeAdapter<Person, View> {
  spoke: Spoke;
  identity: SpokeIdentity<Person>;
  observe: SpokeObserve<Person, View>;
  limits: SpokeLimits;
}

/** A spoke the bridge writes: typed ops, their echoes, and hold refresh. */
export interface WritingSpokeAdapter<
  Person,
  View,
  Hold,
  Op extends SpokeWriteOpShape,
> extends ObservingSpokeAdapter<Person, View> {
  write: SpokeWrite<Person, Hold, Op>;
  echo: SpokeEcho<View, Hold, Op>;
  heldUntil: HeldUntilRule<Hold>;
}

/** Either kind; `isWritingSpoke` tells them apart. */
export type SpokeAdapter<Person, View, Hold = never, Op extends SpokeWriteOpShape = never> =
  ObservingSpokeAdapter<Person, View> | WritingSpokeAdapter<Person, View, Hold, Op>;

export function isWritingSpoke<Person, View, Hold, Op extends SpokeWriteOpShape>(
  adapter: SpokeAdapter<Person, View, Hold, Op>,
): adapter is WritingSpokeAdapter<Person, View, Hold, Op> {
  return "write" in adapter;
}

export type SlackAdapter = WritingSpokeAdapter<SlackPerson, SlackView, SlackHold, SlackWriteOp>;
export type TeamsAdapter = WritingSpokeAdapter<EntraPerson, TeamsView, TeamsHold, TeamsWriteOp>;
export type OutlookAdapter = ObservingSpokeAdapter<EntraPerson, OutlookView>;
/** One connected system: people by e-mail, its reports in, the person's published state delivered out. */
export type WebhookAdapter = WritingSpokeAdapter<WebhookPerson, WebhookView, PublishedHold, WebhookWriteOp>;
