import type { PublishedState } from "../model/external-state.ts";
import type { SlackHold, TeamsHold } from "../model/hold.ts";
import type { Side } from "../model/vocabulary.ts";
import {
  defaultSettings,
  effectivePolicy,
  type BridgeSettings,
  type LinkPolicyOverrides,
} from "../policy/policy.ts";
import type { RuleSet } from "../rules/rule-set.ts";
import { decide, reconsider } from "../sync/decide.ts";
import type { Decision } from "../sync/types.ts";
import {
  emptySideRecord,
  type LinkSnapshot,
  type Observation,
  type PendingExpectation,
  type SyncEventDraft,
} from "../sync/types.ts";
import {
  planSlackWrites,
  planTeamsWrites,
  recordAttempt,
  recordOutcome,
  type WriteOp,
  type WriteState,
} from "../sync/write-plan.ts";

/**
 * The pipeline's bookkeeping in memory (for unit and property tests of the core): the link's
 * records, pending expectations, the audit trail and which sides await a write. The Postgres
 * pipeline does the same with rows and jobs.
 */
export class MemoryBridge {
  link: LinkSnapshot;
  expectations: PendingExpectation[] = [];
  events: (SyncEventDraft & { at: number })[] = [];
  pendingWrites = new Set<Side>();
  writeTimes: number[] = [];
  /** Every state the webhook spoke was told to send out, in order. */
  published: (PublishedState | null)[] = [];
  readonly rules: RuleSet;
  readonly settings: BridgeSettings;

  constructor(options: {
    rules: RuleSet;
    settings?: BridgeSettings;
    policy?: LinkPolicyOverrides;
    link?: Partial<LinkSnapshot>;
  }) {
    this.rules = options.rules;
    this.settings = options.settings ?? defaultSettings();
    this.link = {
      id: "link-1",
      status: "active",
      pausedUntil: null,
      direction: "both",
      policy: effectivePolicy(this.settings, options.policy ?? {}),
      slack: emptySideRecord(),
      teams: emptySideRecord(),
      outlook: { view: {}, versions: {} },
      webhook: { view: {}, versions: {}, hold: {} },
      ...options.link,
    };
  }

  /** Re-decides without an observation, as the reconsider job does (e.g. when a system's state ends). */
  reconsider(now: number, reason: string): Decision {
    this.expectations = this.expectations.filter((e) => e.expiresAt > now);
    const windowStart = now - this.settings.flapWindowSeconds * 1000;
    const decision = reconsider(
      {
        link: this.link,
        expectations: this.expectations,
        rules: this.rules,
        settings: this.settings,
        now,
        recentWrites: this.writeTimes.filter((t) => t >= windowStart).length,
      },
      reason,
    );
    this.take(decision, now);
    return decision;
  }

  /** Takes one observation in, as the observe job does. */
  observe(observation: Observation, now: number) {
    this.expectations = this.expectations.filter((e) => e.expiresAt > now);
    const windowStart = now - this.settings.flapWindowSeconds * 1000;
    const decision = decide({
      link: this.link,
      observation,
      expectations: this.expectations,
      rules: this.rules,
      settings: this.settings,
      now,
      recentWrites: this.writeTimes.filter((t) => t >= windowStart).length,
    });
    this.take(decision, now);
    return decision;
  }

  private take(decision: Decision, now: number): void {
    this.link = {
      ...this.link,
      slack: decision.slack,
      teams: decision.teams,
      outlook: decision.outlook,
      webhook: decision.webhook,
    };
    if (decision.publish) this.published.push(decision.webhook.hold.state ?? null);
    if (decision.pause) this.link = { ...this.link, status: "paused", pausedUntil: null };
    for (const side of decision.writes) this.pendingWrites.add(side);
    this.events.push(...decision.events.map((e) => ({ ...e, at: now })));
  }

  /**
   * Runs the write job for one side: stores each call's expectations and records the attempt,
   * performs it with `perform`, then records the outcome. A call that throws is a definite failure
   * (the side stays pending for a retry). With `crash`, the worker dies after the calls and before
   * recording their outcome: the attempts stay in flight and the job runs again.
   */
  write(
    side: Side,
    now: number,
    perform: (op: WriteOp) => void,
    options: { refresh?: readonly string[]; crash?: boolean } = {},
  ): WriteOp[] {
    this.pendingWrites.delete(side);
    const ttl =
      (side === "slack" ? this.settings.slackEchoTtlSeconds : this.settings.teamsEchoTtlSeconds) * 1000;
    let state: WriteState<SlackHold | TeamsHold> = this.link[side];
    const plan =
      side === "slack"
        ? planSlackWrites(this.link.slack, { refresh: options.refresh, now })
        : planTeamsWrites(this.link.teams, { refresh: options.refresh });
    const done: WriteOp[] = [];
    for (const { op, expectations } of plan) {
      for (const expectation of expectations)
        this.expectations.push({ side, ...expectation, expiresAt: now + ttl });
      state = recordAttempt(state, op);
      this.store(side, state);
      try {
        perform(op);
      } catch {
        state = recordOutcome(state, op, "failed");
        this.store(side, state);
        this.pendingWrites.add(side);
        break;
      }
      done.push(op);
      if (options.crash) continue;
      state = recordOutcome(state, op, "done");
      this.store(side, state);
    }
    if (options.crash) this.pendingWrites.add(side);
    if (done.length > 0 && !options.refresh) this.writeTimes.push(now);
    return done;
  }

  private store(side: Side, state: WriteState<SlackHold | TeamsHold>): void {
    if (side === "slack")
      this.link = { ...this.link, slack: { ...this.link.slack, ...(state as WriteState<SlackHold>) } };
    else this.link = { ...this.link, teams: { ...this.link.teams, ...(state as WriteState<TeamsHold>) } };
  }
}
