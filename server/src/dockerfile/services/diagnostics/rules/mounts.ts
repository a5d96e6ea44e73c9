// `RUN --mount=...` values BuildKit refuses: the build stops with the error it prints. The options
// are read in order with the type known so far, as BuildKit's parseMount does (so `size=1g,type=tmpfs`
// fails where `type=tmpfs,size=1g` works). Values with a variable are expanded by BuildKit at build
// time and are not judged here.
import type { SourceText } from '../../../../common/sourceText';
import type { Flag } from '../../../parser/ast';
import { type Finding, type Rule, instructionRule } from '../rule';
import { hasKeyword, NO_FINDINGS, finding, fix, replace, withInner } from './helpers';

const MOUNT_TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const SHARING = ['shared', 'private', 'locked'];
/** BuildKit's list, in its order (its "did you mean" takes the first closest). */
const KEYS = ['type', 'from', 'source', 'target', 'readonly', 'id', 'sharing', 'required', 'size', 'mode', 'uid', 'gid', 'src', 'dst', 'destination', 'ro', 'rw', 'readwrite', 'env'];
const BOOL = /^(?:1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/;
/** go-units RAMInBytes. */
const SIZE = /^\d+(?:\.\d+)* ?[kKmMgGtTpP]?[iI]?[bB]?$/;

interface Field {
  text: string;
  start: number;
  end: number;
}

/** Go's csv reading of the value (quoted fields, `""` inside quotes), with offsets from `at`. */
function csvFields(value: string, at: number): Field[] {
  const out: Field[] = [];
  let i = 0;
  while (i <= value.length) {
    const start = i;
    let text = '';
    if (value[i] === '"') {
      i++;
      while (i < value.length) {
        if (value[i] === '"' && value[i + 1] === '"') {
          text += '"';
          i += 2;
        } else if (value[i] === '"') {
          i++;
          break;
        } else text += value[i++];
      }
      while (i < value.length && value[i] !== ',') text += value[i++];
    } else {
      // Unquoted: the field is the text up to the next comma, sliced (not built a character at a time).
      const comma = value.indexOf(',', i);
      i = comma < 0 ? value.length : comma;
      text = value.slice(start, i);
    }
    out.push({ text, start: at + start, end: at + i });
    i++;
  }
  return out;
}

/** BuildKit's suggest.Search: the closest option under distance 3, first on ties; none for an exact match. */
function didYouMean(value: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let min = 3;
  for (const o of options) {
    if (o === value) return undefined;
    const d = distance(value, o);
    if (d < min) {
      best = o;
      min = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** The problem BuildKit stops at in one `--mount` value (the first, as BuildKit reports only that one). */
export function mountProblem(flag: Flag, source: SourceText): Finding | undefined {
  const value = flag.value ?? '';
  // Offsets point into the source when the value is written as BuildKit reads it; otherwise the whole flag.
  const exact = flag.valueSpan !== undefined && source.slice(flag.valueSpan.start, flag.valueSpan.end) === value;
  const fields = csvFields(value, exact ? flag.valueSpan!.start : 0);
  const span = (f: { start: number; end: number }) => (exact ? f : flag);
  let type = 'bind';
  let from = '';
  let source_ = '';
  let target = '';
  let id = '';
  let sharing = '';
  // `type=$T`: the type is known at build time only, so type-dependent checks are left alone.
  let typeUnknown = false;
  const fileInfo: string[] = [];
  for (const f of fields) {
    const eq = f.text.indexOf('=');
    const key = (eq < 0 ? f.text : f.text.slice(0, eq)).toLowerCase();
    const val = eq < 0 ? '' : f.text.slice(eq + 1);
    const keyEnd = f.start + (eq < 0 ? f.text.length : eq);
    const valueSpan = { start: keyEnd + 1, end: f.end };
    if (eq < 0) {
      if (['readonly', 'ro', 'readwrite', 'rw'].includes(key)) continue;
      if (key === 'required') {
        if (type === 'secret' || type === 'ssh' || typeUnknown) continue;
        return finding(span(f), `unexpected key '${key}' for mount type '${type}'`);
      }
      return finding(span(f), `invalid field '${f.text}' must be a key=value pair`);
    }
    if (key === 'from' && /\$(?!$)/.test(val)) return finding(span(f), `'from' doesn't support variable expansion, define alias stage instead`);
    // BuildKit expands variables first: a value with one is judged at build time, not here.
    const variable = val.includes('$');
    const bad = (what: string) => finding(span(valueSpan), what);
    switch (key) {
      case 'type': {
        if (variable) {
          typeUnknown = true;
          break;
        }
        const t = val.toLowerCase();
        if (!MOUNT_TYPES.includes(t)) {
          const hint = didYouMean(val, MOUNT_TYPES);
          const fixes = hint && exact ? [fix(`Change to type=${hint}`, [replace(valueSpan, hint)])] : undefined;
          return finding(span(valueSpan), `unsupported mount type ${JSON.stringify(val)}${hint ? ` (did you mean ${hint}?)` : ''}`, fixes);
        }
        type = t;
        break;
      }
      case 'from':
        from = val;
        break;
      case 'source':
      case 'src':
        source_ = val;
        break;
      case 'target':
      case 'dst':
      case 'destination':
        target = val;
        break;
      case 'readonly':
      case 'ro':
      case 'readwrite':
      case 'rw':
        if (!variable && !BOOL.test(val)) return bad(`invalid value for ${key}: ${val}`);
        break;
      case 'required':
        if (type !== 'secret' && type !== 'ssh' && !typeUnknown) return finding(span(f), `unexpected key '${key}' for mount type '${type}'`);
        if (!variable && !BOOL.test(val)) return bad(`invalid value for ${key}: ${val}`);
        break;
      case 'size':
        if (type !== 'tmpfs' && !typeUnknown) return finding(span(f), `unexpected key '${key}' for mount type '${type}'`);
        if (!variable && !SIZE.test(val)) return bad(`invalid value for ${key}: ${val}`);
        break;
      case 'id':
        id = val;
        break;
      case 'sharing': {
        if (!variable && !SHARING.includes(val.toLowerCase())) {
          const hint = didYouMean(val, SHARING);
          const fixes = hint && exact ? [fix(`Change to sharing=${hint}`, [replace(valueSpan, hint)])] : undefined;
          return finding(span(valueSpan), `unsupported sharing value ${JSON.stringify(val)}${hint ? ` (did you mean ${hint}?)` : ''}`, fixes);
        }
        sharing = val;
        break;
      }
      case 'mode':
        if (!variable && (!/^[0-7]+$/.test(val) || parseInt(val, 8) > 0xffffffff)) return bad(`invalid value ${val} for mode`);
        fileInfo.push('mode');
        break;
      case 'uid':
      case 'gid':
        if (!variable && (!/^\d+$/.test(val) || Number(val) > 0xffffffff)) return bad(`invalid value ${val} for ${key}`);
        fileInfo.push(key);
        break;
      case 'env':
        break;
      default: {
        const hint = didYouMean(key, KEYS);
        const keySpan = { start: f.start, end: keyEnd };
        const fixes = hint && exact ? [fix(`Change to ${hint}=`, [replace(keySpan, hint)])] : undefined;
        return finding(span(keySpan), `unexpected key '${key}' in '${f.text}'${hint ? ` (did you mean ${hint}?)` : ''}`, fixes);
      }
    }
  }
  if (typeUnknown) return undefined;
  if (type !== 'secret' && type !== 'ssh' && type !== 'cache') {
    for (const k of ['mode', 'uid', 'gid']) if (fileInfo.includes(k)) return finding(flag, `${k} not allowed for ${JSON.stringify(type)} type mounts`);
  }
  if (type === 'secret') {
    if (from !== '') return finding(flag, 'secret mount should not have a from');
    if (sharing !== '') return finding(flag, 'secret mount should not define sharing');
    if (source_ === '' && target === '' && id === '') return finding(flag, 'invalid secret mount. one of source, target required');
    if (source_ !== '' && id !== '' && !source_.includes('$') && !id.includes('$')) return finding(flag, "both source and id can't be set");
  }
  if (sharing !== '' && type !== 'cache') return finding(flag, `invalid cache sharing set for ${type} mount`);
  if ((type === 'bind' || type === 'cache' || type === 'tmpfs') && /^\/+\.?\/*$/.test(target)) return finding(flag, `invalid mount target ${JSON.stringify('/')}`);
  return undefined;
}

export const invalidMount: Rule = instructionRule({
  code: 'InvalidMount',
  defaultSeverity: 'error',
  url: 'https://docs.docker.com/reference/dockerfile/#run---mount',
  description: 'A RUN --mount value BuildKit refuses (unknown type or key, bad sharing/mode/uid, options the type does not take): the build stops',
  keywords: ['RUN'],
  checkInstruction(outer, { model }) {
    if (!hasKeyword(outer, 'RUN')) return NO_FINDINGS;
    let out: Finding[] | undefined;
    for (const ins of withInner(outer)) {
      if (ins.keyword !== 'RUN') continue;
      for (const flag of ins.flags) {
        if (flag.name.toLowerCase() !== 'mount' || flag.value === undefined) continue;
        const problem = mountProblem(flag, model.ast.source);
        if (problem) (out ??= []).push(problem);
      }
    }
    return out ?? NO_FINDINGS;
  },
});
