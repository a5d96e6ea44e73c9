// The shell scripts an instruction runs, parsed once per instruction and cached (the
// language comes from the stage analysis: the SHELL in effect, the image's, or the OS's default):
//   shellOf(model, ins)    → the scripts (the instruction's line, heredoc bodies) with their language
//   commandsOf(model, ins) → every simple command of its POSIX scripts, in source order
//   stageShell(model, stage, before) → the SHELL set by an instruction, in effect (from the stage analysis)
// Which scripts: the shell form of RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD (ONBUILD's inner
// instruction too). A heredoc is a script of its own when Docker runs it (`RUN <<EOF`: its shebang
// or the SHELL decides the language) or when a shell reads it (`RUN bash <<EOF`); one read by
// anything else (`python3 <<EOF`, `cat <<EOF > file`) is data. PowerShell and cmd scripts are
// returned with their language and no commands: rules that know them read `text`.
import type { SourceText } from '../../common/sourceText';
import { listOrEmpty, type Instruction } from '../parser/ast';
import type { DockerfileModel, Stage } from '../parser/model';
import { LogicalLine } from '../parser/logicalLine';
import { baseName, programOf, readScript, shellLanguage, type ScriptLanguage, type ShellCommand, type ShellScript } from '../shell';
import { shellAt, stageFacts } from './stages';

export interface InstructionShell {
  /** The language of the instruction's own line (the stage's SHELL). */
  language: ScriptLanguage;
  scripts: ShellScript[];
}

const EMPTY: InstructionShell = { language: 'other', scripts: [] };
const cache = new WeakMap<Instruction, InstructionShell>();

/** The scripts of an instruction, read once (the cache lives as long as the parsed instruction). */
export function shellOf(model: DockerfileModel, ins: Instruction): InstructionShell {
  let found = cache.get(ins);
  if (!found) {
    found = readInstruction(model, ins);
    cache.set(ins, found);
  }
  return found;
}

/** Every simple command the instruction runs through a POSIX shell, in source order. */
export function commandsOf(model: DockerfileModel, ins: Instruction): ShellCommand[] {
  const scripts = shellOf(model, ins).scripts;
  return scripts.length === 1 ? scripts[0].commands : scripts.flatMap((s) => s.commands);
}

/**
 * The SHELL argv a SHELL instruction set, in effect before `before` in a stage (inherited through
 * `FROM <stage>`); undefined when none did (the image's or the default shell runs).
 */
export function stageShell(model: DockerfileModel, stage: Stage, before: number): string[] | undefined {
  const shell = shellAt(stageFacts(model, stage), before);
  return shell.origin.kind === 'instruction' ? shell.argv : undefined;
}

/** The language the stage's shell runs the instruction's line in (the stage analysis knows the shell in effect). */
export function lineLanguage(model: DockerfileModel, stage: Stage | undefined, at: number): ScriptLanguage {
  if (!stage) return 'sh';
  const argv = shellAt(stageFacts(model, stage), at).argv;
  return argv.length > 0 ? shellLanguage(argv[0]) : 'sh';
}

