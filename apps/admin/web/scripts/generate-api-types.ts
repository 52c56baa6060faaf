// Writes src/api/schema.d.ts: the admin API's types, generated from the admin app's own OpenAPI
// document (apps/admin/src/api/openapi.ts). Run `pnpm --filter @presence/admin-web generate-api`
// after changing an API route or schema; a test fails while the committed file is out of date.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { renderApiTypes } from "./render-api-types.ts";

const target = fileURLToPath(new URL("../src/api/schema.d.ts", import.meta.url));
writeFileSync(target, await renderApiTypes());
console.log(`wrote ${target}`);
