// The incremental Compose parse (compose/incremental.ts) against a whole parse: for random edits in
// the services of every real Compose file of the corpus and of two generated 60-service files, each
// edit applied to the previous edit's model, the model made from the previous version equals a fresh
// parse of the new text: the tree (node kinds, ranges, values, anchors, tags), the value, services
// and names, compose's reading (value and spans), diagnostics with the file's project, outline,
// folding and hovers; the anchor index its store holds; and the previous version's tree is left as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isAlias, isMap, isPair, isSeq, type Node } from 'yaml';
import { corpusPath } from '../support/corpora';
import { composeFolding, composeHover, composeSymbols, parseCompose, validateCompose, type ComposeModel } from '../../server/src/compose/index';
import { changeBetween, reparseCompose } from '../../server/src/compose/incremental';
import { aliasesOf, anchorsOf } from '../../server/src/compose/model';
import { ProjectResolver } from '../../server/src/compose/project/resolver';
import type { FileHost } from '../../server/src/common/files';

const realDir = corpusPath('compose', 'real');

/** The tree as features read it: kinds, ranges, values, anchors, tags, flow style. */
function dump(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isPair(node)) return ['P', dump(node.key), dump(node.value)];
  const n = node as Node & { anchor?: string; tag?: string; flow?: boolean; type?: string; value?: unknown; source?: string };
  const range = n.range ? [...n.range] : null;
  if (isMap(n) || isSeq(n)) return [isMap(n) ? 'M' : 'S', range, !!n.flow, n.anchor, n.tag, (n.items as unknown[]).map(dump)];
  if (isAlias(n)) return ['A', range, n.source];
  const v = n.value;
  return ['V', range, typeof v === 'symbol' ? '<<' : typeof v === 'bigint' ? `${v}n` : v === undefined ? 'undefined' : v, n.type, n.anchor, n.tag];
}

function modelFacts(m: ComposeModel) {
  return {
    tree: dump(m.doc.contents),
    docRange: m.doc.range,
    value: m.value,
    hasYamlErrors: m.hasYamlErrors,
    aliasProblems: m.aliasProblems,
    duplicateKeys: m.duplicateKeys,
    services: m.services.map((s) => [s.name, s.keySpan, !!s.map, dump(s.pair)]),
    byName: [...m.serviceByName.keys()],
    declared: m.declared,
    lineCount: m.lines.lineCount,
    // the anchor index the model's store holds (an incremental model's is carried from the previous one's)
    anchors: [...anchorsOf(m)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, list]) => [name, list.map((a) => [a.start, dump(a.node)])]),
    aliases: aliasesOf(m).map((a) => [a.source, a.range]),
  };
}

function hostOf(path: string, text: string): FileHost {
  return {
    readFile: (p) => (p === path ? text : undefined),
    exists: (p) => p === path,
    read: (p) => (p === path ? { text } : { problem: 'missing' }),
  };
}

/** Diagnostics with the file's project, outline, folding and hovers of `model`, the file at `dir`/compose.yaml. */
function features(model: ComposeModel, dir: string, offsets: number[]) {
  const path = `${dir}/compose.yaml`;
  const host = hostOf(path, model.text);
  const project = new ProjectResolver(host).forDocument(path);
  const ctx = { host, path, uri: `file://${path}`, project };
  const out = {
    reading: { value: model.reading?.value, spans: model.reading ? [...model.reading.spans.entries()] : undefined },
    diagnostics: validateCompose(model, ctx),
    symbols: composeSymbols(model),
    folding: composeFolding(model),
    hovers: offsets.map((o) => composeHover(model, model.lines.positionAt(o), ctx)),
  };
  return JSON.parse(JSON.stringify(out).split(dir).join('/DIR'));
}

function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

const INSERTS = [' ', 'a', 'x1', ':', ': ', '-', '\n', '#', '"', "'", '&a ', '*', '*default-logging', '{', '[', '\t', '|', ',', '${X}', '\n      extra: 1', '\n    more: [1, 2]', '\n  svcnew:\n    image: a', '\n    <<: *default-logging', '\nfoo: 1', '\n---\n', '\n    anchored: &z 1', '!reset ', '!!str '];

