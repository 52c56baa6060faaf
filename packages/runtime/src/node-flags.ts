/**
 * V8 flags every bridge process runs with (docker-compose.yml's commands; `pnpm bench` starts its
 * bridges the same way). Under load V8 let a bridge's heap grow to two or three times what was live
 * (V8 picks a growing factor of up to 4 after a major GC), and its young generation to 3 × 16 MB:
 * at 10,000 people and 50 changes/s a bridge peaked at 293–309 MB resident. With the old generation
 * growing by at most 20 % past the live set and semi-spaces of 4 MB, the same run peaked at 167–173 MB
 * for 3–5 points more CPU, and the ceiling (35 changes/s with p99 ≤ 1 s) stayed where it was
 * (docs/performance.md, "Memory"). `--heap-growing-percent` may not go in NODE_OPTIONS, so both are arguments.
 */
export const BRIDGE_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=4", "--heap-growing-percent=20"];
