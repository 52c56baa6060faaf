import {
  defaultSettings,
  ZSlackView,
  type SlackHold,
  type SlackPerson,
  type SlackView,
  type SlackWriteOp,
} from "@presence/core";
import { QueuedObservations } from "@presence/pipeline/testing";
import { describeSpokeContract, type WritingSpokeHarness } from "@presence/spoke-contract";
import { expect } from "vitest";

import { startHarness, TENANT } from "../testing/bridge-harness.ts";
import { connectDirectly } from "../testing/population.ts";

const HOUR = 3600_000;
const status = (text: string, expiresAt: number | null) => ({
  text,
  emoji: ":spiral_calendar_pad:",
  expiresAt,
});

describeSpokeContract<SlackPerson, SlackView, SlackHold, SlackWriteOp>({
  name: "the Slack adapter against the Slack emulator (Bolt, web-api)",
  start: startSlackContract,
  writeCases: [
    {
      name: "a status, a snooze and away",
      hold: (now) => ({
        status: status("In a meeting (via Teams)", now + 4 * HOUR),
        dnd: { until: now + 30 * 60_000 },
        presence: { away: true },
      }),
    },
    { name: "releasing the status, the snooze and away", hold: () => ({}) },
  ],
  holds: [
    {
      name: "a status with a safety expiry",
      hold: (at) => ({ status: status("In a call (via Teams)", at + 2 * HOUR) }),
      dropsAt: (at) => at + 2 * HOUR,
    },
    {
      name: "a status whose expiry is minutes away (written with an hour more)",
      hold: (at) => ({ status: status("In a call (via Teams)", at + 2 * 60_000) }),
      dropsAt: (at) => at + HOUR,
    },
    {
      name: "a snooze",
      hold: (at) => ({ dnd: { until: at + 30 * 60_000 } }),
      dropsAt: (at) => at + 30 * 60_000,
    },
  ],
});

async function startSlackContract(): Promise<
  WritingSpokeHarness<SlackPerson, SlackView, SlackHold, SlackWriteOp>
> {
  const h = await startHarness({ pipeline: false });
  await h.install();
  const grace = h.person(1);
  const token = await connectDirectly(h, grace);
  const adapter = h.module.adapter;
  if (!adapter) throw new Error("the Slack bridge is off");
  const { control } = h.slack;
  const queue = new QueuedObservations(h.t.db);
  return {
    adapter,
    person: {
      person: { teamId: grace.teamId, userId: grace.id },
      link: {
        slackTeamId: grace.teamId,
        slackUserId: grace.id,
        tenantId: TENANT,
        entraUserId: "22222222-2222-4222-8222-000000000001",
      },
      email: grace.email ?? "",
    },
    observations: () =>
      queue.take((job) =>
        job.subject.side === "slack"
          ? {
              subject: { teamId: job.subject.teamId, userId: job.subject.userId },
              facets: ZSlackView.parse(job.facets),
            }
          : null,
      ),
    observe: {
      // Slack pushes the change (user_change) to the bridge's Request URL.
      change: async (person, n) =>
        void control.setStatus({ userId: person.userId, text: `Contract change ${n}`, emoji: ":memo:" }),
      shows: (view, n) => view.status?.text === `Contract change ${n}`,
    },
    write: {
      async expectShown(person, hold) {
        const profile = control.getProfile({ userId: person.userId }) as { status_text: string };
        expect(profile.status_text).toBe(hold.status?.text ?? "");
        expect(control.getDnd({ userId: person.userId })).toMatchObject({
          snooze_enabled: hold.dnd !== undefined,
        });
        expect(control.getPresence({ userId: person.userId })).toMatchObject({
          manualAway: hold.presence !== undefined,
        });
      },
      reportBack: async () => void (await control.idle()),
      echoTtlMs: defaultSettings().slackEchoTtlSeconds * 1000,
    },
    limits: {
      op: { side: "slack", facet: "status", action: "set", value: status("Limited (via Teams)", null) },
      async exhaust() {
        control.injectFault({
          target: "web-api",
          method: "users.profile.set",
          kind: "status",
          status: 429,
          retryAfterSeconds: 1,
          times: 1,
        });
      },
      async restore() {
        control.clearFaults();
        // The 429 blocked the method's shared budget for its Retry-After.
        await new Promise((resolve) => setTimeout(resolve, 1500));
      },
      async revoke() {
        control.revokeToken({ token });
        await control.idle();
      },
    },
    close: () => h.stop(),
  };
}
