// Every snippet, expanded with its defaults (as if the user pressed Tab through it), must give a
// file that Docklens finds nothing wrong with: no parser errors and no error/warning/info
// diagnostic. Fragment snippets (one RUN, a HEALTHCHECK, a Compose key) are checked inside a
// small host file, as the user would insert them; `{{snippet}}` marks the cursor and, like the
// editor, every inserted line after the first takes the indentation of the cursor's line.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandSnippet, parseSnippet, unknownVariables } from './expand';
import { parseDockerfile } from '../../server/src/dockerfile/parser/parser';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { runDiagnostics } from '../../server/src/dockerfile/services/diagnostics';
import { composeProblems, parseCompose } from '../../server/src/compose';
import { useShellParser } from '../support/shellParser';
import { allSnippetPrefixes, placedSnippetPrefixes } from '../../server/src/compose/snippets';

/** Rules a snippet is exempt from (see where it is used). */
const PINNING_RULES = ['AptPackageUnpinned', 'ApkPackageUnpinned', 'PipPackageUnpinned'];

useShellParser();

interface SnippetFile {
  [name: string]: { prefix: string | string[]; body: string | string[]; description?: string };
}

const root = process.cwd();
const readSnippets = (file: string): SnippetFile => JSON.parse(readFileSync(join(root, 'snippets', file), 'utf8'));
const dockerfileSnippets = readSnippets('dockerfile.json');
const composeSnippets = readSnippets('compose.json');

/** Host files for fragment snippets, by the snippet's first prefix. Whole-file snippets have none. */
const DOCKERFILE_HOSTS: Record<string, string> = {
  'run-apt-cache': 'FROM debian:12-slim\n{{snippet}}\nUSER nobody\n',
  'run-pip-cache': 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n{{snippet}}\n',
  'run-npm-cache': 'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\n{{snippet}}\n',
  healthcheck: 'FROM nginx:1.27\n{{snippet}}\n',
  'user-nonroot': 'FROM debian:12-slim\n{{snippet}}\n',
  syntax: '{{snippet}}\nFROM alpine:3.20\n',
};

const COMPOSE_HOSTS: Record<string, string> = {
  'compose-service': [
    'services:',
    '  {{snippet}}',
    '  db:',
    '    image: postgres:17-alpine',
    '    environment:',
    '      POSTGRES_PASSWORD_FILE: /run/secrets/db_password',
    '    healthcheck:',
    '      test: ["CMD-SHELL", "pg_isready -U postgres"]',
    'volumes:',
    '  data:',
    '',
  ].join('\n'),
  'compose-healthcheck': 'services:\n  web:\n    image: nginx:1.27\n    {{snippet}}\n',
  'compose-depends-healthy': [
    'services:',
    '  web:',
    '    image: nginx:1.27',
    '    {{snippet}}',
    '  db:',
    '    image: postgres:17-alpine',
    '    healthcheck:',
    '      test: ["CMD-SHELL", "pg_isready -U postgres"]',
    '',
  ].join('\n'),
};

function firstPrefix(s: { prefix: string | string[] }): string {
  return Array.isArray(s.prefix) ? s.prefix[0] : s.prefix;
}

/** Inserts the expanded snippet at `{{snippet}}`, indenting its later lines like the editor. */
function placeIn(host: string | undefined, expanded: string): string {
  if (host === undefined) return expanded.endsWith('\n') ? expanded : expanded + '\n';
  const at = host.indexOf('{{snippet}}');
  const lineStart = host.lastIndexOf('\n', at) + 1;
  const indent = /^[ \t]*/.exec(host.slice(lineStart, at))![0];
  const text = expanded.replace(/\n$/, '').split('\n').join('\n' + indent);
  return host.slice(0, at) + text + host.slice(at + '{{snippet}}'.length);
}

function describeFindings(list: { code: string; severity: string; message: string }[]): string {
  return list.map((f) => `${f.severity} ${f.code}: ${f.message}`).join('\n');
}

