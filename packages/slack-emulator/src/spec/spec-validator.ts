import { Ajv } from "ajv";
import type { ErrorObject, ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import {
  APP_RATE_LIMITED_SCHEMA,
  EVENT_SCHEMAS,
  URL_VERIFICATION_SCHEMA,
  eventWrapperSchema,
} from "./event-schemas.ts";
import { loadEventsSpec, loadWebApiSpec } from "./load-spec.ts";
import type { EventsSpec, JsonSchema, WebApiOperation, WebApiSpec } from "./load-spec.ts";
import { normalizeSchema } from "./normalize-schema.ts";
import { JSON_ARGUMENTS, overlayWebApiSpec } from "./web-api-overlays.ts";

export interface ArgumentProblem {
  argument: string;
  message: string;
}

interface MethodValidators {
  args: ValidateFunction;
  ok: ValidateFunction;
  error: ValidateFunction;
  scopes: string[];
}

function newAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes, validateFormats: true });
  addFormats.default(ajv);
  return ajv;
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    (e) =>
      `${e.instancePath || "/"} ${e.message ?? "is invalid"}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`,
  );
}

const PARAM_TYPES: Record<string, JsonSchema> = {
  string: { type: "string" },
  integer: { type: "integer" },
  number: { type: "number" },
  boolean: { type: "boolean" },
};

/** The arguments of an operation as a JSON schema (the token is checked separately; extra args are allowed). */
function argsSchema(operation: WebApiOperation): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const param of operation.parameters) {
    if (param.name === "token" || param.in === "header") continue;
    properties[param.name] = JSON_ARGUMENTS.has(param.name)
      ? { type: ["string", "object", "array"] }
      : (PARAM_TYPES[param.type ?? "string"] ?? {});
    if (param.required) required.push(param.name);
  }
  return { type: "object", properties, required };
}

/**
 * Validates what the emulator accepts and produces against the copied official spec, after the documented
 * overlays (see spec-deviations.ts). Built once per process: the spec is static.
 */
export class SpecValidator {
  static #shared: SpecValidator | undefined;
  readonly #methods = new Map<string, MethodValidators>();
  readonly #strict = newAjv(false);
  readonly #coercing = newAjv(true);
  readonly #wrapper: ValidateFunction;
  readonly #events = new Map<string, ValidateFunction>();
  readonly #appRateLimited: ValidateFunction;
  readonly #urlVerification: ValidateFunction;
  readonly eventsSpec: EventsSpec;
  readonly webApiSpec: WebApiSpec;

  static shared(): SpecValidator {
    SpecValidator.#shared ??= new SpecValidator(loadWebApiSpec(), loadEventsSpec());
    return SpecValidator.#shared;
  }

  constructor(webApi: WebApiSpec, events: EventsSpec) {
    this.webApiSpec = overlayWebApiSpec(webApi);
    this.eventsSpec = events;
    const strict = this.#strict;
    const definitions = normalizeSchema({
      $id: "slack-web",
      definitions: this.webApiSpec.definitions,
    }) as JsonSchema;
    strict.addSchema(definitions);
    this.#coercing.addSchema(definitions);
    this.#wrapper = strict.compile(eventWrapperSchema(events));
    for (const [type, schema] of Object.entries(EVENT_SCHEMAS))
      this.#events.set(type, strict.compile(schema));
    this.#appRateLimited = strict.compile(APP_RATE_LIMITED_SCHEMA);
    this.#urlVerification = strict.compile(URL_VERIFICATION_SCHEMA);
  }

  /** Compiles a method's validators on first use (compiling all of them up front costs about a second). */
  #method(method: string): MethodValidators {
    const cached = this.#methods.get(method);
    if (cached) return cached;
    const operation = Object.values(this.webApiSpec.paths[`/${method}`] ?? {})[0];
    if (!operation) throw new Error(`${method} is not in the spec subset`);
    const validators: MethodValidators = {
      args: this.#coercing.compile(normalizeSchema(argsSchema(operation)) as JsonSchema),
      ok: this.#strict.compile(normalizeSchema(operation.responses["200"].schema) as JsonSchema),
      error: this.#strict.compile(normalizeSchema(operation.responses.default.schema) as JsonSchema),
      scopes: (operation.security?.[0]?.slackAuth ?? []).filter((scope) => scope !== "none"),
    };
    this.#methods.set(method, validators);
    return validators;
  }

  methods(): string[] {
    return Object.keys(this.webApiSpec.paths).map((path) => path.slice(1));
  }

  /** The scopes the spec lists for a method (`none` → []). Any one of them suffices. */
  scopesOf(method: string): string[] {
    const operation = Object.values(this.webApiSpec.paths[`/${method}`] ?? {})[0];
    if (!operation) throw new Error(`${method} is not in the spec subset`);
    return (operation.security?.[0]?.slackAuth ?? []).filter((scope) => scope !== "none");
  }

  /** Checks wire arguments (strings from forms are coerced to the spec's types on a copy). */
  validateArgs(method: string, args: Record<string, unknown>): ArgumentProblem[] {
    const validate = this.#method(method).args;
    if (validate(structuredClone(args))) return [];
    return (validate.errors ?? []).map((error) => {
      const missing = (error.params as { missingProperty?: unknown }).missingProperty;
      const argument =
        typeof missing === "string" ? missing : (error.instancePath.slice(1).split("/")[0] ?? "");
      return { argument, message: `\`${argument}\` ${error.message ?? "is invalid"}` };
    });
  }

  validateResponse(method: string, body: Record<string, unknown>): string[] {
    const validators = this.#method(method);
    const validate = body.ok === true ? validators.ok : validators.error;
    return validate(body) ? [] : describe(validate.errors);
  }

  /** Checks an event_callback envelope and its inner event. */
  validateEventCallback(body: Record<string, unknown>): string[] {
    const problems = this.#wrapper(body) ? [] : describe(this.#wrapper.errors);
    const event = body.event as { type?: unknown } | undefined;
    const validate = typeof event?.type === "string" ? this.#events.get(event.type) : undefined;
    if (!validate) return [...problems, `/event/type ${String(event?.type)} has no schema`];
    return validate(event) ? problems : [...problems, ...describe(validate.errors).map((p) => `/event${p}`)];
  }

  validateAppRateLimited(body: Record<string, unknown>): string[] {
    return this.#appRateLimited(body) ? [] : describe(this.#appRateLimited.errors);
  }

  validateUrlVerification(body: Record<string, unknown>): string[] {
    return this.#urlVerification(body) ? [] : describe(this.#urlVerification.errors);
  }
}
