import { fail, ok, warn, type CheckResult } from "./check-result.ts";
import { ZDoctorEnv, type DoctorEnv } from "./env.ts";

/** Prefixes of the bridge's variables: another variable with one of them is likely a typo. */
const OUR_PREFIXES = ["SLACK_", "AZURE_", "GRAPH_", "ADMIN_", "TOKEN_ENCRYPTION_", "EMBEDDED_DATABASE_"];
/** Variables with those prefixes that belong to something else (the emulators' stand-alone servers). */
const OTHERS = /_EMULATOR_/;

export interface EnvironmentCheck {
  results: CheckResult[];
  /** The configuration with every invalid variable left out (so its default, if any, applies). */
  config: DoctorEnv;
  /** Variables that are set but invalid: checks that need one say so instead of using it. */
  invalid: ReadonlySet<string>;
}

/**
 * Validates every variable any app reads, as the apps do at start (parseEnv: empty counts as unset),
 * and reports each invalid one by name in parseEnv's words. Values are never printed.
 */
export function checkEnvironment(env: NodeJS.ProcessEnv): EnvironmentCheck {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== "",
    ),
  );
  const problems = new Map<string, string>();
  const parsed = ZDoctorEnv.safeParse(cleaned);
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const name = issue.path.map(String).join(".") || "(environment)";
    const problem =
      issue.code === "invalid_type" && cleaned[name] === undefined
        ? "is required but not set"
        : issue.message;
    if (!problems.has(name)) problems.set(name, problem);
  }
  const usable = Object.fromEntries(Object.entries(cleaned).filter(([name]) => !problems.has(name)));
  const config = ZDoctorEnv.parse(usable);
  const defaults = ZDoctorEnv.parse({}) as Record<string, unknown>;

  const results: CheckResult[] = [...problems].map(([name, problem]) =>
    fail("config", name, problem, fixFor(name, defaults[name])),
  );
  const known = Object.keys(ZDoctorEnv.shape);
  const set = known.filter((name) => cleaned[name] !== undefined);
  if (problems.size === 0)
    results.push(ok("config", "variables", `every variable is valid (${set.length} of ${known.length} set)`));
  const strangers = Object.keys(cleaned).filter(
    (name) =>
      !known.includes(name) && !OTHERS.test(name) && OUR_PREFIXES.some((prefix) => name.startsWith(prefix)),
  );
  for (const name of strangers.sort())
    results.push(
      warn(
        "config",
        name,
        "no app reads this variable (a typo?)",
        `Remove it, or rename it to the variable meant (README: "Configuration")`,
      ),
    );
  return { results, config, invalid: new Set(problems.keys()) };
}

function fixFor(name: string, fallback: unknown): string {
  const unset =
    fallback === undefined || (Array.isArray(fallback) && fallback.length === 0)
      ? ""
      : `, or unset it to use the default (${Array.isArray(fallback) ? fallback.join(",") : String(fallback)})`;
  return `Correct ${name} in .env or the container's environment${unset} (README: "Configuration")`;
}
