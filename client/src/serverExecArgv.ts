// The node flags the extension starts the language server with (`bench/run.mjs --as-client` starts
// it the same way over stdio, to measure what an editor session gets).
//
// `--v8-pool-size=2`: two worker threads for V8's background work instead of four. The optimizing
// compiler runs its jobs on them, and the C library gives each thread that allocates an arena of
// its own, which it keeps: four held 11-13 MB of a 5k-line session's ~100 MB peak RSS. Over stdio,
// alternated at load 10-19 (bench/README.md, "Memory"): 5k lines 99-102 -> 93-96 MB, server CPU per
// open and edit the same; 100k lines 333-340 -> 324-338 MB, edit CPU 69-79 ms against 72-76. One
// thread saved 3 MB more at 5k but put the marking of a 100k-line heap on the main thread (edit CPU
// 109-116 ms); the flag is a process flag, so the server cannot choose it per document.
export const SERVER_EXEC_ARGV: readonly string[] = ['--v8-pool-size=2'];
