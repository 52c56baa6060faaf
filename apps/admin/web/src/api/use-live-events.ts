import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect, useState } from "react";

/**
 * Listens to the admin app's Server-Sent Events (new audit events as they commit) and refreshes the
 * given queries when one arrives. Returns whether the stream is connected (shown as "live").
 */
export function useLiveEvents(url: string | null, keys: readonly QueryKey[]): boolean {
  const client = useQueryClient();
  const [connected, setConnected] = useState(false);
  const signature = JSON.stringify(keys);
  useEffect(() => {
    if (!url) return;
    const source = new EventSource(url);
    let timer: number | undefined;
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener("sync", () => {
      // A burst of events (a bulk link run) refreshes once.
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        for (const key of JSON.parse(signature) as QueryKey[])
          void client.invalidateQueries({ queryKey: key });
      }, 150);
    });
    return () => {
      window.clearTimeout(timer);
      source.close();
      setConnected(false);
    };
  }, [url, signature, client]);
  return connected;
}
