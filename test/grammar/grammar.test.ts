// The TextMate grammars: scope assertions (vscode-tmgrammar-test over test/grammar/cases), token
// snapshots of real Dockerfiles (vscode-tmgrammar-snap over test/grammar/snap), the generated
// grammar being up to date, its manifest entries, the language configurations' Enter rules, and
// where the grammar starts instructions compared with BuildKit's own parse of the corpus.
//
// VS Code's shell and YAML grammars are not available outside the editor: the Dockerfile tests
// assert the embedding scopes we control (meta.embedded.*), and the Compose tests run over a
// stand-in YAML grammar (test/grammar/stubs) that has the shapes the injection meets.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tm from 'vscode-textmate';
import * as onig from 'vscode-oniguruma';
import { corpusPath, hasCorpora } from '../support/corpora';
import { expandSnippet } from '../snippets/expand';

const root = process.cwd();
const here = join(root, 'test', 'grammar');
const TOOLS = join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist');
const YAML_STUB = join('test', 'grammar', 'stubs', 'yaml-stub.tmLanguage.json');
const DOCKERFILE_SCOPE = 'source.dockerfile.docklens';

function run(args: string[]): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 240_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));

describe('grammar files', () => {
  it('the committed Dockerfile grammar is what syntaxes/generate.mjs produces', () => {
    const r = run([join('syntaxes', 'generate.mjs'), '--check']);
    assert.equal(r.status, 0, r.output);
  });

  it('package.json registers each grammar under the scope its file declares', () => {
    const grammars: { language?: string; scopeName: string; path: string; injectTo?: string[] }[] = readJson('package.json').contributes.grammars;
    const byLanguage = new Map(grammars.filter((g) => g.language).map((g) => [g.language, g.scopeName]));
    assert.equal(byLanguage.get('dockerfile'), DOCKERFILE_SCOPE);
    assert.equal(byLanguage.get('dockercompose'), 'source.dockercompose.docklens');
    for (const g of grammars) assert.equal(readJson(g.path).scopeName, g.scopeName, g.path);
    const injection = grammars.find((g) => g.injectTo);
    assert.deepEqual(injection?.injectTo, ['source.dockercompose.docklens']);
    assert.deepEqual(readJson('syntaxes/dockercompose.tmLanguage.json').patterns, [{ include: 'source.yaml' }]);
  });
});

describe('scope assertions (vscode-tmgrammar-test)', () => {
  const cases = readdirSync(join(here, 'cases')).filter((f) => f.includes('.test.'));
  it('has a fixture for every construct', () => {
    for (const name of ['directives', 'escape-backtick', 'instructions', 'continuation', 'exec-form', 'variables-strings', 'shell-embedding', 'first-command', 'heredocs', 'compose-interpolation']) {
      assert.ok(cases.some((c) => c.startsWith(name + '.')), name);
    }
  });
  it('every assertion in test/grammar/cases holds', () => {
    const r = run([join(TOOLS, 'unit.js'), '--compact', '-g', YAML_STUB, 'test/grammar/cases/*.test.*']);
    assert.equal(r.status, 0, r.output);
    for (const c of cases) assert.match(r.output, new RegExp(`${c.replace(/\./g, '\\.')} run successfuly`), c);
  });
});

describe('token snapshots of real Dockerfiles (vscode-tmgrammar-snap)', () => {
  const samples = readdirSync(join(here, 'snap')).filter((f) => f.endsWith('.dockerfile'));
  it('every sample has a reviewed snapshot (the tool would silently write a missing one)', () => {
    assert.ok(samples.length >= 15, `${samples.length} samples`);
    for (const s of samples) assert.ok(existsSync(join(here, 'snap', s + '.snap')), `${s}.snap`);
  });
  it('tokens match the snapshots', () => {
    const r = run([join(TOOLS, 'snapshot.js'), 'test/grammar/snap/*.dockerfile']);
    assert.equal(r.status, 0, r.output);
  });
});

interface EnterRule {
  beforeText: string;
  previousLineText?: string;
  action: { indent: string };
}

describe('language configuration', () => {
  const dockerfile = readJson('language-configuration/dockerfile.json');
  const compose = readJson('language-configuration/compose.json');
  /** The action of the first rule that applies, as VS Code picks it; undefined: keep indentation. */
  function enterAction(rules: EnterRule[], previous: string, before: string): string | undefined {
    const rule = rules.find((r) => new RegExp(r.beforeText).test(before) && (!r.previousLineText || new RegExp(r.previousLineText).test(previous)));
    return rule?.action.indent;
  }
  const cases: [previous: string, line: string, expected: string | undefined][] = [
    ['', 'RUN apt-get update \\', 'indent'],
    ['FROM x', 'RUN --mount=type=cache,target=/root/.npm \\  ', 'indent'],
    ['RUN apt-get update \\', '    && apt-get install -y curl \\', 'none'],
    ['    && apt-get install -y curl \\', '    && rm -rf /var/lib/apt/lists/*', 'outdent'],
    ['RUN powershell -Command `', '    Write-Host hi', 'outdent'],
    ['FROM x', 'WORKDIR /app', undefined],
    ['RUN a \\', '    # a comment line inside the continuation', undefined],
  ];
  for (const [previous, line, expected] of cases) {
    it(`Enter after ${JSON.stringify(line)} (previous ${JSON.stringify(previous)}) → ${expected ?? 'same indentation'}`, () => {
      assert.equal(enterAction(dockerfile.onEnterRules, previous, line), expected);
    });
  }
  it('both languages comment with # and close brackets and quotes', () => {
    for (const config of [dockerfile, compose]) {
      assert.equal(config.comments.lineComment, '#');
      const opens = config.autoClosingPairs.map((p: { open: string }) => p.open);
      for (const ch of ['{', '[', '"', "'"]) assert.ok(opens.includes(ch), ch);
    }
  });
  it('Compose indents after a mapping key and folds by indentation', () => {
    const increase = new RegExp(compose.indentationRules.increaseIndentPattern);
    for (const line of ['services:', '  web:', '    command: |', '  - name: x:', '    environment:  # comment']) assert.ok(increase.test(line), line);
    for (const line of ['    image: nginx:1.27', '# services:', '      - "8080:80"']) assert.ok(!increase.test(line), line);
    assert.equal(compose.folding.offSide, true);
  });
});