/** A random edit of `text`, inside a service most of the time (where the incremental parse applies). */
function randomEdit(text: string, model: ComposeModel, rnd: () => number): string {
  let at: number;
  const services = model.services;
  if (services.length > 0 && rnd() < 0.9) {
    const i = Math.floor(rnd() * services.length);
    const from = services[i].keySpan.end;
    const to = i + 1 < services.length ? services[i + 1].keySpan.start : Math.min(text.length, from + 400);
    at = from + Math.floor(rnd() * (to - from + 1));
  } else at = Math.floor(rnd() * (text.length + 1));
  const kind = rnd();
  if (kind < 0.45) {
    const insert = INSERTS[Math.floor(rnd() * INSERTS.length)];
    return text.slice(0, at) + insert + text.slice(at);
  }
  if (kind < 0.75) return text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 6));
  // replace a word, or a whole line's indentation
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
  const line = text.slice(lineStart, lineEnd);
  if (kind < 0.85) return text.slice(0, lineStart) + ' '.repeat(Math.floor(rnd() * 7)) + line.trimStart() + text.slice(lineEnd);
  return text.slice(0, at) + 'word' + text.slice(Math.min(lineEnd, at + Math.floor(rnd() * 8)));
}

interface Tally {
  edits: number;
  incremental: number;
}

/** Applies `count` random edits to `text`, checking each incremental model against a fresh parse. */
function checkEdits(label: string, text: string, count: number, seed: number, tally: Tally): void {
  const rnd = prng(seed);
  let previous = parseCompose(text, false);
  for (let k = 0; k < count; k++) {
    const next = randomEdit(previous.text, previous, rnd);
    const oldTree = JSON.stringify(dump(previous.doc.contents));
    const oldValue = JSON.stringify(previous.value);
    // the whole parse first: compose's reading it remembers by text is then replaced by the incremental one's
    const fresh = parseCompose(next, false);
    const offsets = [0, ...fresh.services.slice(0, 6).map((s) => s.keySpan.start + 1), Math.floor(rnd() * next.length)];
    const freshFeatures = features(fresh, '/full-parse', offsets);
    const incremental = reparseCompose(previous, next, false);
    tally.edits++;
    assert.equal(JSON.stringify(dump(previous.doc.contents)), oldTree, `${label} edit ${k}: the previous tree changed`);
    assert.equal(JSON.stringify(previous.value), oldValue, `${label} edit ${k}: the previous value changed`);
    if (incremental) {
      tally.incremental++;
      const shown = next.length < 600 ? `: ${JSON.stringify(previous.text)} -> ${JSON.stringify(next)}` : '';
      const where = `${label} edit ${k} (${JSON.stringify(changeBetween(previous.text, next))})${shown}`;
      assert.deepEqual(modelFacts(incremental), modelFacts(fresh), `${where}: model`);
      assert.deepEqual(features(incremental, '/incremental-parse', offsets), freshFeatures, `${where}: features`);
    }
    // (an edit that breaks the YAML is checked, then undone: the next edits start from a file that parses)
    if (!fresh.hasYamlErrors) previous = incremental ?? fresh;
  }
}

test('incremental Compose parse equals a whole parse for random edits in every real corpus file', { skip: !existsSync(realDir) }, () => {
  const tally: Tally = { edits: 0, incremental: 0 };
  const files = readdirSync(realDir).filter((f) => /\.ya?ml$/.test(f)).sort();
  files.forEach((file, n) => checkEdits(file, readFileSync(join(realDir, file), 'utf8'), 8, Number(process.env.DOCKLENS_INCREMENTAL_SEED ?? 1000) + n, tally));
  console.log(`compose incremental (corpus): ${tally.incremental} of ${tally.edits} edits re-parsed one service`);
  assert.ok(tally.incremental > tally.edits / 3, 'too few edits took the incremental path for the test to mean much');
});

