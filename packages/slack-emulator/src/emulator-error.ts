/** A misuse of the emulator's control API (unknown id, impossible setup). Never a Slack API error. */
export class EmulatorError extends Error {
  override readonly name = "EmulatorError";

  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
  }
}
