// Bundles the client, the server and the CLI into dist/ with esbuild.
import { build } from 'esbuild';
import { copyFileSync, cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { yamlBrowserBuild } from './yamlBuild.mjs';

const watch = process.argv.includes('--watch');
// scripts/test.mjs builds dist/ once before running test files side by side; the tests that ask for
// a build of their own must not rewrite dist/ while another test runs it.
if (process.env.DOCKLENS_SKIP_BUILD === '1' && !watch) process.exit(0);
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  ...yamlBrowserBuild,
};

// The hadolint codes the rule table covers, for the client's offer to quiet the hadolint extension
// (client/src/coexistence): read from the table here so the client does not bundle the rules.
async function hadolintCodes() {
  const out = await build({
    stdin: { contents: "export { RULES_BY_HADOLINT } from './server/src/dockerfile/services/diagnostics/table';", resolveDir: '.', loader: 'ts' },
    bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', '__filename', '__dirname', out.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url), 'hadolint-codes.js', '.');
  return [...module.exports.RULES_BY_HADOLINT.keys()].sort();
}

// The server and the CLI are also the npm package's bins (`docklens-language-server`, `docklens`).
const bin = { banner: { js: '#!/usr/bin/env node' } };
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'], define: { DOCKLENS_HADOLINT_CODES: JSON.stringify(await hadolintCodes()) } },
  // Minified: V8 keeps the script's source, and parsing it at start leaves the C heap as large as
  // the parse needed. 2.4 -> 1.6 MB of source; a 5k-line session over stdio peaked 3-7 MB lower
  // (93-96 -> 90-92 MB with the client's flags, 102 -> 95 without; alternated at load 11-12;
  // bench/README.md, "Memory"). Names are not kept (esbuild's keepNames): it wraps every named
  // closure in an Object.defineProperty call made each time the closure is made, `yaml`'s per
  // scalar among them, and a first open of 1000 Compose services cost ~15% more main-thread CPU
  // with it (bench/README.md, issue 16's table). Stack traces name minified functions; the
  // build's dist/server.js.map maps their positions back to the sources' names.
  { entryPoints: ['server/src/node/main.ts'], outfile: 'dist/server.js', minify: true, ...bin },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', ...bin },
];

// The shell parser's WebAssembly files load at run time from beside the bundles (and ship in the .vsix).
const require = createRequire(import.meta.url);
mkdirSync('dist', { recursive: true });
for (const file of ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm']) {
  copyFileSync(require.resolve(file), `dist/${file.slice(file.indexOf('/') + 1)}`);
}

// Message catalogues: one folder per language (l10n/zh-cn/*.json), read by the server and the CLI at start.
rmSync('dist/l10n', { recursive: true, force: true });
for (const locale of readdirSync('l10n')) {
  if (statSync(`l10n/${locale}`).isDirectory()) cpSync(`l10n/${locale}`, `dist/l10n/${locale}`, { recursive: true });
}

// The build graph webview's script runs in the browser sandbox of the webview (dagre bundled in).
const webview = { entryPoints: ['client/webview/graphView.ts'], outfile: 'dist/graphView.js', platform: 'browser', format: 'iife', minify: true };

if (watch) {
  const { context } = await import('esbuild');
  for (const e of [...entries, webview]) await (await context({ ...common, ...e })).watch();
} else {
  await Promise.all([...entries, webview].map((e) => build({ ...common, ...e })));
  for (const file of ['dist/server.js', 'dist/cli.js']) asciiOnly(file);
}

/**
 * V8 keeps a script's source for as long as its functions live, as one byte per character when
 * every character is Latin-1 and two otherwise: one `…` in a comment esbuild keeps, or `µ` in a
 * regular expression, made the server's 2.4 MB bundle take 4.8 MB of heap. esbuild escapes
 * non-ASCII in strings; write the rest as `\uXXXX` (or ASCII in comments).
 */
function asciiOnly(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const found = lines.flatMap((line, i) => (/[^\x00-\x7f]/.test(line) ? [`${file}:${i + 1}: ${line.trim().slice(0, 100)}`] : []));
  if (found.length) throw new Error(`non-ASCII characters in the bundle (doubles the memory its source takes):\n${found.join('\n')}`);
}
