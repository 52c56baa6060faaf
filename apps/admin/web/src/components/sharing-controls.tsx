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
  return (
    <fieldset className="sharing" disabled={disabled}>
      <legend>Sharing</legend>
      <label>
        Direction
        <select
          value={value.direction}
          onChange={(e) => onChange({ direction: e.target.value as Sharing["direction"] })}
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
            checked={value.policy[key]}
            onChange={(e) => onChange({ policy: { [key]: e.target.checked } })}
          />
          {POLICY_LABEL[key]}
        </label>
      ))}
    </fieldset>
  );
}
