#!/usr/bin/env node
// Agreement with hadolint's own rule tests, for the hadolint codes our rules declare.
//
//   node bench/hadolint-specs.mjs --hadolint <hadolint checkout> [--root <docklens checkout>] [--list] [--raw]
//
// Reads hadolint's test/Hadolint/Rule/DL*Spec.hs (not copied into this repository) and takes every
// assertion written as `ruleCatches`, `ruleCatchesNot`, `onBuildRuleCatches` or
// `onBuildRuleCatchesNot` with a Dockerfile given as a string literal, a `Text.unlines [...]` list or
// a `let` name bound to one. As hadolint's helpers do: the `onBuild` forms wrap every RUN in
// ONBUILD; `ruleCatches` wants at least one finding with the code, `onBuildRuleCatches` exactly one,
// the `Not` forms none. Our findings count for a code when the rule that reports them declares it
// (`hadolint: [...]` in the rule table). Every rule runs at its default severity, experimental and
// default-off ones switched on. Cases under a non-default `?config` (trusted registries, label
// schemas) and hand-written `assertChecks` are counted as skipped.
//
// `--root` points at another Docklens checkout (e.g. an older commit in a git worktree) to measure
// it the same way. `--list` prints every disagreement. A spec without FROM gets a neutral
// `FROM example.com/base:1.0` first (`--raw`: not). Nothing is asserted: this is a measurement.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadModules, optionText, ROOT } from './inprocess.mjs';

const hadolint = optionText('hadolint');
const root = resolve(optionText('root') ?? ROOT);
const list = process.argv.includes('--list');
const raw = process.argv.includes('--raw');
if (!hadolint || !existsSync(join(hadolint, 'test', 'Hadolint', 'Rule'))) {
  console.error('usage: node bench/hadolint-specs.mjs --hadolint <hadolint checkout> [--root <docklens checkout>] [--list]');
  process.exit(2);
}

// ---- the server modules of the checkout being measured ----
const exports = [
  "export { parseDocument } from './server/src/dockerfile/parser/model';",
  "export { RULES, runDiagnostics } from './server/src/dockerfile/services/diagnostics';",
];
const withShell = existsSync(join(root, 'server', 'src', 'node', 'shellParser.ts'));
if (withShell) exports.push("export { loadShellParser } from './server/src/node/shellParser';");
const lib = await loadModules(`hadolint-specs-${process.pid}`, exports, root);
if (withShell) {
  // The bundle looks for tree-sitter's wasm files from its own folder and the working directory.
  process.chdir(root);
  const problem = await lib.loadShellParser();
  if (problem) throw new Error(problem);
}

// ---- reading the Haskell specs ----

/** A Haskell string literal at `at` (a `"`): its value and where it ends. */
function stringAt(src, at) {
  let value = '';
  let i = at + 1;
  while (i < src.length && src[i] !== '"') {
    if (src[i] !== '\\') {
      value += src[i++];
      continue;
    }
    const e = src[i + 1];
    if (/\s/.test(e)) {
      // a string gap: backslash, white space, backslash
      i = src.indexOf('\\', i + 1) + 1;
      continue;
    }
    const simple = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', "'": "'", '&': '' };
    if (e in simple) {
      value += simple[e];
      i += 2;
    } else if (/\d/.test(e)) {
      const m = /^\d+/.exec(src.slice(i + 1));
      value += String.fromCharCode(Number(m[0]));
      i += 1 + m[0].length;
    } else if (e === 'x') {
      const m = /^[0-9a-fA-F]+/.exec(src.slice(i + 2));
      value += String.fromCharCode(parseInt(m[0], 16));
      i += 2 + m[0].length;
    } else {
      value += e;
      i += 2;
    }
  }
  return { value, end: i + 1 };
}

/** `[ "a", "b" ]` at `at` (a `[`): the strings, or undefined when it holds anything else. */
function stringListAt(src, at) {
  const values = [];
  let i = at + 1;
  for (;;) {
    while (/[\s,]/.test(src[i] ?? '')) i++;
    if (src[i] === ']') return { values, end: i + 1 };
    if (src[i] !== '"') return undefined;
    const s = stringAt(src, i);
    values.push(s.value);
    i = s.end;
  }
}

const unlines = (lines) => lines.map((l) => l + '\n').join('');

