import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The admin UI is served by the admin app from dist/ (apps/admin/src/ui/serve-ui.ts). No inline script
// or style ends up in index.html, so the Content-Security-Policy can stay strict ('self' only).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    assetsDir: "assets",
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
  server: {
    // `pnpm --filter @presence/admin-web dev`: the UI with hot reload, the API from a running admin app.
    proxy: { "/api": "http://127.0.0.1:3000", "/auth": "http://127.0.0.1:3000" },
  },
});
