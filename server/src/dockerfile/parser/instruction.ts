// Turns one logical line into an Instruction: keyword, flags, and arguments split the way BuildKit
// splits them for that instruction (a table of argument parsers keyed by instruction name).
import { EMPTY, type InstructionForm, type ParseProblem } from './ast';
import { ParsedInstruction } from './instructionNode';
import { ONE_WORD, PAIR_WORDS, packFlags, packKeyValues, packLineVariables, packPairWords, packWords, type Packed } from './packed';
import { isGoSpace, isSeparator, LogicalLine, trimEndIndex, trimStartIndex } from './logicalLine';
import { extractFlags, parseJsonArray, parseWords, Piece, splitWhitespace } from './split';
import { scanVariables } from './variables';
import { goQuote } from './goQuote';

interface Parsed {
  args: Piece[];
  form: InstructionForm;
  keyValues?: { key: Piece; value?: Piece; separator: '=' | '' }[];
  /** ENV/LABEL print a separator word after each pair. */
  pairs?: boolean;
  error?: string;
  inner?: ParsedInstruction;
}

interface ArgContext {
  text: string;
  start: number;
  end: number;
  escape: string;
  keyword: string;
  line: LogicalLine;
  problems: ParseProblem[];
}

type ArgParser = (ctx: ArgContext) => Parsed;

const none: Parsed = { args: [], form: 'none' };

function stringArg(ctx: ArgContext): Parsed {
  if (ctx.start === ctx.end) return none;
  return { args: [piece(ctx, ctx.start, ctx.end)], form: 'shell' };
}

function whitespaceWords(ctx: ArgContext): Parsed {
  if (ctx.start === ctx.end) return none;
  return { args: splitWhitespace(ctx.text, ctx.start, ctx.end), form: 'shell' };
}

function maybeJson(ctx: ArgContext): Parsed {
  if (ctx.start === ctx.end) return none;
  const json = parseJsonArray(ctx.text, ctx.start, ctx.end);
  if (json.kind === 'array') return { args: json.elements, form: 'json' };
  if (json.kind === 'notStrings') return { ...stringArg(ctx), error: 'when using JSON array syntax, arrays must be comprised of strings only' };
  return stringArg(ctx);
}

function maybeJsonToList(ctx: ArgContext): Parsed {
  const json = parseJsonArray(ctx.text, ctx.start, ctx.end);
  if (json.kind === 'array') return { args: json.elements, form: 'json' };
  if (json.kind === 'notStrings') return { ...whitespaceWords(ctx), error: 'when using JSON array syntax, arrays must be comprised of strings only' };
  return whitespaceWords(ctx);
}

function nameOrNameValue(ctx: ArgContext): Parsed {
  const words = parseWords(ctx.text, ctx.start, ctx.end, ctx.escape);
  if (words.length === 0) return none;
  return { args: words, form: 'shell', keyValues: words.map(splitPair) };
}

function nameValue(ctx: ArgContext): Parsed {
  const words = parseWords(ctx.text, ctx.start, ctx.end, ctx.escape);
  if (words.length === 0) return none;
  if (!words[0].value.includes('=')) {
    const parts = splitWhitespace(ctx.text, ctx.start, ctx.end, 2);
    if (parts.length < 2) return { ...none, error: `${ctx.keyword} must have two arguments` };
    return { args: parts, form: 'shell', keyValues: [{ key: parts[0], value: parts[1], separator: '' }], pairs: true };
  }
  const bad = words.find((w) => !w.value.includes('='));
  const keyValues = words.filter((w) => w.value.includes('=')).map(splitPair);
  const error = bad && `Syntax error - can't find = in ${goQuote(bad.value)}. Must be of the form: name=value`;
  return { args: words, form: 'shell', keyValues, pairs: true, error };
}

function healthcheck(ctx: ArgContext): Parsed {
  let sep = ctx.start;
  while (sep < ctx.end && !isGoSpace(ctx.text.charCodeAt(sep))) sep++;
  if (sep === ctx.start) return none;
  const next = trimStartIndex(ctx.text, sep, ctx.end);
  const command = maybeJson({ ...ctx, start: next });
  return { ...command, args: [piece(ctx, ctx.start, sep), ...command.args], form: command.form === 'json' ? 'json' : 'shell' };
}

function onbuild(ctx: ArgContext): Parsed {
  if (ctx.start === ctx.end) return none;
  const inner = buildInstruction(ctx.line, ctx.start, ctx.end, ctx.escape, ctx.problems);
  return { args: [], form: inner.form, inner };
}

function unknown(): Parsed {
  return none;
}

/** BuildKit's dispatch table: how each instruction's arguments are read. */
const ARG_PARSERS: Record<string, ArgParser> = {
  add: maybeJsonToList,
  arg: nameOrNameValue,
  cmd: maybeJson,
  copy: maybeJsonToList,
  entrypoint: maybeJson,
  env: nameValue,
  expose: whitespaceWords,
  from: whitespaceWords,
  healthcheck,
  label: nameValue,
  maintainer: stringArg,
  onbuild,
  run: maybeJson,
  shell: maybeJson,
  stopsignal: stringArg,
  user: stringArg,
  volume: maybeJsonToList,
  workdir: stringArg,
};

