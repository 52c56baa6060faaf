import { describe, expect, it } from "vitest";
import { parsePresenceResource } from "./presence-resource.ts";

const A = "fa8bf3dc-eca7-46b7-bad1-db199b62afc3";
const B = "66825e03-7ef5-42da-9069-724602c31f6b";

describe("parsePresenceResource", () => {
  it("reads the single and bulk forms of the docs", () => {
    expect(parsePresenceResource(`communications/presences/${A}`)).toEqual({ ok: true, userIds: [A] });
    expect(parsePresenceResource(`/communications/presences?$filter=id in ('${A}', '${B}')`)).toEqual({
      ok: true,
      userIds: [A, B],
    });
    expect(parsePresenceResource(`/communications/presences?$filter=id%20in%20('${A}')`)).toEqual({
      ok: true,
      userIds: [A],
    });
  });

  it("refuses other resources and ids that are not GUIDs", () => {
    expect(parsePresenceResource("me/mailFolders('Inbox')/messages").ok).toBe(false);
    expect(parsePresenceResource("communications/presences/not-a-guid").ok).toBe(false);
    expect(parsePresenceResource(`communications/presences?$filter=id in ('${A}', 'x')`).ok).toBe(false);
  });
});
