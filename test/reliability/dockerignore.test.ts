// .dockerignore matching: BuildKit's semantics, linear on crafted patterns, invalid patterns reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePattern, isIgnored, matchesPattern, parseDockerignore, parseDockerignoreFile } from '../../server/src/dockerfile/services/diagnostics/rules/dockerignore';

const CASES: [pattern: string, path: string, ignored: boolean][] = [
  ['node_modules', 'node_modules/x/y.js', true],
  ['*.log', 'a.log', true],
  ['*.log', 'dir/a.log', false],
  ['**/*.log', 'dir/sub/a.log', true],
  ['**/*.log', 'a.log', true],
  ['a/**', 'a/b/c', true],
  ['a/**', 'a', false],
  ['a/**/b', 'a/b', true],
  ['a/**/b', 'a/x/y/b', true],
  ['a**b', 'axb', false],
  ['a**b', 'a/x/b', true],
  ['?', 'a', true],
  ['?', 'ab', false],
  ['[abc]x', 'bx', true],
  ['[^abc]x', 'bx', false],
  ['[^abc]x', 'dx', true],
  ['[]]', ']', true],
  ['\\*', '*', true],
  ['\\*', 'a', false],
  ['/abs/path', 'abs/path/file', true],
  ['./x/../y', 'y', true],
  ['dir', 'dir2', false],
];

for (const [pattern, path, ignored] of CASES) {
  test(`.dockerignore: "${pattern}" ${ignored ? 'excludes' : 'keeps'} ${path}`, () => {
    assert.equal(isIgnored(parseDockerignore(pattern), path), ignored);
  });
}

test('.dockerignore: the last matching line wins, ! re-includes', () => {
  const patterns = parseDockerignore('*.md\n!README.md\n');
  assert.equal(isIgnored(patterns, 'CHANGES.md'), true);
  assert.equal(isIgnored(patterns, 'README.md'), false);
});

/** The regex BuildKit builds (patternmatcher), run by a backtracking engine: the reference on small inputs. */
function referenceRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') i++;
        re += i + 1 >= pattern.length ? '.*' : '(.*/)?';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '\\') re += '\\' + pattern[++i];
    else re += c.replace(/[.+()|{}$^]/g, '\\$&');
  }
  return new RegExp('^' + re + '(/.*)?$');
}

test('.dockerignore: the NFA agrees with the regex BuildKit builds on 5,000 random patterns and paths', () => {
  let seed = 12;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const atoms = ['a', 'b', '/', '*', '**', '**/', '?', '.'];
  for (let k = 0; k < 5000; k++) {
    let pattern = '';
    for (let j = 1 + rand(6); j > 0; j--) pattern += atoms[rand(atoms.length)];
    let path = '';
    for (let j = 1 + rand(8); j > 0; j--) path += ['a', 'b', '/', '.'][rand(4)];
    const tokens = compilePattern(pattern);
    assert.ok(!('error' in tokens));
    assert.equal(matchesPattern(tokens, path), referenceRegex(pattern).test(path), `${pattern} vs ${path}`);
  }
});

test('.dockerignore: crafted patterns stay linear (each match is a bounded number of steps)', () => {
  const deep = Array.from({ length: 40 }, () => 'a').join('/');
  const stars = parseDockerignore('**/**/**/**/**/**/**/**/b\n*a*a*a*a*a*a*a*a*a*a*a*b\n' + '**/'.repeat(2000) + 'b\n');
  // Hundreds of matches in a test would take minutes with the old regex translation.
  for (let i = 0; i < 200; i++) assert.equal(isIgnored(stars, deep + '/' + 'a'.repeat(60)), false);
});

test('.dockerignore: [z-a] and an unclosed [ are problems on their lines, not silently skipped rules', () => {
  const { patterns, problems } = parseDockerignoreFile('ok\n  [z-a]\n[abc\r\nlast\\\n');
  assert.deepEqual(patterns.map((p) => p.text), ['ok']);
  assert.deepEqual(
    problems.map((p) => [p.line, p.start, p.end]),
    [[1, 2, 7], [2, 0, 4], [3, 0, 5]],
  );
  assert.match(problems[0].message, /invalid character class range/);
  assert.match(problems[1].message, /missing closing \]/);
});
