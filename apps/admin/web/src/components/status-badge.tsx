import { STATUS_LABEL } from "./format";

/** A link's status as a coloured badge (text, not colour alone, carries the meaning). */
export function StatusBadge({ status }: { status: string | null }) {
  if (!status) return <span className="badge neutral">Not linked</span>;
  return <span className={`badge ${status}`}>{STATUS_LABEL[status] ?? status}</span>;
}
