import type { Side, WriteOp } from "@presence/core";

/** A one-line human description of the calls a write job made, for the timeline. */
export function describeOps(side: Side, ops: readonly WriteOp[]): string {
  const parts = ops.map((op) => {
    if (op.action === "clear") {
      return {
        status: "cleared the status",
        dnd: "ended the snooze",
        presence: "set presence back to auto",
        session: "cleared the presence session",
        preferred: "cleared the preferred presence",
        statusMessage: "cleared the status message",
      }[op.facet];
    }
    switch (op.facet) {
      case "status":
        return `set the status ${op.value.emoji} “${op.value.text}”`;
      case "dnd":
        return `snoozed notifications until ${new Date(op.value.until).toISOString()}`;
      case "presence":
        return "set presence to away";
      case "session":
        return `set presence ${op.value.availability}/${op.value.activity}`;
      case "preferred":
        return `set preferred presence ${op.value.availability}/${op.value.activity}`;
      case "statusMessage":
        return `set the status message “${op.value.text}”`;
    }
  });
  return `Wrote to ${side === "slack" ? "Slack" : "Teams"}: ${parts.join(", ")}`;
}