let loaded: Promise<tm.IGrammar | null> | undefined;
/** The Dockerfile grammar in vscode-textmate, as VS Code runs it (without the shell grammar). */
function dockerfileGrammar(): Promise<tm.IGrammar | null> {
  loaded ??= (async () => {
    const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new tm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new onig.OnigScanner(patterns),
        createOnigString: (s: string) => new onig.OnigString(s),
      }),
      loadGrammar: async (scope: string) =>
        scope === DOCKERFILE_SCOPE ? tm.parseRawGrammar(readFileSync(join(root, 'syntaxes', 'dockerfile.tmLanguage.json'), 'utf8'), 'dockerfile.tmLanguage.json') : null,
    });
    return registry.loadGrammar(DOCKERFILE_SCOPE);
  })();
  return loaded;
}

describe('Dockerfile snippets, expanded, highlight cleanly', () => {
  const snippets: Record<string, { body: string | string[] }> = readJson('snippets/dockerfile.json');
  for (const [name, s] of Object.entries(snippets)) {
    it(`"${name}" has no invalid token and its RUN commands are embedded shell`, async () => {
      const grammar = await dockerfileGrammar();
      assert.ok(grammar);
      let state = tm.INITIAL;
      for (const line of expandSnippet(s.body).split('\n')) {
        const r = grammar.tokenizeLine(line, state);
        state = r.ruleStack;
        for (const t of r.tokens) {
          assert.ok(!t.scopes.some((sc) => sc.startsWith('invalid.illegal')), `${line.slice(t.startIndex, t.endIndex)} in ${line}: ${t.scopes.join(' ')}`);
          if (/^\s*RUN\b/.test(line) && t.startIndex === line.length - 1 && line.endsWith('\\')) {
            assert.ok(t.scopes.includes('constant.character.escape.line-continuation.dockerfile'), line);
          }
        }
      }
    });
  }
});

describe('instruction boundaries agree with BuildKit on the corpus', { skip: !hasCorpora() && 'corpora not found' }, () => {
  it('the grammar starts an instruction exactly on the lines where BuildKit does', async () => {
    const grammar = await dockerfileGrammar();
    assert.ok(grammar);
    const dir = corpusPath('dockerfiles');
    // Generator templates (`{{ }}`, `%%VAR%%`) are not Dockerfiles until rendered.
    const templates = new Set(
      readFileSync(join(dir, 'manifest.tsv'), 'utf8')
        .split('\n')
        .slice(1)
        .map((l) => l.split('\t'))
        .filter((cols) => (cols[7] ?? '').split(',').includes('template'))
        .map((cols) => cols[0]),
    );
    let files = 0;
    let instructions = 0;
    const disagreements: string[] = [];
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
      const id = f.slice(0, -'.json'.length);
      if (templates.has(id) || !existsSync(join(dir, `${id}.result`))) continue;
      const ref: { instructions: { startLine: number }[] } = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      const lines = readFileSync(join(dir, `${id}.Dockerfile`), 'utf8').split(/\r\n|\n/);
      const starts: number[] = [];
      let state = tm.INITIAL;
      lines.forEach((line, i) => {
        const r = grammar.tokenizeLine(line, state);
        state = r.ruleStack;
        const first = r.tokens.find((t) => line.slice(t.startIndex, t.endIndex).trim() !== '');
        if (!first) return;
        const top = first.scopes.filter((s) => s.startsWith('meta.instruction.')).length === 1;
        const keyword = first.scopes.some((s) => /^(keyword\.other\.instruction\.|invalid\.illegal\.unknown-instruction\.)/.test(s));
        if (top && keyword && !first.scopes.includes('meta.healthcheck-command.dockerfile')) starts.push(i + 1);
      });
      const want = ref.instructions.map((x) => x.startLine);
      files++;
      instructions += want.length;
      if (starts.join(',') !== want.join(',')) disagreements.push(`${id}: grammar ${starts.slice(0, 8)} buildkit ${want.slice(0, 8)}`);
    }
    assert.ok(files > 1000, `${files} files`);
    assert.ok(instructions > 10000, `${instructions} instructions`);
    assert.deepEqual(disagreements, []);
  });
});
