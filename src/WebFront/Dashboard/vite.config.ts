import { defineConfig } from "vite";

// The dashboard is served by the web front at / (see src/WebFront/Dashboard/DashboardHosting.cs); `npm run dev`
// proxies the API and the hub to a Swarmgrid on 127.0.0.1:8080.
export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { outDir: "dist", emptyOutDir: true, assetsInlineLimit: 0, sourcemap: false },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:8080",
      "/client/api": "http://127.0.0.1:8080",
      "/hubs": { target: "http://127.0.0.1:8080", ws: true },
    },
  },
});
