import type {
  LinkedIds,
  ObservingSpokeAdapter,
  SpokeObservation,
  SpokeWriteOpShape,
  WritingSpokeAdapter,
} from "@presence/core";

/*
 * What an adapter's contract test provides: the adapter wired to its emulator over real sockets, one
 * person of the emulator, and the emulator-side moves the suite needs (a person's own change, a
 * budget spent, a token revoked). A read-only spoke leaves out `write` and `holds`.
 */

/** The person the suite works with. */
export interface HarnessPerson<Person> {
  person: Person;
  /** The ids of a link naming the person (the other spoke's ids may be made up). */
  link: LinkedIds;
  /** Their e-mail address as the spoke's directory has it (any case). */
  email: string;
}

export interface ObserveHarness<Person, View> {
  /**
   * Makes change `n` (1, 2, …) on the emulator as the person would, and lets the spoke's inbound
   * path carry it (a spoke that pushes sends events; for a polled spoke, the harness runs a read).
   */
  change(person: Person, n: number): Promise<void>;
  /** Whether an observed view shows change `n`. */
  shows(view: View, n: number): boolean;
}

/** One write case: the hold to write (at time `now`), starting from what the previous case wrote. */
export interface WriteCase<Hold> {
  name: string;
  hold(now: number): Hold;
}

export interface WriteHarness<Person, Hold> {
  /** Asserts the emulator shows what the bridge holds (throws when it does not). */
  expectShown(person: Person, hold: Hold): Promise<void>;
  /** Waits until the spoke has reported the last writes back (events delivered, or a read made). */
  reportBack(person: Person): Promise<void>;
  /** How long expectations live (the echo TTL setting). */
  echoTtlMs: number;
}

export interface LimitsHarness<Op> {
  /** Makes the emulator refuse the next call with a 429 (its fault injection, or its rate limits). */
  exhaust(): Promise<void>;
  /** Lets calls through again (faults cleared, Retry-After passed). */
  restore(): Promise<void>;
  /** A writing spoke's call that meets the limit. */
  op?: Op;
  /** Revokes the person's token on the emulator; absent when the spoke's calls use no token of theirs. */
  revoke?: () => Promise<void>;
}

/** A hold with an expiry, and when the spoke would drop it if it were not written again. */
export interface HoldCase<Hold> {
  name: string;
  hold(writtenAt: number): Hold;
  dropsAt(writtenAt: number): number;
}

interface BaseHarness<Person, View> {
  person: HarnessPerson<Person>;
  /** The observations the adapter's inbound paths handed to the hub since the last call, in order. */
  observations(): Promise<SpokeObservation<Person, View>[]>;
  observe: ObserveHarness<Person, View>;
  close(): Promise<void>;
}

export interface ReadOnlySpokeHarness<Person, View> extends BaseHarness<Person, View> {
  adapter: ObservingSpokeAdapter<Person, View>;
  limits: LimitsHarness<never>;
}

export interface WritingSpokeHarness<Person, View, Hold, Op extends SpokeWriteOpShape> extends BaseHarness<
  Person,
  View
> {
  adapter: WritingSpokeAdapter<Person, View, Hold, Op>;
  write: WriteHarness<Person, Hold>;
  limits: LimitsHarness<Op>;
}

export type SpokeHarness<Person, View, Hold = never, Op extends SpokeWriteOpShape = never> =
  ReadOnlySpokeHarness<Person, View> | WritingSpokeHarness<Person, View, Hold, Op>;

/** What the suite is told when it is declared (test names come from it), and how to start the harness. */
export interface SpokeContract<Harness, Hold = never> {
  /** e.g. "the Slack adapter against the Slack emulator". */
  name: string;
  start(): Promise<Harness>;
  /** A writing spoke's cases, written in order: between them every facet is set and released. */
  writeCases?: readonly WriteCase<Hold>[];
  /** A writing spoke's holds that lapse by themselves. */
  holds?: readonly HoldCase<Hold>[];
}