export const KNOWN_INSTRUCTIONS = Object.keys(ARG_PARSERS).map((k) => k.toUpperCase());
const UPPER = new Map(KNOWN_INSTRUCTIONS.map((k) => [k.toLowerCase(), k]));

interface HeredocHost {
  keyword: string;
  form: InstructionForm;
  inner?: HeredocHost;
}

/** Instructions whose shell form may open heredocs (`RUN <<EOF`); ONBUILD looks at its inner one. */
export function canContainHeredoc(ins: HeredocHost): boolean {
  const target = ins.keyword === 'ONBUILD' && ins.inner ? ins.inner : ins;
  return (target.keyword === 'RUN' || target.keyword === 'COPY' || target.keyword === 'ADD') && target.form !== 'json';
}

/** Builds the instruction found in line.text[from, to). */
export function buildInstruction(
  line: LogicalLine,
  from: number,
  to: number,
  escape: string,
  problems: ParseProblem[],
  continuationStarts: readonly number[] = EMPTY,
): ParsedInstruction {
  const text = line.text;
  const start = trimStartIndex(text, from, to);
  const end = trimEndIndex(text, start, to);
  let keywordEnd = start;
  while (keywordEnd < end && !isSeparator(text.charCodeAt(keywordEnd))) keywordEnd++;
  let restStart = keywordEnd;
  while (restStart < end && isSeparator(text.charCodeAt(restStart))) restStart++;
  const { flags, argsStart } = restStart < end ? extractFlags(text, restStart, end) : { flags: EMPTY, argsStart: end };
  const argsFrom = trimStartIndex(text, argsStart, end);
  const written = text.slice(start, keywordEnd);
  const lower = written.toLowerCase();
  // Known keywords share one upper-case string (and the written one when it is the same).
  const keyword = UPPER.get(lower) ?? written.toUpperCase();
  const keywordText = written === keyword ? keyword : written;
  const parser = Object.prototype.hasOwnProperty.call(ARG_PARSERS, lower) ? ARG_PARSERS[lower] : unknown;
  const ctx: ArgContext = { text, start: argsFrom, end, escape, keyword, line, problems };
  const parsed = parser(ctx);
  // Source offsets of the instruction, its keyword and its arguments (numbers, not span objects).
  const sourceStart = line.toSource(start);
  const sourceEnd = line.endOf(start, end);
  // ENV's and LABEL's declarations are their pair words; ARG keeps its own.
  const kvData = !parsed.keyValues || parsed.keyValues.length === 0 ? EMPTY : parsed.pairs ? PAIR_WORDS : packKeyValues(line, parsed.keyValues);
  // ONBUILD's references are its instruction's.
  let varData: Packed = EMPTY;
  if (parsed.inner) varData = parsed.inner.varData;
  else {
    const found = scanVariables(text, restStart, end, escape);
    if (found.length > 0) varData = packLineVariables(line, found);
  }
  const ins = new ParsedInstruction({
    keyword,
    keywordText,
    known: parser !== unknown,
    form: parsed.form,
    start: sourceStart,
    end: sourceEnd,
    keywordStart: sourceStart,
    keywordEnd: line.endOf(start, keywordEnd),
    argsStart: line.toSource(argsFrom),
    argsEnd: line.endOf(argsFrom, end),
    // Joined from lines with no continuation starts to make it again from (ONBUILD's instruction):
    // kept. The arguments run to its end, trimmed (`end` is `to` trimmed).
    original: !line.oneRun && continuationStarts.length === 0 ? text.slice(from, to) : undefined,
    argsAt: argsFrom - from,
    flagData: flags.length === 0 ? EMPTY : packFlags(line, flags),
    argWords: toArgs(line, parsed, argsFrom, end),
    kvData,
    varData,
    continuationStarts,
    inner: parsed.inner,
  });
  if (parsed.error) problems.push({ start: sourceStart, end: sourceEnd, severity: 'error', code: 'InvalidInstruction', message: parsed.error });
  return ins;
}

function piece(ctx: ArgContext, start: number, end: number): Piece {
  return { value: ctx.text.slice(start, end), start, end };
}

function splitPair(word: Piece): { key: Piece; value?: Piece; separator: '=' | '' } {
  const eq = word.value.indexOf('=');
  if (eq < 0) return { key: word, separator: '' };
  return {
    key: { value: word.value.slice(0, eq), start: word.start, end: word.start + eq },
    value: { value: word.value.slice(eq + 1), start: word.start + eq + 1, end: word.end },
    separator: '=',
  };
}

/** The arguments as BuildKit's dump prints them: ENV and LABEL pairs as key, value and separator words. */
function toArgs(line: LogicalLine, parsed: Parsed, argsFrom: number, argsEnd: number): Packed {
  if (parsed.args.length === 0) return EMPTY;
  const only = parsed.args.length === 1 && !parsed.pairs ? parsed.args[0] : undefined;
  if (only && only.start === argsFrom && only.end === argsEnd && only.value.length === argsEnd - argsFrom && line.text.startsWith(only.value, argsFrom)) return ONE_WORD;
  return parsed.pairs && parsed.keyValues ? packPairWords(line, parsed.keyValues) : packWords(line, parsed.args);
}