test('incremental Compose parse equals a whole parse for random edits in a generated file (aliases, merge keys)', async () => {
  const { generateCompose } = (await import(pathToFileURL(join(process.cwd(), 'bench', 'generate.mjs')).href)) as {
    generateCompose: (services: number, seed: number) => { text: string };
  };
  const tally: Tally = { edits: 0, incremental: 0 };
  for (const seed of [1, 2]) checkEdits(`generated ${seed}`, generateCompose(60, seed).text, 40, seed, tally);
  console.log(`compose incremental (generated): ${tally.incremental} of ${tally.edits} edits re-parsed one service`);
  assert.ok(tally.incremental > tally.edits / 3);
});

test('changeBetween: the common head and tail are left out', () => {
  assert.deepEqual(changeBetween('abcdef', 'abXdef'), { start: 2, oldEnd: 3, newEnd: 3 });
  assert.deepEqual(changeBetween('aaa', 'aaaa'), { start: 3, oldEnd: 3, newEnd: 4 });
  assert.deepEqual(changeBetween('abc', 'abc'), { start: 3, oldEnd: 3, newEnd: 3 });
  assert.deepEqual(changeBetween('abc', ''), { start: 0, oldEnd: 3, newEnd: 0 });
});

// References is carried per service with what it reads beyond the service, DependencyCycle and
// DuplicateHostPort read facts carried per service: the project's names (another
// file may declare a network between two edits) and the "declare" fix's place (the section may lie
// before or after the edit, or be absent and added at the end).
test('References carried across an edit: project names and fix positions as in a whole parse', () => {
  const path = '/refs/compose.yaml';
  const texts = [
    'services:\n  a:\n    image: x\n    networks: [front]\n  b:\n    image: y\n    environment:\n      K: v\n  c:\n    networks: [back]\nnetworks:\n  other: {}\n',
    'networks:\n  other: {}\nservices:\n  a:\n    image: x\n    networks: [front]\n  b:\n    image: y\n    environment:\n      K: v\n  c:\n    networks: [back]\n',
    'services:\n  a:\n    image: x\n    networks: [front]\n  b:\n    image: y\n    environment:\n      K: v\n  c:\n    networks: [back]\n',
    // a depends_on cycle and a host port published twice, across the edited service (facts carried per service)
    'services:\n  a:\n    image: x\n    ports: ["8080:80"]\n    depends_on: [c]\n  b:\n    image: y\n    environment:\n      K: v\n  c:\n    image: z\n    ports: ["8080:81"]\n    depends_on: [a]\n',
  ];
  // a project as another file of it would make it: these names declared there
  const projectWith = (names: string[]) =>
    ({
      resolved: { loadErrors: [], spec: { envFiles: [], files: [path] } },
      docPath: path,
      multiFile: false,
      serviceNames: new Set(['a', 'b', 'c']),
      declared: { networks: new Set(names), volumes: new Set(), secrets: new Set(), configs: new Set(), models: new Set() },
      serviceComplete: () => true,
    }) as never;
  let incremental = 0;
  for (const text of texts) {
    const host = hostOf(path, text);
    // b's environment value grows by one character, then by two more (each edit from the previous version)
    const edits = [text.replace('K: v', 'K: vv'), text.replace('K: v', 'K: vvvv')];
    for (const declared of [[], ['front'], ['front', 'back']]) {
      let previous = parseCompose(text, false);
      const project = projectWith([]);
      validateCompose(previous, { host, path, uri: `file://${path}`, project });
      for (const next of edits) {
        const model = reparseCompose(previous, next, false);
        assert.ok(model, 'the edit is local');
        incremental++;
        const ctx = { host, path, uri: `file://${path}`, project: projectWith(declared) };
        assert.deepEqual(validateCompose(model, ctx), validateCompose(parseCompose(next, false), ctx), `${JSON.stringify(next)} with ${declared}`);
        previous = model;
      }
    }
  }
  assert.equal(incremental, 24);
});
