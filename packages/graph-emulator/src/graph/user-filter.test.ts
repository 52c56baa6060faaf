import { describe, expect, it } from "vitest";
import type { DirectoryUser } from "../directory/directory.ts";
import { compileUserFilter } from "./user-filter.ts";

const user = (mail: string, displayName: string): DirectoryUser => ({
  id: "00000000-0000-0000-0000-000000000001",
  tenantId: "t",
  displayName,
  userPrincipalName: mail,
  mail,
  givenName: null,
  surname: null,
  jobTitle: null,
  mobilePhone: null,
  officeLocation: null,
  preferredLanguage: null,
  businessPhones: [],
  accountEnabled: true,
});

describe("compileUserFilter", () => {
  const ada = user("ada@contoso.com", "Ada O'Neil");
  const bob = user("bob@contoso.com", "Bob and Alice");

  it("matches eq, in, startswith, and/or, ignoring case, with quoted quotes", () => {
    expect(compileUserFilter("mail eq 'ADA@contoso.com'")(ada)).toBe(true);
    expect(compileUserFilter("mail eq 'ada@contoso.com'")(bob)).toBe(false);
    expect(compileUserFilter("displayName eq 'Ada O''Neil'")(ada)).toBe(true);
    expect(compileUserFilter("displayName eq 'Bob and Alice'")(bob)).toBe(true);
    expect(compileUserFilter("mail in ('x@y.z', 'bob@contoso.com')")(bob)).toBe(true);
    expect(compileUserFilter("startswith(displayName,'ad') and mail eq 'ada@contoso.com'")(ada)).toBe(true);
    expect(compileUserFilter("mail eq 'nobody@x' or userPrincipalName eq 'bob@contoso.com'")(bob)).toBe(true);
  });

  it("refuses what it does not understand instead of ignoring it", () => {
    expect(() => compileUserFilter("city eq 'Paris'")).toThrow(/Unsupported/);
    expect(() => compileUserFilter("mail ne 'a'")).toThrow(/Invalid filter/);
  });
});
