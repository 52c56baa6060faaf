import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import { api, unwrap } from "../api/client";
import { ErrorNote, Loading } from "../components/feedback";
import { dateTime } from "../components/format";

const KINDS = {
  entra_group: "Entra group (object id)",
  entra_user: "Entra user (object id)",
  email: "E-mail address",
  slack_user: "Slack user (T…/U…)",
} as const;
type Kind = keyof typeof KINDS;

/** Who may administer: Entra groups and users, e-mails, Slack users. */
export function AdminsPage() {
  const client = useQueryClient();
  const admins = useQuery({ queryKey: ["admins"], queryFn: () => unwrap(api.GET("/api/admins")) });
  const [kind, setKind] = useState<Kind>("entra_group");
  const [value, setValue] = useState("");
  const [note, setNote] = useState("");
  const refresh = () => void client.invalidateQueries({ queryKey: ["admins"] });
  const add = useMutation({
    mutationFn: () => unwrap(api.POST("/api/admins", { body: { kind, value, ...(note ? { note } : {}) } })),
    onSuccess: () => {
      setValue("");
      setNote("");
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/api/admins/{id}", { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <>
      <h1>Admins</h1>
      <p className="muted">
        People who sign in with Microsoft or Slack and match an entry here may use these pages. Prefer Entra
        groups: membership changes take effect at the next sign-in. Scripts use the ADMIN_API_TOKEN.
      </p>
      <form className="card toolbar" onSubmit={submit} aria-label="Add an admin">
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {Object.entries(KINDS).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Value
          <input value={value} onChange={(e) => setValue(e.target.value)} required />
        </label>
        <label>
          Note
          <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="e.g. IT service desk" />
        </label>
        <button type="submit" className="primary" disabled={add.isPending}>
          Add
        </button>
      </form>
      <ErrorNote error={add.error ?? remove.error ?? admins.error} />
      {admins.isPending ? (
        <Loading />
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Value</th>
              <th scope="col">Note</th>
              <th scope="col">Added</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(admins.data?.admins ?? []).map((a) => (
              <tr key={a.id}>
                <td>{KINDS[a.kind]}</td>
                <td>
                  <code>{a.value}</code>
                </td>
                <td>{a.note}</td>
                <td>
                  {dateTime(a.createdAt)} by {a.addedBy}
                </td>
                <td className="row-actions">
                  <button type="button" className="danger" onClick={() => remove.mutate(a.id)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
