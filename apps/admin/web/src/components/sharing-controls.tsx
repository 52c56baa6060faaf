import { useEffect, useState } from "react";

import { DIRECTION_LABEL } from "./format";

export interface Sharing {
  direction: "both" | "teamsToSlack" | "slackToTeams";
  policy: {
    shareStatusText: boolean;
    hideMeetingTitles: boolean;
    respectManualStatus: boolean;
  };
}

const POLICY_LABEL: Record<keyof Sharing["policy"], string> = {
  shareStatusText: "Share my Slack status text with Teams",
  hideMeetingTitles: "Never show meeting titles (only “In a meeting”)",
  respectManualStatus: "Never overwrite a status I set myself",
};

/** Direction and what is shared: the same controls as Slack App Home (used by admins and on /me). */
export function SharingControls({
  value,
  disabled,
  onChange,
}: {
  value: Sharing;
  disabled?: boolean;
  onChange: (
    change: Partial<{ direction: Sharing["direction"]; policy: Partial<Sharing["policy"]> }>,
  ) => void;
}) {
  // Shown changed at once; the server's answer (a refetch) settles it.
  const [shown, setShown] = useState(value);
  const signature = JSON.stringify(value);
  useEffect(() => setShown(JSON.parse(signature) as Sharing), [signature]);
  const change = (next: Partial<{ direction: Sharing["direction"]; policy: Partial<Sharing["policy"]> }>) => {
    setShown({ direction: next.direction ?? shown.direction, policy: { ...shown.policy, ...next.policy } });
    onChange(next);
  };
  return (
    <fieldset className="sharing" disabled={disabled}>
      <legend>Sharing</legend>
      <label>
        Direction
        <select
          value={shown.direction}
          onChange={(e) => change({ direction: e.target.value as Sharing["direction"] })}
        >
          {Object.entries(DIRECTION_LABEL).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {(Object.keys(POLICY_LABEL) as (keyof Sharing["policy"])[]).map((key) => (
        <label key={key} className="check">
          <input
            type="checkbox"
            checked={shown.policy[key]}
            onChange={(e) => change({ policy: { [key]: e.target.checked } })}
          />
          {POLICY_LABEL[key]}
        </label>
      ))}
    </fieldset>
  );
}
