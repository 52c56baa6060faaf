/** A Web API failure: answered as HTTP 200 `{ok:false, error, ...extra}`. */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    readonly code: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

/** Slack's `invalid_arguments` with its `response_metadata.messages`. */
export function invalidArguments(messages: string[]): ApiError {
  return new ApiError("invalid_arguments", { response_metadata: { messages } });
}
