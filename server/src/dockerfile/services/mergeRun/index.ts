// Merging consecutive RUN instructions into one (one layer, one cache entry) without changing what
// the build does.
//
// Two RUNs in a stage are a pair when no other instruction stands between them (comments and blank
// lines may). A pair merges when both are shell form without heredocs, their flags are identical and
// the shell in effect is one we know how to chain for: POSIX sh (`&&`), cmd (`&&`) or PowerShell
// with `$ErrorActionPreference = 'Stop'` (`;`). The merged text keeps every command as written:
//   - continuation lines and comment lines inside stay where they are; comment lines between the RUNs
//     move into the merged RUN as comment lines; blank lines between are dropped (inside a
//     continuation BuildKit warns about them);
//   - a trailing shell comment (`make # build`) would swallow what is chained after it, so it moves
//     onto its own comment line just above the line it ended;
//   - a command that is itself a list (`a || b`, `a; b`, `a & b`) is wrapped (`{ a || b; }` in sh,
//     `( … )` in cmd) so that `&&` keeps stopping at the first failure;
//   - a command that changes the shell's state (`cd`, `export`, a bare `X=1`, `set`, `exit`...) and
//     is followed by another runs in a subshell `( … )` in sh; under cmd and PowerShell the merge
//     is not offered;
//   - under PowerShell, `Stop` turns a failing cmdlet into a terminating error, but a native program
//     failing only sets an exit code: a command that ends with one is not joined to the next;
//   - the file's escape character, line endings, indentation and `&&` placement are used.
//
// The parts, one job each: shellInEffect.ts (the shell a RUN runs in, from the stage analysis),
// fileStyle.ts (how the file writes continuations), mergeText.ts (the merged text, or why not),
// offers.ts (pairs, chains, what to offer), packageManagers.ts (apt-get update alone, cleanup in a
// separate RUN) and actions.ts (the source action merging every chain).
export * from './shellInEffect';
export * from './fileStyle';
export * from './mergeText';
export * from './offers';
export * from './packageManagers';
export * from './actions';