/** The Dockerfile argument of an assertion starting at `at`. */
function dockerfileAt(src, at, bindings) {
  let rest = src.slice(at);
  const lead = /^\s*(?:\$\s*)?\(?\s*/.exec(rest)[0];
  let i = at + lead.length;
  rest = src.slice(i);
  const un = /^(?:Text\.)?unlines\s+/.exec(rest);
  if (un) {
    i += un[0].length;
    if (src[i] === '[') return stringListAt(src, i) && unlines(stringListAt(src, i).values);
    const name = /^[a-zA-Z_][\w']*/.exec(src.slice(i))?.[0];
    const bound = name && bindings.get(name);
    return Array.isArray(bound) ? unlines(bound) : undefined;
  }
  if (src[i] === '"') return stringAt(src, i).value;
  const name = /^[a-zA-Z_][\w']*/.exec(rest)?.[0];
  const bound = name && bindings.get(name);
  return typeof bound === 'string' ? bound : undefined;
}

/** The cases of one spec file: { code, kind, name, dockerfile } and a count of skipped ones. */
function casesOf(src) {
  const cases = [];
  let skipped = 0;
  const starts = [...src.matchAll(/^\s*it\s+"/gm)].map((m) => m.index);
  starts.forEach((start, k) => {
    const block = src.slice(start, starts[k + 1] ?? src.length);
    const name = stringAt(block, block.indexOf('"')).value;
    const calls = [...block.matchAll(/\b(onBuildRuleCatchesNot|onBuildRuleCatches|ruleCatchesNot|ruleCatches)\s+"((?:DL|SC)\d+)"/g)];
    const custom = (block.match(/\bassert(?:OnBuild)?Checks\b/g) ?? []).length;
    // The configuration in effect: set in the block, or last set above it (a `describe`'s let).
    const configs = [...src.slice(0, start).matchAll(/\?config\s*=\s*/g), ...block.matchAll(/\?config\s*=\s*/g)];
    const custom_ = (text, at) => !/^def\b(?!\s*\{)/.test(text.slice(at));
    const inBlock = [...block.matchAll(/\?config\s*=\s*/g)];
    const last = [...src.slice(0, start).matchAll(/\?config\s*=\s*/g)].pop();
    const nonDefault = inBlock.some((m) => custom_(block, m.index + m[0].length)) || (inBlock.length === 0 && last && custom_(src, last.index + last[0].length));
    if (configs.length > 0 && nonDefault) {
      skipped += calls.length + custom;
      return;
    }
    skipped += custom;
    const bindings = new Map();
    for (const b of block.matchAll(/\b([a-zA-Z_][\w']*)\s*=\s*(?=["[])/g)) {
      const at = b.index + b[0].length;
      if (block[at] === '[') {
        const l = stringListAt(block, at);
        if (l) bindings.set(b[1], l.values);
      } else bindings.set(b[1], stringAt(block, at).value);
    }
    for (const c of calls) {
      const dockerfile = dockerfileAt(block, c.index + c[0].length, bindings);
      if (dockerfile === undefined) skipped++;
      else cases.push({ kind: c[1], code: c[2], name, dockerfile });
    }
  });
  return { cases, skipped };
}

// ---- running them ----
const byHadolint = new Map();
for (const r of lib.RULES) for (const h of r.hadolint ?? []) byHadolint.set(h, [...(byHadolint.get(h) ?? []), r.code]);
const allOn = Object.fromEntries(lib.RULES.map((r) => [r.code, r.defaultSeverity === 'off' ? 'warning' : r.defaultSeverity]));

const dir = join(hadolint, 'test', 'Hadolint', 'Rule');
const rows = [];
let skippedTotal = 0;
let unmapped = 0;
for (const file of readdirSync(dir).filter((f) => /^DL\d+Spec\.hs$/.test(f)).sort()) {
  const { cases, skipped } = casesOf(readFileSync(join(dir, file), 'utf8'));
  const code = file.replace('Spec.hs', '');
  const ours = byHadolint.get(code);
  if (!ours) {
    unmapped += cases.length;
    continue;
  }
  skippedTotal += skipped;
  let agree = 0;
  const wrong = [];
  for (const c of cases) {
    let text = (c.kind.startsWith('onBuild') ? c.dockerfile.replace(/^(\s*)RUN\b/gim, '$1ONBUILD RUN') : c.dockerfile) + '\n';
    // Most specs are a bare `RUN ...`: hadolint lints instructions without a FROM, BuildKit refuses
    // such a file and our rules work per stage. So a neutral base goes first, except for DL3061
    // (instructions before FROM), and `--raw` measures without it.
    if (!raw && c.code !== 'DL3061' && !/^\s*FROM\b/im.test(text)) text = 'FROM example.com/base:1.0\n' + text;
    let count;
    try {
      const findings = lib.runDiagnostics(lib.parseDocument(text), { rules: allOn });
      count = findings.filter((f) => (byHadolint.get(c.code) ?? []).includes(f.code)).length;
    } catch (e) {
      count = -1;
    }
    const ok = c.kind.endsWith('Not') ? count === 0 : c.kind === 'onBuildRuleCatches' ? count === 1 : count >= 1;
    if (ok) agree++;
    else wrong.push(`  ${c.kind} "${c.name}" (we report ${count}): ${JSON.stringify(c.dockerfile.trim()).slice(0, 160)}`);
  }
  rows.push({ code, ours: ours.join(','), cases: cases.length, agree, skipped, wrong });
}

const total = rows.reduce((n, r) => n + r.cases, 0);
const agreed = rows.reduce((n, r) => n + r.agree, 0);
console.log(`hadolint specs: ${hadolint} — Docklens: ${root}${raw ? ' (raw: specs without FROM run as written)' : ''}`);
console.log(`${rows.length} hadolint codes mapped; ${agreed} of ${total} assertions agree; ${skippedTotal} skipped (custom config or assertions); ${unmapped} assertions of unmapped codes not run`);
console.log('\n| hadolint | Docklens | agree | of | skipped |\n| --- | --- | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.code} | ${r.ours} | ${r.agree} | ${r.cases} | ${r.skipped} |`);
if (list) for (const r of rows) if (r.wrong.length > 0) console.log(`\n${r.code} (${r.ours}):\n${r.wrong.join('\n')}`);
