// Turns one logical line into an Instruction: keyword, flags, and arguments split the way BuildKit
// splits them for that instruction (a table of argument parsers keyed by instruction name).
import { EMPTY, type InstructionForm, type ParseProblem } from './ast';
import { ParsedInstruction } from './instructionNode';
import { instructionHead } from './instructionHead';
import { ONE_WORD, PAIR_WORDS, packFlags, packKeyValues, packLineVariables, packPairWords, packParts, packWords, type Packed } from './packed';
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
  /** The arguments are one word, all of the argument text (`args` is empty: no piece is made for it). */
  whole?: boolean;
}

/**
 * Reads the arguments in text[start, end) (the logical line's text: `end` is the instruction's
 * trimmed end). Positional, so that no context object is made per instruction.
 */
type ArgParser = (text: string, start: number, end: number, escape: string, keyword: string, line: LogicalLine, problems: ParseProblem[]) => Parsed;

const none: Parsed = { args: EMPTY, form: 'none' };
/** Shell form, one word: the whole argument text (RUN, CMD... in shell form, WORKDIR, USER). */
const WHOLE: Parsed = { args: EMPTY, form: 'shell', whole: true };

function stringArg(text: string, start: number, end: number): Parsed {
  return start === end ? none : WHOLE;
}

function whitespaceWords(text: string, start: number, end: number): Parsed {
  if (start === end) return none;
  return { args: splitWhitespace(text, start, end), form: 'shell' };
}

const NOT_STRINGS = 'when using JSON array syntax, arrays must be comprised of strings only';

function maybeJson(text: string, start: number, end: number): Parsed {
  if (start === end) return none;
  const json = parseJsonArray(text, start, end);
  if (json === 'notStrings') return { ...WHOLE, error: NOT_STRINGS };
  if (json === 'invalid') return WHOLE;
  return { args: json, form: 'json' };
}

function maybeJsonToList(text: string, start: number, end: number): Parsed {
  const json = parseJsonArray(text, start, end);
  if (json === 'notStrings') return { ...whitespaceWords(text, start, end), error: NOT_STRINGS };
  if (json === 'invalid') return whitespaceWords(text, start, end);
  return { args: json, form: 'json' };
}

function nameOrNameValue(text: string, start: number, end: number, escape: string): Parsed {
  const words = parseWords(text, start, end, escape);
  if (words.length === 0) return none;
  return { args: words, form: 'shell', keyValues: words.map(splitPair) };
}

function nameValue(text: string, start: number, end: number, escape: string, keyword: string): Parsed {
  const words = parseWords(text, start, end, escape);
  if (words.length === 0) return none;
  if (!words[0].value.includes('=')) {
    const parts = splitWhitespace(text, start, end, 2);
    if (parts.length < 2) return { ...none, error: `${keyword} must have two arguments` };
    return { args: parts, form: 'shell', keyValues: [{ key: parts[0], value: parts[1], separator: '' }], pairs: true };
  }
  const bad = words.find((w) => !w.value.includes('='));
  const keyValues = words.filter((w) => w.value.includes('=')).map(splitPair);
  const error = bad && `Syntax error - can't find = in ${goQuote(bad.value)}. Must be of the form: name=value`;
  return { args: words, form: 'shell', keyValues, pairs: true, error };
}

function healthcheck(text: string, start: number, end: number): Parsed {
  let sep = start;
  while (sep < end && !isGoSpace(text.charCodeAt(sep))) sep++;
  if (sep === start) return none;
  const next = trimStartIndex(text, sep, end);
  const command = maybeJson(text, next, end);
  const commandArgs = command.whole ? [piece(text, next, end)] : command.args;
  return { ...command, whole: false, args: [piece(text, start, sep), ...commandArgs], form: command.form === 'json' ? 'json' : 'shell' };
}

