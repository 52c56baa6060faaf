import { fail, type CheckArea, type CheckResult } from "./check-result.ts";
import { describeFailure } from "./describe-failure.ts";
import { checkDatabase } from "./database-checks.ts";
import { createDoctorNetwork } from "./doctor-network.ts";
import { openDoctorStore } from "./doctor-store.ts";
import { checkCredentials, checkKeyRing } from "./encryption-checks.ts";
import { checkEnvironment } from "./environment-checks.ts";
import { checkMicrosoft } from "./microsoft-checks.ts";
import { secretRedactor } from "./redact-secrets.ts";
import { checkSides } from "./side-checks.ts";
import { checkSlack } from "./slack-checks.ts";

export interface DoctorOptions {
  /** The environment to judge (the process's, with .env read in). */
  env: NodeJS.ProcessEnv;
  /** More certificate authorities to trust besides the system's (tests: the emulators'). */
  ca?: readonly string[];
  /** Each network call gives up after this long (default 5 s). */
  timeoutMs?: number;
}

export interface DoctorReport {
  /** No check failed. */
  ok: boolean;
  results: CheckResult[];
}

/**
 * Checks a real configuration, area by area: every variable, the sides configured, the database and
 * its migrations, the encryption key against every stored secret, then Slack and Microsoft as they
 * answer now. Later checks that need something an earlier one found broken say "not checked".
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const environment = checkEnvironment(options.env);
  const { config, invalid } = environment;
  const sides = checkSides(config);
  const results: CheckResult[] = [...environment.results, ...sides.results];
  // The certificates the apps trust: the system's, GRAPH_CA_FILE's (Entra and Graph), and the caller's.
  const ca = [...(options.ca ?? []), ...(config.GRAPH_CA_FILE ? [config.GRAPH_CA_FILE] : [])];
  const network = createDoctorNetwork({ ca, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  let store: ReturnType<typeof openDoctorStore> | null = null;
  try {
    const database = await checkDatabase(config, invalid, network.timeoutMs);
    results.push(...database.results);
    store = database.url ? openDoctorStore(database.url, network.timeoutMs) : null;
    const db = store?.db ?? null;

    const keys = checkKeyRing(config, invalid);
    results.push(
      keys.result,
      ...(await guarded("encryption", network.timeoutMs, async () => [
        await checkCredentials(db, keys.ring),
      ])),
    );

    const stores = { db, ring: keys.ring, network };
    const { slack, microsoft } = sides;
    if (slack)
      results.push(
        ...(await guarded("slack", network.timeoutMs, () => checkSlack({ side: slack, ...stores }))),
      );
    if (microsoft)
      results.push(
        ...(await guarded("microsoft", network.timeoutMs, () =>
          checkMicrosoft({ side: microsoft, config, ...stores }),
        )),
      );
  } finally {
    await store?.close();
    await network.close();
  }
  const redact = secretRedactor(options.env);
  return { ok: results.every((r) => r.status !== "fail"), results: results.map(redact) };
}

/** An area's checks; if one throws (an unexpected store or SDK error), a failed line says so. */
async function guarded(
  area: CheckArea,
  timeoutMs: number,
  checks: () => Promise<CheckResult[]>,
): Promise<CheckResult[]> {
  try {
    return await checks();
  } catch (error) {
    return [
      fail(
        area,
        "checks",
        `stopped by an unexpected error: ${describeFailure(error, timeoutMs)}`,
        "Fix the problems above and run `presence doctor` again",
      ),
    ];
  }
}
