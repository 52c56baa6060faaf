import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";

import { api, unwrap } from "../api/client";
import type { paths } from "../api/schema";
import { ErrorNote, Loading, Notice } from "../components/feedback";

type Settings = paths["/api/settings"]["get"]["responses"]["200"]["content"]["application/json"]["settings"];

const NUMBERS: { key: keyof Settings; label: string; hint: string }[] = [
  {
    key: "slackEchoTtlSeconds",
    label: "Slack echo window (s)",
    hint: "How long a write's echoes from Slack are recognised.",
  },
  {
    key: "teamsEchoTtlSeconds",
    label: "Teams echo window (s)",
    hint: "How long a write's echoes from Graph are recognised.",
  },
  { key: "flapMaxWrites", label: "Flap breaker: writes", hint: "More writes than this for one person …" },
  {
    key: "flapWindowSeconds",
    label: "Flap breaker: window (s)",
    hint: "… within this window pauses their link.",
  },
  { key: "auditRetentionDays", label: "Audit retention (days)", hint: "Older events are deleted." },
];

/** Organisation settings: markers, echo windows, flap breaker, retention, and the default policy. */
export function SettingsPage() {
  const client = useQueryClient();
  const current = useQuery({ queryKey: ["settings"], queryFn: () => unwrap(api.GET("/api/settings")) });
  const [form, setForm] = useState<Settings | null>(null);
  useEffect(() => {
    if (current.data) setForm(current.data.settings);
  }, [current.data]);
  const save = useMutation({
    mutationFn: (settings: Settings) => unwrap(api.PATCH("/api/settings", { body: settings })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["settings"] }),
  });
  if (current.isPending || !form) return <Loading />;
  if (current.error) return <ErrorNote error={current.error} />;
  const policy = form.defaultPolicy;
  const setPolicy = (patch: Partial<Settings["defaultPolicy"]>) =>
    setForm({ ...form, defaultPolicy: { ...policy, ...patch } });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(form);
  };
  return (
    <>
      <h1>Settings</h1>
      <form className="card settings" onSubmit={submit}>
        <fieldset>
          <legend>How the bridge marks what it writes</legend>
          <label>
            Slack status marker
            <input
              value={form.slackStatusMarker}
              maxLength={30}
              onChange={(e) => setForm({ ...form, slackStatusMarker: e.target.value })}
            />
          </label>
          <label>
            Teams status message marker
            <input
              value={form.teamsStatusMarker}
              maxLength={30}
              onChange={(e) => setForm({ ...form, teamsStatusMarker: e.target.value })}
            />
          </label>
        </fieldset>
        <fieldset>
          <legend>Echo windows, flap breaker, retention</legend>
          {NUMBERS.map(({ key, label, hint }) => (
            <label key={key}>
              {label}
              <input
                type="number"
                value={String(form[key])}
                onChange={(e) => setForm({ ...form, [key]: Number(e.target.value) })}
                aria-describedby={`${key}-hint`}
              />
              <span id={`${key}-hint`} className="hint">
                {hint}
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Default policy (each person may override it)</legend>
          <label>
            When both sides show a state of the person's own
            <select
              value={policy.conflictPolicy}
              onChange={(e) =>
                setPolicy({ conflictPolicy: e.target.value as Settings["defaultPolicy"]["conflictPolicy"] })
              }
            >
              <option value="lastChangeWins">The latest change wins</option>
              <option value="mostRestrictiveWins">The most restrictive wins</option>
              <option value="slackWins">Slack wins</option>
              <option value="teamsWins">Teams wins</option>
            </select>
          </label>
          {(
            [
              ["respectManualStatus", "Never overwrite a status someone set themselves"],
              ["shareStatusText", "Carry people's Slack status text to Teams"],
              ["hideMeetingTitles", "Hide meeting titles (“In a meeting” only)"],
              ["allowPreferredPresence", "Allow preferred presence (overrides people's own Teams choice)"],
            ] as const
          ).map(([key, label]) => (
            <label key={key} className="check">
              <input
                type="checkbox"
                checked={policy[key]}
                onChange={(e) => setPolicy({ [key]: e.target.checked })}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <div className="toolbar">
          <button type="submit" className="primary" disabled={save.isPending}>
            Save settings
          </button>
        </div>
        <ErrorNote error={save.error} />
        {save.isSuccess ? <Notice>Saved. Every link is re-decided under the new settings.</Notice> : null}
      </form>
    </>
  );
}