function onbuild(text: string, start: number, end: number, escape: string, keyword: string, line: LogicalLine, problems: ParseProblem[]): Parsed {
  if (start === end) return none;
  const inner = buildInstruction(line, start, end, escape, problems);
  return { args: EMPTY, form: inner.form, inner };
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
/** Each known keyword's (upper case) argument parser. */
const PARSERS = new Map(Object.entries(ARG_PARSERS).map(([k, parse]) => [k.toUpperCase(), parse]));
/** The known keywords (upper case) by their length. */
const BY_LENGTH: string[][] = [];
for (const k of KNOWN_INSTRUCTIONS) (BY_LENGTH[k.length] ??= []).push(k);

/**
 * The known keyword text[start, end) is, when it is written in ASCII letters of either case (compared
 * in place, no string made), else undefined: the caller then lower-cases the written text, as
 * BuildKit does (a keyword written with other characters may still lower-case to a known one).
 */
function asciiKeyword(text: string, start: number, end: number): string | undefined {
  const list = BY_LENGTH[end - start];
  if (list === undefined) return undefined;
  next: for (const k of list) {
    for (let i = 0; i < k.length; i++) {
      const c = text.charCodeAt(start + i);
      const upper = k.charCodeAt(i);
      if (c !== upper && c !== upper + 32) continue next;
    }
    return k;
  }
  return undefined;
}

/** Whether text[start, end) is `word` as written. */
function writtenAs(text: string, start: number, end: number, word: string): boolean {
  return end - start === word.length && text.startsWith(word, start);
}

/** Flags found by extractFlags for the instruction being built: emptied and packed before its arguments are read. */
const FLAGS_FOUND: Piece[] = [];

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
  // Packed at once, and the list emptied (its values are slices of the text): ONBUILD's instruction,
  // built while its arguments are read, finds its own in it.
  const argsStart = restStart < end ? extractFlags(text, restStart, end, FLAGS_FOUND) : end;
  let flagData: Packed = EMPTY;
  if (FLAGS_FOUND.length > 0) {
    flagData = packFlags(line, FLAGS_FOUND);
    FLAGS_FOUND.length = 0;
  }
  const argsFrom = trimStartIndex(text, argsStart, end);
  // Known keywords share one upper-case string (and the written one when it is the same).
  let keyword = asciiKeyword(text, start, keywordEnd);
  let keywordText: string;
  let parser: ArgParser;
  if (keyword !== undefined) {
    keywordText = writtenAs(text, start, keywordEnd, keyword) ? keyword : text.slice(start, keywordEnd);
    parser = PARSERS.get(keyword)!;
  } else {
    const written = text.slice(start, keywordEnd);
    const lower = written.toLowerCase();
    keyword = UPPER.get(lower) ?? written.toUpperCase();
    keywordText = written === keyword ? keyword : written;
    parser = Object.prototype.hasOwnProperty.call(ARG_PARSERS, lower) ? ARG_PARSERS[lower] : unknown;
  }
  const parsed = parser(text, argsFrom, end, escape, keyword, line, problems);
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
  const head = instructionHead(keyword, keywordText, parser !== unknown, parsed.form, line.endOf(start, keywordEnd) - sourceStart);
  const packed = packParts(toArgs(line, parsed, argsFrom, end), flagData, kvData, varData, continuationStarts);
  const ins = new ParsedInstruction(head, sourceStart, sourceEnd, line.toSource(argsFrom), line.endOf(argsFrom, end), packed);
  if (parsed.inner) ins.inner = parsed.inner;
  // Joined from lines with no continuation starts to make it again from (ONBUILD's instruction):
  // kept. The arguments run to its end, trimmed (`end` is `to` trimmed).
  if (!line.oneRun && continuationStarts.length === 0) ins.keepOriginal(text.slice(from, to), argsFrom - from);
  if (parsed.error) problems.push({ start: sourceStart, end: sourceEnd, severity: 'error', code: 'InvalidInstruction', message: parsed.error });
  return ins;
}

function piece(text: string, start: number, end: number): Piece {
  return { value: text.slice(start, end), start, end };
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
  if (parsed.whole) return ONE_WORD;
  if (parsed.args.length === 0) return EMPTY;
  const only = parsed.args.length === 1 && !parsed.pairs ? parsed.args[0] : undefined;
  if (only && only.start === argsFrom && only.end === argsEnd && only.value.length === argsEnd - argsFrom && line.text.startsWith(only.value, argsFrom)) return ONE_WORD;
  return parsed.pairs && parsed.keyValues ? packPairWords(line, parsed.keyValues) : packWords(line, parsed.args);
}