function readInstruction(model: DockerfileModel, outer: Instruction): InstructionShell {
  const ins = outer.inner ?? outer;
  if (ins.form === 'json') return readExecForm(model, outer, ins);
  if (ins.form !== 'shell') return EMPTY;
  const text = model.ast.source;
  let from = ins.argsSpan.start;
  if (ins.keyword === 'HEALTHCHECK') {
    const cmd = ins.args[0];
    if (!cmd || cmd.value.toUpperCase() !== 'CMD') return EMPTY;
    from = ins.args[1]?.start ?? ins.argsSpan.end;
    if (text.charAt(from) === '[') return EMPTY;
  } else if (ins.keyword !== 'RUN' && ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') return EMPTY;
  const language = lineLanguage(model, model.stageAt(outer.start), outer.start);
  const line = joinLines(text, ins, from, ins.argsSpan.end);
  const heredocs = ins.keyword === 'RUN' ? ins.heredocs : [];
  if (heredocs.length === 1 && /^<<-?\s*["']?[^\s"']+["']?\s*$/.test(line.text.trim())) {
    // `RUN <<EOF`: Docker runs the body itself, with its shebang or the SHELL.
    const h = heredocs[0];
    const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(h.content);
    const bodyLanguage = shebang ? shellLanguage(baseName(shebang[1]) === 'env' && shebang[2] ? shebang[2] : shebang[1]) : language;
    // One script: its list made at its length (no push slack, no copy).
    return { language, scripts: [readScript(h.content, (i) => h.body.start + i, h.body, bodyLanguage, 'heredoc')] };
  }
  if (heredocs.length === 0) return { language, scripts: [readScript(line.text, (i) => line.toSource(i), line.span(0, line.text.length), language, 'line')] };
  // `RUN bash <<EOF`, `RUN python3 <<EOF`, `RUN cat <<EOF > /etc/x`: the shell runs the line with
  // the bodies after it, and each body is read by the command it is redirected into.
  const lineToSource = (i: number) => line.toSource(i);
  let combined = line.text + '\n';
  const pieces: { at: number; source: number }[] = [];
  for (const h of heredocs) {
    const end = h.terminator?.end ?? h.body.end;
    pieces.push({ at: combined.length, source: h.body.start });
    combined += text.slice(h.body.start, end) + '\n';
  }
  const toSource = (i: number): number => {
    if (i <= line.text.length) return lineToSource(i);
    let piece = pieces[0];
    for (const p of pieces) if (p.at <= i) piece = p;
    return piece.source + Math.max(0, i - piece.at);
  };
  const main = readScript(combined, toSource, { start: line.span(0, 0).start, end: ins.end }, language, 'line');
  const scripts: ShellScript[] = [main];
  for (const h of main.heredocReaders ?? []) {
    const heredoc = heredocs.find((x) => x.name === h.delimiter);
    if (!heredoc || !h.reader) continue;
    const program = programOf(h.reader);
    const bodyLanguage = program && !program.args.some((a) => a.value === '-c') ? shellLanguage(program.name) : 'other';
    if (bodyLanguage === 'sh' || bodyLanguage === 'bash') scripts.push(readScript(heredoc.content, (i) => heredoc.body.start + i, heredoc.body, bodyLanguage, 'heredoc'));
  }
  return { language, scripts: listOrEmpty(scripts) };
}

/**
 * The exec form of RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD that starts a shell with a script:
 * `["sh", "-c", "script"]`, `["/bin/bash", "-eo", "pipefail", "-c", "script"]`. The script is read
 * with a map back through the JSON string's escapes. Docker runs exec form directly, so any other
 * program (`["CMD-SHELL", ...]` included: that is the Compose and image-config spelling, not the
 * Dockerfile's) gives no script.
 */
function readExecForm(model: DockerfileModel, outer: Instruction, ins: Instruction): InstructionShell {
  let argv = ins.args;
  if (ins.keyword === 'HEALTHCHECK') {
    if (argv[0]?.value.toUpperCase() !== 'CMD') return EMPTY;
    argv = argv.slice(1);
  } else if (ins.keyword !== 'RUN' && ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') return EMPTY;
  const language = argv.length > 0 ? shellLanguage(argv[0].value) : 'other';
  if (language !== 'sh' && language !== 'bash') return EMPTY;
  // Options up to the script: `-c` alone or in a cluster (`-ec`), `-o name` takes a value.
  let i = 1;
  let command = false;
  for (; i < argv.length && /^[-+]/.test(argv[i].value) && argv[i].value !== '--'; i++) {
    const opt = argv[i].value;
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(opt)) command = true;
    if (opt === '-o' || opt === '+o') i++;
  }
  if (argv[i]?.value === '--') i++;
  const arg = argv[i];
  if (!command || !arg) return EMPTY;
  const map = jsonStringMap(model.ast.source, arg);
  if (!map) return EMPTY;
  const span = { start: arg.start + 1, end: arg.end - 1 };
  const at = (k: number) => map[k] ?? span.end;
  const script = readScript(arg.value, at, span, language, 'exec', (k) => (k + 1 < map.length ? map[k + 1] : span.end));
  return { language: lineLanguage(model, model.stageAt(outer.start), outer.start), scripts: [script] };
}

/**
 * For a JSON string written in the source (`"a \"b\""`), the source offset of each character of its
 * value; undefined when the source does not decode to the value on its own (a continuation line
 * inside the string): such a script is not mapped, so not read.
 */
function jsonStringMap(text: SourceText, word: { start: number; end: number; value: string }): number[] | undefined {
  if (text.charAt(word.start) !== '"' || text.charAt(word.end - 1) !== '"') return undefined;
  const offsets: number[] = [];
  let value = '';
  const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
  for (let p = word.start + 1; p < word.end - 1; ) {
    const c = text.charAt(p);
    if (c === '\n' || c === '\r') return undefined;
    offsets.push(p);
    if (c !== '\\') {
      value += c;
      p++;
      continue;
    }
    const e = text.charAt(p + 1);
    if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(p + 2, p + 6))) {
      value += String.fromCharCode(parseInt(text.slice(p + 2, p + 6), 16));
      p += 6;
    } else if (e !== undefined && simple[e] !== undefined) {
      value += simple[e];
      p += 2;
    } else return undefined;
  }
  return value === word.value ? offsets : undefined;
}

/**
 * The text the shell receives for `text.slice(from, to)` of an instruction: continuation escapes
 * and the line breaks after them removed, comment lines and blank lines inside dropped (as BuildKit
 * does), with a map back to the source.
 */
function joinLines(text: SourceText, ins: Instruction, from: number, to: number): LogicalLine {
  const line = new LogicalLine(from);
  let pos = from;
  for (const c of ins.continuations) {
    if (c.start < from || c.start >= to) continue;
    line.append(text, pos, c.start);
    pos = nextLine(text, c.end);
    while (pos < to) {
      let s = pos;
      while (s < to && (text.charAt(s) === ' ' || text.charAt(s) === '\t')) s++;
      if (s < to && text.charAt(s) !== '#' && text.charAt(s) !== '\n' && text.charAt(s) !== '\r') break;
      pos = nextLine(text, s);
    }
  }
  let end = to;
  while (end > pos && (text.charAt(end - 1) === '\r' || text.charAt(end - 1) === '\n')) end--;
  line.append(text, pos, end);
  return line.done();
}

function nextLine(text: SourceText, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl + 1;
}