describe('snippet expansion', () => {
  it('uses defaults, mirrors, first choices and drops $0', () => {
    assert.equal(expandSnippet('FROM ${1:alpine}:${2:3.20} AS ${3|build,base|}\nCOPY --from=$3 /a /b$0'), 'FROM alpine:3.20 AS build\nCOPY --from=build /a /b');
  });
  it('expands nested placeholders and a later mirror of an earlier default', () => {
    assert.equal(expandSnippet('${1:image:${2:tag}} ${2} $1'), 'image:tag tag image:tag');
  });
  it('keeps escaped characters literally and a lone backslash as a backslash', () => {
    assert.equal(expandSnippet(['RUN echo \\${HOME} \\}\\\\', 'x \\n']), 'RUN echo ${HOME} }\\\nx \\n');
  });
  it('reads escaped commas and bars inside a choice', () => {
    assert.equal(expandSnippet('${1|a\\,b,c|}'), 'a,b');
  });
  it('replaces known variables with sample values and keeps unknown names', () => {
    assert.equal(expandSnippet('# $TM_FILENAME ${UNKNOWN_THING:fallback} $NOPE'), '# Dockerfile fallback NOPE');
    assert.deepEqual(unknownVariables('$TM_FILENAME \\$HOME $HOME'), ['HOME']);
  });
  it('checks that can fail: a careless Dockerfile and Compose file do get findings', () => {
    const careless = 'FROM ubuntu\nRUN apt-get update\nRUN apt-get install curl\nCMD node server.js\n';
    const codes = runDiagnostics(parseDocument(careless)).map((f) => f.code);
    for (const code of ['BaseImageUnpinned', 'AptGetInstallNoConfirm', 'JSONArgsRecommended']) assert.ok(codes.includes(code), `${code} in ${codes}`);
    assert.ok(composeProblems(parseCompose('services:\n  web:\n    imgae: nginx\n')).length > 0);
  });
  it('rejects transforms and unterminated placeholders', () => {
    assert.throws(() => parseSnippet('${1/a/b/}'));
    assert.throws(() => parseSnippet('${1:open'));
  });
});

for (const [language, snippets, hosts] of [
  ['dockerfile', dockerfileSnippets, DOCKERFILE_HOSTS],
  ['compose', composeSnippets, COMPOSE_HOSTS],
] as const) {
  describe(`${language} snippets`, () => {
    it('are served by the language server where they fit, not by package.json', () => {
      const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
      // A contributed snippet file cannot be translated, and Compose ones would show up in values (`restart: compose-app`).
      assert.equal(pkg.contributes.snippets, undefined, 'contributes.snippets');
      if (language === 'compose') {
        assert.deepEqual(placedSnippetPrefixes().sort(), allSnippetPrefixes().sort(), 'every compose snippet has a place in server/src/compose/snippets.ts');
      }
    });
    it('have unique prefixes, a description, and no unescaped $', () => {
      const seen = new Set<string>();
      for (const [name, s] of Object.entries(snippets)) {
        const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
        for (const p of prefixes) {
          assert.ok(!seen.has(p), `duplicate prefix ${p}`);
          seen.add(p);
        }
        assert.ok(s.description && s.description.length > 20, `${name} needs a description`);
        assert.deepEqual(unknownVariables(s.body), [], `${name} has unescaped $`);
      }
    });
    for (const [name, s] of Object.entries(snippets)) {
      const text = placeIn((hosts as Record<string, string>)[firstPrefix(s)], expandSnippet(s.body));
      if (language === 'dockerfile') {
        it(`"${name}" parses and has no error, warning or info diagnostic`, () => {
          const problems = parseDockerfile(text).problems.filter((p) => p.severity === 'error');
          assert.deepEqual(problems.map((p) => p.message), [], text);
          // Version pinning is exempt: a snippet cannot carry a pin that keeps working (Debian and
          // Alpine drop superseded package versions from their archives, so a pinned install fails
          // the build months later); the packages are a placeholder the user replaces anyway.
          const findings = runDiagnostics(parseDocument(text)).filter((f) => f.severity !== 'hint' && !PINNING_RULES.includes(f.code));
          assert.equal(findings.length, 0, `${describeFindings(findings)}\n---\n${text}`);
        });
      } else {
        it(`"${name}" is valid Compose with no error, warning or information problem`, () => {
          const problems = composeProblems(parseCompose(text));
          assert.equal(problems.length, 0, `${describeFindings(problems)}\n---\n${text}`);
        });
      }
    }
  });
}
