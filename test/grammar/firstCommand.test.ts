// The first command of a shell form, tokenized with VS Code's own shell grammar (taken from the
// code-server of the e2e tools; skipped when they are not installed): its name, options, strings
// and variables get the shell scopes that the commands after `&&` get. test/grammar/cases/
// first-command.test.dockerfile asserts the scopes the Dockerfile grammar controls without it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as tm from 'vscode-textmate';
import * as onig from 'vscode-oniguruma';

const root = process.cwd();
const toolsDir = process.env.E2E_TOOLS_DIR || join(process.env.XDG_CACHE_HOME || join(process.env.HOME || homedir(), '.cache'), 'docklens-e2e-tools');
const shellGrammar = join(toolsDir, 'node_modules', 'code-server', 'lib', 'vscode', 'extensions', 'shellscript', 'syntaxes', 'shell-unix-bash.tmLanguage.json');

let loaded: Promise<tm.IGrammar> | undefined;
function grammar(): Promise<tm.IGrammar> {
  loaded ??= load();
  return loaded;
}

async function load(): Promise<tm.IGrammar> {
  const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const files: Record<string, string> = {
    'source.dockerfile.docklens': join(root, 'syntaxes', 'dockerfile.tmLanguage.json'),
    'source.shell': shellGrammar,
  };
  const registry = new tm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new onig.OnigScanner(patterns),
      createOnigString: (s: string) => new onig.OnigString(s),
    }),
    loadGrammar: async (scope: string) => (files[scope] ? tm.parseRawGrammar(readFileSync(files[scope], 'utf8'), files[scope]) : null),
  });
  const g = await registry.loadGrammar('source.dockerfile.docklens');
  assert.ok(g);
  return g;
}

/** The scopes of the token at the `n`th occurrence of `needle` in `text`, line by line as VS Code tokenizes. */
function scopesAt(g: tm.IGrammar, text: string, needle: string, n = 0): string[] {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, needle);
  let stack = tm.INITIAL;
  let offset = 0;
  for (const line of text.split('\n')) {
    const r = g.tokenizeLine(line, stack);
    if (at >= offset && at < offset + line.length + 1) {
      const token = r.tokens.find((t) => t.startIndex <= at - offset && at - offset < t.endIndex);
      return token?.scopes ?? [];
    }
    stack = r.ruleStack;
    offset += line.length + 1;
  }
  return [];
}

// [Dockerfile, word, expected scope]: the word's first occurrence after the keyword.
const cases: [string, string, string][] = [
  ['RUN apt-get install -y curl\n', 'apt-get', 'entity.name.command.shell'],
  ['RUN apt-get install -y curl\n', 'install', 'string.unquoted.argument.shell'],
  ['RUN apt-get install -y curl\n', 'y', 'constant.other.option'],
  ['RUN echo "$HOME" done\n', '"', 'string.quoted.double.shell'],
  ['RUN echo "$HOME" done\n', 'HOME', 'variable.other.normal.shell'],
  ['RUN echo ${VERSION}\n', 'VERSION', 'variable.other.normal.shell'],
  ["RUN printf 'x'\n", "'", 'string.quoted.single.shell'],
  ['RUN --mount=type=cache,target=/root/.cache pip install x\n', 'pip', 'entity.name.command.shell'],
  ['RUN --network=none \\\n    make test\n', 'make', 'entity.name.command.shell'],
  ['RUN \\\n    apt-get update\n', 'apt-get', 'entity.name.command.shell'],
  ['RUN apt-get install -y \\\n# comment\n    curl\n', 'curl', 'meta.statement.shell'],
  ['RUN CGO_ENABLED=0 go build\n', 'CGO_ENABLED', 'variable.other.assignment.shell'],
  ['RUN CGO_ENABLED=0 go build\n', 'go', 'entity.name.command.shell'],
  ['run set -eux\n', 'set', 'entity.name.command.shell'],
  ['CMD exec node server.js\n', 'exec', 'entity.name.command.shell'],
  ['HEALTHCHECK CMD curl -f http://x/ || exit 1\n', 'curl', 'entity.name.command.shell'],
  ['ONBUILD RUN make\n', 'make', 'entity.name.command.shell'],
  ['RUN cat <<EOF > /f\nhi\nEOF\n', 'cat', 'entity.name.command.shell'],
  ['RUN cat <<EOF > /f\nhi\nEOF\n', 'hi', 'string.unquoted.heredoc.dockerfile'],
  ['RUN if true; then make; fi\n', 'if', 'keyword.control.if.shell'],
];

describe('first command of a shell form, with VS Code\'s shell grammar', { skip: !existsSync(shellGrammar) && 'VS Code shell grammar not installed (node test/e2e/install-tools.mjs)' }, () => {
  for (const [text, word, scope] of cases) {
    it(`${JSON.stringify(text.split('\n')[0])}: ${word} is ${scope}`, async () => {
      const g = await grammar();
      const keywordEnd = text.indexOf(' ');
      const before = text.slice(0, keywordEnd).split(word).length - 1;
      const scopes = scopesAt(g, text, word, before);
      assert.ok(scopes.some((s) => s.split(' ').includes(scope) || s === scope || s.startsWith(scope + '.')), scopes.join(' '));
    });
  }
});
