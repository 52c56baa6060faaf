// The admin app's own document (a relative import: the UI is not a dependency of the app, nor the app of the UI).
import { openApiDocument } from "../../src/api/openapi.ts";
import openapiTS, { astToString } from "openapi-typescript";

const HEADER = `/**
 * The admin API's types, generated from its OpenAPI document by
 * \`pnpm --filter @presence/admin-web generate-api\`. Do not edit by hand.
 */
`;

/** The TypeScript declarations openapi-typescript makes of the admin API's OpenAPI document. */
export async function renderApiTypes(): Promise<string> {
  const ast = await openapiTS(openApiDocument() as unknown as Parameters<typeof openapiTS>[0], {
    alphabetize: true,
  });
  return HEADER + astToString(ast);
}
