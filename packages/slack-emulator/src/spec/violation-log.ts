/** Something the emulator produced that its spec (with overlays) does not allow: an emulator bug. */
export interface SpecViolation {
  source: string;
  problems: string[];
}

/**
 * Collects spec violations. In "fail" mode a violating Web API answer becomes HTTP 500 and a violating
 * event is not delivered, so a test cannot pass on an off-spec shape; "record" only collects.
 */
export class ViolationLog {
  readonly #items: SpecViolation[] = [];

  constructor(readonly mode: "fail" | "record") {}

  add(violation: SpecViolation): void {
    this.#items.push(violation);
  }

  list(): SpecViolation[] {
    return [...this.#items];
  }
}
