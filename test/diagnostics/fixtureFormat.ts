// Reads and writes the rule fixtures: `test/fixtures/diagnostics/rules/<Code>.cases`.
//
//   === a case name
//   FROM alpine AS Build          ← the Dockerfile
//   --- options                   ← optional JSON: {"rules": {...}, "files": {".dockerignore": "..."}, "buildArgs": {...}, "hadolint": "<.hadolint.yaml text>"}
//   --- findings                  ← one line per finding of <Code>: `L:C-L:C message` (1-based); empty = must not trigger
//   1:16-1:21 Stage name 'Build' should be lowercase
//   --- fixed                     ← optional: the Dockerfile after applying every finding's first fix
//   FROM alpine AS build
//   --- error                     ← optional: the error that fails the build (BuildKit's check tests)
import { readFileSync, writeFileSync } from 'node:fs';

export interface RuleCase {
  name: string;
  dockerfile: string;
  options?: { rules?: Record<string, string>; files?: Record<string, string>; buildArgs?: Record<string, string>; hadolint?: string };
  findings: string[];
  fixed?: string;
  error?: string;
}

export function readCases(path: string): RuleCase[] {
  const text = readFileSync(path, 'utf8');
  const cases: RuleCase[] = [];
  for (const chunk of text.split(/^=== /m).slice(1)) {
    const nl = chunk.indexOf('\n');
    const name = chunk.slice(0, nl).trim();
    const parts = chunk.slice(nl + 1).split(/^--- (options|findings|fixed|error)\n/m);
    const c: RuleCase = { name, dockerfile: parts[0], findings: [] };
    for (let i = 1; i < parts.length; i += 2) {
      const body = parts[i + 1] ?? '';
      if (parts[i] === 'options') c.options = JSON.parse(body);
      else if (parts[i] === 'findings') c.findings = body.split('\n').filter((l) => l.trim() !== '');
      else if (parts[i] === 'error') c.error = body.replace(/\n$/, '');
      else c.fixed = body;
    }
    cases.push(c);
  }
  return cases;
}

export function writeCases(path: string, cases: RuleCase[]): void {
  let out = '';
  for (const c of cases) {
    out += `=== ${c.name}\n${c.dockerfile}`;
    if (c.options) out += `--- options\n${JSON.stringify(c.options)}\n`;
    out += `--- findings\n${c.findings.map((l) => l + '\n').join('')}`;
    if (c.fixed !== undefined) out += `--- fixed\n${c.fixed}`;
    if (c.error !== undefined) out += `--- error\n${c.error}\n`;
  }
  writeFileSync(path, out);
}
