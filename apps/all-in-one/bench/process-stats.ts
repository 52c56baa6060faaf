import { readdirSync, readFileSync } from "node:fs";

/** CPU time (ms) and resident memory (MB) of one process, from /proc (Linux). */
interface Sample {
  cpuMs: number;
  rssMb: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux.

function sample(pid: number, proportional: boolean): Sample | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const cpuMs = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    // Postgres's processes share their buffers: their proportional shares (PSS) add up, their RSS do not.
    const memory = proportional
      ? readFileSync(`/proc/${pid}/smaps_rollup`, "utf8")
      : readFileSync(`/proc/${pid}/status`, "utf8");
    const rssKb = Number((proportional ? /Pss:\s+(\d+)/ : /VmRSS:\s+(\d+)/).exec(memory)?.[1] ?? 0);
    return { cpuMs, rssMb: rssKb / 1024 };
  } catch {
    return null; // gone
  }
}

/** Every Postgres server process (the server and its backends): their CPU is summed. */
let postgresSeen: { at: number; pids: number[] } = { at: 0, pids: [] };
function postgresPids(): number[] {
  // Looking through /proc costs the driver's CPU: the list is refreshed every 10 s (backends are pooled).
  if (Date.now() - postgresSeen.at < 10_000) return postgresSeen.pids;
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres") pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  postgresSeen = { at: Date.now(), pids };
  return pids;
}

export interface ProcessUsage {
  name: string;
  /** Share of one core over the measured time (100 = one core busy). */
  cpuPercent: number;
  /** Highest resident memory seen while measuring (Postgres: the sum of its processes' PSS). */
  peakRssMb: number;
}

/**
 * Samples named processes every 2 s while a scenario runs: CPU share over the whole span and the
 * highest resident memory. `pids()` is asked again at every sample (replicas restart).
 */
export class UsageMeter {
  readonly #first = new Map<string, Map<number, number>>();
  readonly #last = new Map<string, Map<number, number>>();
  readonly #peak = new Map<string, number>();
  #timer: NodeJS.Timeout | null = null;
  #startedAt = 0;
  #stoppedAt = 0;

  constructor(private readonly pids: () => Record<string, number[]>) {}

  start(): void {
    this.#startedAt = Date.now();
    this.#take(true);
    this.#timer = setInterval(() => this.#take(false), 2_000);
  }

  stop(): ProcessUsage[] {
    if (this.#timer) clearInterval(this.#timer);
    this.#take(false);
    this.#stoppedAt = Date.now();
    const seconds = (this.#stoppedAt - this.#startedAt) / 1000;
    return [...this.#last.entries()].map(([name, last]) => {
      const first = this.#first.get(name) ?? new Map<number, number>();
      let cpuMs = 0;
      for (const [pid, ms] of last) cpuMs += ms - (first.get(pid) ?? 0);
      return {
        name,
        cpuPercent: Math.round((cpuMs / 1000 / seconds) * 100),
        peakRssMb: Math.round(this.#peak.get(name) ?? 0),
      };
    });
  }

  #take(first: boolean): void {
    const groups = { ...this.pids(), postgres: postgresPids() };
    for (const [name, pids] of Object.entries(groups)) {
      let rss = 0;
      const cpu = this.#last.get(name) ?? new Map<number, number>();
      for (const pid of pids) {
        const s = sample(pid, name === "postgres");
        if (!s) continue;
        rss += s.rssMb;
        cpu.set(pid, s.cpuMs);
        if (first) {
          const seen = this.#first.get(name) ?? new Map<number, number>();
          seen.set(pid, s.cpuMs);
          this.#first.set(name, seen);
        }
      }
      this.#last.set(name, cpu);
      this.#peak.set(name, Math.max(this.#peak.get(name) ?? 0, rss));
    }
  }
}
