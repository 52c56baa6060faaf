import { describe, expect, it } from "vitest";
import { parseEventsResource } from "./events-resource.ts";

describe("parseEventsResource", () => {
  it("takes /me/events and /users/{id}/events with or without the leading slash", () => {
    expect(parseEventsResource("/me/events")).toEqual({ ok: true, mailbox: { me: true } });
    expect(parseEventsResource("me/Events")).toEqual({ ok: true, mailbox: { me: true } });
    expect(parseEventsResource("users/ada@contoso.com/events")).toEqual({
      ok: true,
      mailbox: { me: false, idOrUpn: "ada@contoso.com" },
    });
    expect(parseEventsResource("/Users/7f2c0e4c-1b1e-4c59-9c7e-0a8f3f1b2c3d/events")).toMatchObject({
      ok: true,
    });
  });

  it("refuses other resources and query options", () => {
    expect(parseEventsResource("/users/x/messages").ok).toBe(false);
    expect(parseEventsResource("/users/x/events?$filter=showAs eq 'busy'").ok).toBe(false);
    expect(parseEventsResource("communications/presences/x").ok).toBe(false);
  });
});
