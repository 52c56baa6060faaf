import type { z } from "zod";

import type { ZDemoPersonOut } from "../api/api-responses.ts";
import type { ZDemoChangeBody } from "../api/api-schemas.ts";

export type DemoChange = z.infer<typeof ZDemoChangeBody>;

/** One demo person as both emulators show them right now. */
export type DemoPersonView = z.infer<typeof ZDemoPersonOut>;

/**
 * The zero-config demo's control panel: changes a demo person's state "in Slack" or "in Teams"
 * through the built-in emulators (as the person would in the real apps), so an admin can watch the
 * bridge mirror it. The all-in-one process provides it; it never exists with real Slack or Microsoft.
 */
export interface DemoPanel {
  people(): Promise<DemoPersonView[]>;
  change(change: DemoChange): Promise<void>;
}
