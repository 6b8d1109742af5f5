// The bundle `vigil serve` embeds: written straight into the server crate, so a fresh
// `cargo build` needs no npm. Names carry content hashes (cached for a year by the server)
// and nothing depends on the time of the build, so the same sources give the same bytes,
// which CI checks (scripts/web-build.sh --check).
import { defineConfig } from "vite";

export default defineConfig({
  base: "/",
  build: {
    outDir: "../crates/vigil-server/web-dist",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    // The map library is one large module; splitting it gains nothing for a single page.
    chunkSizeWarningLimit: 2000,
  },
});
