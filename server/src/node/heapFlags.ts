// V8 heap flags the server sets for itself, as the first thing it runs (node/main.ts imports this
// module before any other: in the bundle its body runs before the other modules' top-level code).
import { setFlagsFromString } from 'node:v8';

// V8 lets the old generation grow up to 4x what survived the last full GC before it collects again:
// a 100k-line file (about 110 MB live with its rule caches) peaked at 445-501 MB RSS over stdio.
// Growing by 1.5x instead peaks at 340 MB. The price is more full GCs, and they land on edits: a
// 100k-line edit cost about 15 ms more CPU at load 5-15, while opens cost no more (bench/README.md,
// "Memory"). The flag is read at each full GC, so setting it here, after start, takes effect.
setFlagsFromString('--heap-growing-percent=50');

// V8 doubles the young generation (up to 2 x 16 MB) each time as much as its size has survived
// scavenges, which the first opens of any file do: at 5k lines it was 30 of the server's 130 MB
// peak RSS over stdio. Here growth is turned off (the factor is read at each scavenge) before the
// bundle's other modules run, so it stays at its initial 2 x 1 MB for every document: set after
// them (as main.ts did until 2026-12-06), loading had already doubled it to 2 x 2 MB; on node's
// command line the factor is not honoured (node grew it to 2 x 16 with it). Measured over stdio
// with the client's flags (bench/README.md, "Memory"):
// - 2 x 2 -> 2 x 1 MB, 5k lines: bench/rss.mjs young generation 3.8-4.1 -> 1.8-2.1 MB, peak 81.2 ->
//   80.3 MB after the second open, 94.4 -> 91.8 after ten more (load 12-13); run.mjs open CPU the same.
// - A document of >= 512K characters used to let it grow again (to the client's cap, 2 x 8 MB), on
//   the grounds that scavenges every 1 MB cost a large open more than the memory saved. With the
//   incremental pipeline of today that no longer holds: run.mjs --quick 100k, alternated, 7 runs each
//   at load 9-17, peak 250-257 -> 229-238 MB, open CPU p50 1291-2163 (median 1698) against
//   1505-2034 (median 1708) ms, edit CPU 18-29 -> 10-15 ms.
// Before, 2 x 16 -> 2 x 2 MB: 5k-line peak 130 -> 101 MB, ~25 scavenges per 5k-line open instead of
// ~1.5 (about 15-30 ms more CPU per warm 5k open in process at load 4-7; over stdio it did not show).
setFlagsFromString('--semi-space-growth-factor=1');
