import type { paths } from "../api/schema";
import { relative } from "./format";
import { slackHoldText, slackViewText, teamsHoldText, teamsViewText } from "./state-text";

export type PersonState =
  paths["/api/links/{person}/state"]["get"]["responses"]["200"]["content"]["application/json"];

function Lines({ lines }: { lines: string[] }) {
  return (
    <ul className="plain">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

/** Both sides side by side: what each shows now, and what the bridge holds and last wrote there. */
export function PersonStateView({ state }: { state: PersonState }) {
  const sides = [
    {
      name: "Slack",
      view: slackViewText(state.slack.view),
      hold: slackHoldText(state.slack.hold),
      written: slackHoldText(state.slack.written),
      side: state.slack,
    },
    {
      name: "Microsoft Teams",
      view: teamsViewText(state.teams.view),
      hold: teamsHoldText(state.teams.hold),
      written: teamsHoldText(state.teams.written),
      side: state.teams,
    },
  ];
  return (
    <div className="state-grid">
      {sides.map((s) => (
        <section key={s.name} className="card" aria-labelledby={`state-${s.name}`}>
          <h3 id={`state-${s.name}`}>{s.name}</h3>
          <dl className="facts">
            <dt>Shows now</dt>
            <dd>
              <Lines lines={s.view} />
              <span className="muted">observed {relative(s.side.observedAt)}</span>
            </dd>
            <dt>The bridge holds</dt>
            <dd>
              <Lines lines={s.hold} />
              {s.side.heldUntil ? <span className="muted">until {relative(s.side.heldUntil)}</span> : null}
            </dd>
            <dt>Last written</dt>
            <dd>
              <Lines lines={s.written} />
              <span className="muted">{s.side.writtenAt ? relative(s.side.writtenAt) : "never"}</span>
            </dd>
          </dl>
        </section>
      ))}
    </div>
  );
}
