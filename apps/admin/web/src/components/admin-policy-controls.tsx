import { useEffect, useState } from "react";

export interface AdminPolicy {
  conflictPolicy: "lastChangeWins" | "mostRestrictiveWins" | "slackWins" | "teamsWins";
  allowPreferredPresence: boolean;
}

/** The policy overrides only an admin sets for someone: who wins a conflict, and preferred presence. */
export function AdminPolicyControls({
  value,
  disabled,
  onChange,
}: {
  value: AdminPolicy;
  disabled?: boolean;
  onChange: (change: Partial<AdminPolicy>) => void;
}) {
  const [shown, setShown] = useState(value);
  const signature = JSON.stringify(value);
  useEffect(() => setShown(JSON.parse(signature) as AdminPolicy), [signature]);
  const change = (next: Partial<AdminPolicy>) => {
    setShown({ ...shown, ...next });
    onChange(next);
  };
  return (
    <fieldset disabled={disabled}>
      <legend>Policy (admins only)</legend>
      <label>
        When both sides show a state of their own
        <select
          value={shown.conflictPolicy}
          onChange={(e) => change({ conflictPolicy: e.target.value as AdminPolicy["conflictPolicy"] })}
        >
          <option value="lastChangeWins">The latest change wins</option>
          <option value="mostRestrictiveWins">The most restrictive wins</option>
          <option value="slackWins">Slack wins</option>
          <option value="teamsWins">Teams wins</option>
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={shown.allowPreferredPresence}
          onChange={(e) => change({ allowPreferredPresence: e.target.checked })}
        />
        Allow preferred presence (overrides their own Teams choice)
      </label>
    </fieldset>
  );
}
