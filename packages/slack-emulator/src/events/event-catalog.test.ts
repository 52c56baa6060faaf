import { describe, expect, it } from "vitest";
import { loadEventsSpec } from "../spec/load-spec.ts";
import { eventCatalog } from "./event-catalog.ts";

describe("event catalogue", () => {
  const catalog = eventCatalog(loadEventsSpec());

  it("takes scopes and subscription kinds from the official events spec", () => {
    expect(catalog.user_change).toEqual({ scopes: ["users:read"], subscriptions: ["bot", "user"] });
    expect(catalog.dnd_updated).toEqual({ scopes: ["dnd:read"], subscriptions: ["user"] });
    expect(catalog.dnd_updated_user).toEqual({ scopes: ["dnd:read"], subscriptions: ["user"] });
    expect(catalog.tokens_revoked).toEqual({ scopes: [], subscriptions: ["bot", "user"] });
  });

  it("adds the events newer than the 2021 spec", () => {
    expect(catalog.user_status_changed).toEqual({ scopes: ["users:read"], subscriptions: ["bot", "user"] });
    expect(catalog.user_huddle_changed).toEqual({ scopes: ["users:read"], subscriptions: ["bot", "user"] });
    expect(catalog.app_home_opened).toEqual({ scopes: [], subscriptions: ["bot"] });
  });
});
