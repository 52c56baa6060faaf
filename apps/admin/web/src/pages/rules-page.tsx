import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { api, unwrap } from "../api/client";
import { DryRunPanel } from "../components/dry-run-panel";
import { ErrorNote, Loading, Notice } from "../components/feedback";
import { RuleEditor } from "../components/rule-editor";
import { RulePreview } from "../components/rule-preview";
import { RuleVersions } from "../components/rule-versions";
import type { RuleSetData } from "../components/rules-diff";
import { useDebounced } from "../components/use-debounced";

/** The mapping rules: edit a draft, see it validated and previewed, dry-run it, publish it; versions. */
export function RulesPage() {
  const client = useQueryClient();
  const active = useQuery({ queryKey: ["rules"], queryFn: () => unwrap(api.GET("/api/rules")) });
  const [draft, setDraft] = useState<RuleSetData | null>(null);
  const [comment, setComment] = useState("");
  useEffect(() => {
    if (active.data && draft === null) setDraft(active.data.rules as unknown as RuleSetData);
  }, [active.data, draft]);
  const checked = useDebounced(draft, 250);
  const validation = useQuery({
    queryKey: ["rule-validation", checked],
    enabled: checked !== null,
    placeholderData: (previous) => previous,
    queryFn: () => unwrap(api.POST("/api/rules/validate", { body: { rules: checked } })),
  });
  const publish = useMutation({
    mutationFn: () => unwrap(api.POST("/api/rules", { body: { rules: draft, comment } })),
    onSuccess: (saved) => {
      setComment("");
      setDraft(saved.rules as unknown as RuleSetData);
      void client.invalidateQueries({ queryKey: ["rules"] });
      void client.invalidateQueries({ queryKey: ["rule-versions"] });
    },
  });
  if (active.isPending || draft === null) return <Loading />;
  if (active.error) return <ErrorNote error={active.error} />;
  const valid = validation.data?.valid ?? false;
  const changed = JSON.stringify(draft) !== JSON.stringify(active.data.rules);
  return (
    <>
      <div className="page-head">
        <h1>Mapping rules</h1>
        <span className="muted">
          v{active.data.version} in force, by {active.data.createdBy}
        </span>
      </div>
      <section className="card" aria-labelledby="draft-heading">
        <h2 id="draft-heading">Draft</h2>
        <RuleEditor draft={draft} onChange={setDraft} />
        <div aria-live="polite">
          {validation.data && !validation.data.valid ? (
            <div className="error" role="alert">
              <p>The draft breaks these limits:</p>
              <ul>
                {validation.data.issues.map((issue) => (
                  <li key={`${issue.path}:${issue.message}`}>
                    <code>{issue.path || "(rules)"}</code>: {issue.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : validation.data?.valid ? (
            <Notice>The draft is valid{changed ? "" : " (no changes yet)"}.</Notice>
          ) : null}
        </div>
        <div className="toolbar">
          <label>
            Comment
            <input
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              placeholder="What changed and why"
            />
          </label>
          <button
            type="button"
            className="primary"
            disabled={!valid || !changed || publish.isPending}
            onClick={() => publish.mutate()}
          >
            Publish as v{active.data.version + 1}
          </button>
          <button
            type="button"
            disabled={!changed}
            onClick={() => setDraft(active.data.rules as unknown as RuleSetData)}
          >
            Discard the draft
          </button>
        </div>
        <ErrorNote error={publish.error} />
        {publish.isSuccess ? (
          <Notice>Published v{publish.data.version}; every link is re-decided under it.</Notice>
        ) : null}
      </section>
      <RulePreview draft={checked ?? draft} valid={valid} />
      <DryRunPanel draft={draft} valid={valid} />
      <RuleVersions draft={draft} activeVersion={active.data.version} />
    </>
  );
}
