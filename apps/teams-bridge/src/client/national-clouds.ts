/**
 * Microsoft's clouds the bridge knows, and which presence features each has (Graph presence docs:
 * every v1.0 presence API — get, getPresencesByUserId, setPresence, clearPresence,
 * setUserPreferredPresence, setStatusMessage, presence subscriptions — is available in the global
 * service and US Government L4/L5, and none of them in China operated by 21Vianet).
 * docs/entra-app-setup.md ("National clouds") has the same table for admins.
 */
export interface CloudProfile {
  name: string;
  authorityHost: string;
  graphBaseUrl: string;
  presence: boolean;
}

export const KNOWN_CLOUDS: readonly CloudProfile[] = [
  {
    name: "Global",
    authorityHost: "https://login.microsoftonline.com",
    graphBaseUrl: "https://graph.microsoft.com",
    presence: true,
  },
  {
    name: "US Government L4 (GCC High)",
    authorityHost: "https://login.microsoftonline.us",
    graphBaseUrl: "https://graph.microsoft.us",
    presence: true,
  },
  {
    name: "US Government L5 (DoD)",
    authorityHost: "https://login.microsoftonline.us",
    graphBaseUrl: "https://dod-graph.microsoft.us",
    presence: true,
  },
  {
    name: "China (21Vianet)",
    authorityHost: "https://login.chinacloudapi.cn",
    graphBaseUrl: "https://microsoftgraph.chinacloudapi.cn",
    presence: false,
  },
];

const CHINA_HOSTS = new Set([
  "login.chinacloudapi.cn",
  "login.partner.microsoftonline.cn",
  "microsoftgraph.chinacloudapi.cn",
]);

/**
 * The cloud a pair of hosts belongs to: a known one, or "custom" (a private endpoint, a proxy, the
 * emulator), which is assumed to have presence. China has none: the bridge refuses to start there.
 */
export function identifyCloud(authorityHost: string, graphBaseUrl: string): CloudProfile {
  const graph = normalise(graphBaseUrl);
  const known = KNOWN_CLOUDS.find((cloud) => cloud.graphBaseUrl === graph);
  if (known) return known;
  const hosts = [new URL(authorityHost).hostname, new URL(graphBaseUrl).hostname];
  const china = KNOWN_CLOUDS.find((cloud) => !cloud.presence);
  if (china && hosts.some((host) => CHINA_HOSTS.has(host.toLowerCase()))) return china;
  return { name: "custom", authorityHost: normalise(authorityHost), graphBaseUrl: graph, presence: true };
}

/** `https://host[:port]` without a trailing slash (and without a path). */
export function normalise(url: string): string {
  return new URL(url).origin.toLowerCase();
}
