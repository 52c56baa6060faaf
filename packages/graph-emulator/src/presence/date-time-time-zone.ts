/**
 * Converts Graph's dateTimeTimeZone (`dateTime` without zone + `timeZone`, reference §1.2/§3.5) to epoch ms. Accepts
 * UTC, IANA names (through Intl) and the common Windows names Graph samples use ("Pacific Standard Time").
 */
const WINDOWS_ZONES: Record<string, string> = {
  utc: "UTC",
  "coordinated universal time": "UTC",
  "gmt standard time": "Europe/London",
  "greenwich standard time": "Atlantic/Reykjavik",
  "w. europe standard time": "Europe/Berlin",
  "central europe standard time": "Europe/Budapest",
  "romance standard time": "Europe/Paris",
  "e. europe standard time": "Europe/Chisinau",
  "pacific standard time": "America/Los_Angeles",
  "mountain standard time": "America/Denver",
  "central standard time": "America/Chicago",
  "eastern standard time": "America/New_York",
  "india standard time": "Asia/Kolkata",
  "china standard time": "Asia/Shanghai",
  "tokyo standard time": "Asia/Tokyo",
  "aus eastern standard time": "Australia/Sydney",
};

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/;

function zoneOffsetMs(zone: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(utcMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** The IANA zone for a Graph time zone name (UTC, IANA, or a Windows name above); undefined when unknown. */
export function resolveTimeZone(name: string): string | undefined {
  const zone = WINDOWS_ZONES[name.trim().toLowerCase()] ?? name.trim();
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

/**
 * Epoch ms → Graph's dateTimeTimeZone in `timeZone` (echoed as given): the wall-clock time there with seven
 * fractional digits, as Outlook serialises event start/end (`2017-01-01T19:00:00.0000000`). Unknown zone → undefined.
 */
export function epochMsToDateTimeTimeZone(
  ms: number,
  timeZone: string,
): { dateTime: string; timeZone: string } | undefined {
  const zone = resolveTimeZone(timeZone);
  if (zone === undefined) return undefined;
  const wall = new Date(ms + zoneOffsetMs(zone, ms)).toISOString();
  return { dateTime: `${wall.slice(0, 19)}.${wall.slice(20, 23)}0000`, timeZone };
}

export function dateTimeTimeZoneToEpochMs(value: { dateTime: string; timeZone: string }): number | undefined {
  const match = LOCAL.exec(value.dateTime.trim().replace(/Z$/, ""));
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, frac] = match;
  const wallAsUtc = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
    Number((frac ?? "0").padEnd(3, "0").slice(0, 3)),
  );
  const zone = WINDOWS_ZONES[value.timeZone.trim().toLowerCase()] ?? value.timeZone.trim();
  try {
    // Two passes settle the offset around DST changes.
    const first = wallAsUtc - zoneOffsetMs(zone, wallAsUtc);
    return wallAsUtc - zoneOffsetMs(zone, first);
  } catch {
    return undefined;
  }
}
