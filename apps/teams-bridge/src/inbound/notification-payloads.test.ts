import { describe, expect, it } from "vitest";

import {
  ZChangeNotification,
  ZLifecycleNotification,
  ZNotificationCollection,
  itemsOf,
  notifiedUserId,
} from "./notification-payloads.ts";
import { sameClientState } from "./notification-routes.ts";
import { hashClientState, presenceResource } from "./subscription-manager.ts";

const id = "fa8bf3dc-eca7-46b7-bad1-db199b62afc3";

describe("notification payloads", () => {
  it("reads Graph's basic presence notification (extra properties ignored)", () => {
    const batch = ZNotificationCollection.parse({
      value: [
        {
          subscriptionId: "7f105c7d-2dc5-4530-97cd-4e7ae6534c07",
          clientState: "secret",
          changeType: "updated",
          tenantId: "84bd8158-6d4d-4958-8b9f-9d6445542f95",
          resource: `communications/presences/${id.toUpperCase()}`,
          subscriptionExpirationDateTime: "2023-09-14T10:00:00.0000000Z",
          resourceData: {
            "@odata.id": `users/${id}/presence`,
            "@odata.type": "#microsoft.graph.presence",
            id,
          },
          organizationId: "84bd8158-6d4d-4958-8b9f-9d6445542f95",
        },
      ],
      validationTokens: ["ignored"],
    });
    const [first] = itemsOf(ZChangeNotification, batch.value).items;
    if (!first) throw new Error("no item");
    expect(notifiedUserId(first)).toBe(id);
    expect(notifiedUserId({ ...first, resource: "users/x/messages" })).toBeNull();
  });

  it("reads a batch item by item: one of an unknown kind is dropped, not the batch", () => {
    const known = {
      subscriptionId: "7f105c7d-2dc5-4530-97cd-4e7ae6534c07",
      tenantId: "84bd8158-6d4d-4958-8b9f-9d6445542f95",
      clientState: "secret",
      lifecycleEvent: "reauthorizationRequired",
    };
    const { items, dropped } = itemsOf(ZLifecycleNotification, [
      known,
      { ...known, lifecycleEvent: "newKind" },
      42,
    ]);
    expect(items).toEqual([known]);
    expect(dropped).toBe(2);
  });

  it("compares clientState with the stored hash", () => {
    const stored = hashClientState("s3cret");
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(sameClientState("s3cret", stored)).toBe(true);
    expect(sameClientState("s3creT", stored)).toBe(false);
    expect(sameClientState("", stored)).toBe(false);
  });

  it("builds the bulk presence resource", () => {
    expect(presenceResource(["a", "b"])).toBe("/communications/presences?$filter=id in ('a','b')");
  });
});
