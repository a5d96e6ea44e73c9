// `npm run package`: builds dist/ and writes docklens.vsix with vsce, then checks the result.
//
// The README shows pictures from docs/images/ by relative path (they render in the repository). In the
// .vsix, vsce rewrites relative links to absolute ones: the extension page (in VS Code and on the
// Marketplace) shows only https images, never relative or data: ones. vsce derives the base URL from a
// GitHub or GitLab `repository`; for any other host the base comes from DOCKLENS_BASE_URL (raw files,
// e.g. https://git.example.org/team/docklens/raw/branch/main) or, failing that, from the repository URL
// in GitHub's layout (<repository>/raw/HEAD and /blob/HEAD). While `repository` is the example.invalid
// placeholder the links resolve to that placeholder: replace it (or set DOCKLENS_BASE_URL) to publish.
//
// Fails when vsce prints a warning, or when the packaged README still has a relative link or an image
// that is not https, or names a picture that docs/ does not have.
//
// Usage: node scripts/package.mjs [--out FILE] [--no-build]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { baseUrlArgs, readmeLinkProblems, readZipEntry } from './packageReadme.mjs';

const { values: opt } = parseArgs({ options: { out: { type: 'string', default: 'docklens.vsix' }, 'no-build': { type: 'boolean', default: false } } });
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
if (!opt['no-build']) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const args = baseUrlArgs(manifest);
if (args.length) console.log(`package: README links resolved against ${args[3]} (images) and ${args[1]}`);
const vsce = join('node_modules', '@vscode', 'vsce', 'vsce');
const run = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', opt.out, ...args], { encoding: 'utf8' });
process.stdout.write(run.stdout);
process.stderr.write(run.stderr);
if (run.status !== 0) process.exit(run.status ?? 1);
const problems = [];
if (/WARNING|\bwarn/i.test(run.stdout + run.stderr)) problems.push('vsce printed a warning');
const readme = readZipEntry(readFileSync(opt.out), 'extension/readme.md');
if (!readme) problems.push('no extension/readme.md in the package');
else problems.push(...readmeLinkProblems(readme.toString('utf8')));
for (const p of problems) console.error(`package: ${p}`);
if (problems.length) process.exit(1);
