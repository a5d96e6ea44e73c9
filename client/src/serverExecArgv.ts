// The node flags and the environment the extension starts the language server with
// (`bench/run.mjs --as-client` and `bench/rss.mjs --as-client` start it the same way over stdio, to
// measure what an editor session gets).
//
// `--v8-pool-size=2`: two worker threads for V8's background work instead of four. The optimizing
// compiler runs its jobs on them, and the C library gives each thread that allocates an arena of
// its own, which it keeps: four held 11-13 MB of a 5k-line session's ~100 MB peak RSS. Over stdio,
// alternated at load 10-19 (bench/README.md, "Memory"): 5k lines 99-102 -> 93-96 MB, server CPU per
// open and edit the same; 100k lines 333-340 -> 324-338 MB, edit CPU 69-79 ms against 72-76. One
// thread saved 3 MB more at 5k but put the marking of a 100k-line heap on the main thread (edit CPU
// 109-116 ms); the flag is a process flag, so the server cannot choose it per document.
//
// `--max-semi-space-size=8` (2026-12-06, session 10) capped a large document's young generation at
// 2 x 8 MB; the server no longer lets it grow at all (server/src/node/heapFlags.ts: 2 x 1 MB for
// every document, 100k-line peak 250-257 -> 229-238 MB), so the cap is gone.
export const SERVER_EXEC_ARGV: readonly string[] = ['--v8-pool-size=2'];

// The environment the extension adds for the server: nothing today. Measured and not set (bench/README.md,
// "Memory"): glibc's MALLOC_TRIM_THRESHOLD_=131072 (the default, made fixed) gave back 8 MB of C
// heap at start (RSS 68.6 -> 63.5 MB) but sent every block above 128 KB to a mapping of its own:
// +500-700 ms of system CPU over bench/rss.mjs at 5k lines (about +45 ms per 5k open) for a peak
// 3-4 MB lower; larger fixed thresholds (512 KB-4 MB) cost less and saved nothing at start;
// MALLOC_ARENA_MAX=1 or 2 moved the worker threads' memory into the main heap, no clear change in
// the peak.
export const SERVER_ENV: Readonly<Record<string, string>> = {};
