// Turns one logical line into an Instruction: keyword, flags, and arguments split the way BuildKit
// splits them for that instruction (a table of argument parsers keyed by instruction name).
import { EMPTY, type InstructionForm, type ParseProblem } from './ast';
import { ParsedInstruction } from './instructionNode';
import { instructionHead } from './instructionHead';
import { ONE_WORD, PAIR_WORDS, packElements, packFlags, packKeyValueSpans, packLineReferences, packPairSpans, packParts, packWords, packWordSpans, type Packed } from './packed';
import { isGoSpace, isSeparator, LogicalLine, trimEndIndex, trimStartIndex } from './logicalLine';
import { extractFlags, parseJsonArray, parseWords, Piece, splitWhitespace } from './split';
import { scanReferences } from './variables';
import { goQuote } from './goQuote';

interface Parsed {
  form: InstructionForm;
  /** The arguments packed (packed.ts): ONE_WORD when they are one word, all of the argument text. */
  args: Packed;
  /** ARG's declarations packed, PAIR_WORDS for ENV's and LABEL's (their pair words), else EMPTY. */
  declarations: Packed;
  error?: string;
  inner?: ParsedInstruction;
}

/**
 * Reads the arguments in text[start, end) (`text` is the logical line's, `end` the instruction's
 * trimmed end) and packs them. Positional, so that no context object is made per instruction.
 */
type ArgParser = (text: string, start: number, end: number, escape: string, keyword: string, line: LogicalLine, problems: ParseProblem[]) => Parsed;

/**
 * What the argument parser of the instruction being built found: one object for every instruction,
 * written by `found` as a parser returns and read by buildInstruction at once (ONBUILD's parser
 * builds its instruction, which reads its own, before it writes ONBUILD's).
 */
const FOUND: Parsed = { form: 'none', args: EMPTY, declarations: EMPTY, error: undefined, inner: undefined };

function found(form: InstructionForm, args: Packed, declarations: Packed, error?: string, inner?: ParsedInstruction): Parsed {
  FOUND.form = form;
  FOUND.args = args;
  FOUND.declarations = declarations;
  FOUND.error = error;
  FOUND.inner = inner;
  return FOUND;
}

/** No arguments. */
function none(error?: string): Parsed {
  return found('none', EMPTY, EMPTY, error);
}

/** Shell form, one word: the whole argument text (RUN, CMD... in shell form, WORKDIR, USER). */
function whole(error?: string): Parsed {
  return found('shell', ONE_WORD, EMPTY, error);
}

/**
 * Where split.ts writes the words it finds, three numbers a word, and where they are rearranged
 * into pairs and declarations: numbers, packed at once, so no object or string is made per word.
 */
const WORDS: number[] = [];
const RECORDS: number[] = [];

function stringArg(text: string, start: number, end: number): Parsed {
  return start === end ? none() : whole();
}

function whitespaceWords(text: string, start: number, end: number, escape: string, keyword: string, line: LogicalLine): Parsed {
  if (start === end) return none();
  const n = splitWhitespace(text, start, end, Infinity, WORDS);
  return found('shell', wordsData(line, n, start, end), EMPTY);
}

const NOT_STRINGS = 'when using JSON array syntax, arrays must be comprised of strings only';

function maybeJson(text: string, start: number, end: number, escape: string, keyword: string, line: LogicalLine): Parsed {
  if (start === end) return none();
  const json = parseJsonArray(text, start, end, WORDS);
  if (json === 'notStrings') return whole(NOT_STRINGS);
  if (json === 'invalid') return whole();
  return found('json', elementsData(line, json), EMPTY);
}

function maybeJsonToList(text: string, start: number, end: number, escape: string, keyword: string, line: LogicalLine): Parsed {
  const json = parseJsonArray(text, start, end, WORDS);
  if (json === 'notStrings') {
    const words = whitespaceWords(text, start, end, escape, keyword, line);
    words.error = NOT_STRINGS;
    return words;
  }
  if (json === 'invalid') return whitespaceWords(text, start, end, escape, keyword, line);
  return found('json', elementsData(line, json), EMPTY);
}

/** ARG: each word a declaration, `name` or `name=value`. */
function nameOrNameValue(text: string, start: number, end: number, escape: string, keyword: string, line: LogicalLine): Parsed {
  const n = parseWords(text, start, end, escape, WORDS);
  if (n === 0) return none();
  // Each word split at its first `=` (in its value): the key, then the value or -1s.
  let r = 0;
  for (let k = 0; k < 3 * n; k += 3) {
    const wordStart = WORDS[k];
    const wordEnd = WORDS[k + 1];
    const valueEnd = WORDS[k + 2];
    const eq = equalsIn(text, wordStart, valueEnd);
    if (eq < 0) {
      r = record(r, wordStart, wordEnd, valueEnd);
      r = record(r, -1, -1, -1);
    } else {
      r = record(r, wordStart, eq, eq);
      r = record(r, eq + 1, wordEnd, valueEnd);
    }
  }
  return found('shell', wordsData(line, n, start, end), packKeyValueSpans(line, RECORDS, n));
}

/** ENV, LABEL: `name=value` words, or (the first word without `=`) a name and a value, the rest of the line. */
function nameValue(text: string, start: number, end: number, escape: string, keyword: string, line: LogicalLine): Parsed {
  const n = parseWords(text, start, end, escape, WORDS);
  if (n === 0) return none();
  if (equalsIn(text, WORDS[0], WORDS[2]) < 0) {
    if (splitWhitespace(text, start, end, 2, WORDS) < 2) return none(`${keyword} must have two arguments`);
    let r = record(0, WORDS[0], WORDS[1], WORDS[2]);
    r = record(r, WORDS[3], WORDS[4], WORDS[5]);
    RECORDS[r] = 0;
    return found('shell', packPairSpans(line, RECORDS, 1), PAIR_WORDS);
  }
  // The words with `=` are the pairs (each split at its first one); the first without is an error.
  let bad = -1;
  let r = 0;
  let pairs = 0;
  for (let k = 0; k < 3 * n; k += 3) {
    const wordStart = WORDS[k];
    const valueEnd = WORDS[k + 2];
    const eq = equalsIn(text, wordStart, valueEnd);
    if (eq < 0) {
      if (bad < 0) bad = k;
      continue;
    }
    r = record(r, wordStart, eq, eq);
    r = record(r, eq + 1, WORDS[k + 1], valueEnd);
    RECORDS[r++] = 1;
    pairs++;
  }
  const error = bad >= 0 ? `Syntax error - can't find = in ${goQuote(text.slice(WORDS[bad], WORDS[bad + 2]))}. Must be of the form: name=value` : undefined;
  return found('shell', packPairSpans(line, RECORDS, pairs), PAIR_WORDS, error);
}

/** Where the first `=` in text[from, to) is, or -1. */
function equalsIn(text: string, from: number, to: number): number {
  const at = text.indexOf('=', from);
  return at >= 0 && at < to ? at : -1;
}

/** Writes one piece's start, end and value end to RECORDS at `r`; returns the index after them. */
function record(r: number, start: number, end: number, valueEnd: number): number {
  RECORDS[r] = start;
  RECORDS[r + 1] = end;
  RECORDS[r + 2] = valueEnd;
  return r + 3;
}

/** The `n` words in WORDS packed: ONE_WORD when they are one word, all of the argument text. */
function wordsData(line: LogicalLine, n: number, argsFrom: number, argsEnd: number): Packed {
  if (n === 1 && WORDS[0] === argsFrom && WORDS[1] === argsEnd && WORDS[2] === argsEnd) return ONE_WORD;
  return packWordSpans(line, WORDS, n);
}

/**
 * JSON elements (their places in WORDS) packed. Never ONE_WORD: an element's place takes in its
 * quotes, and its value does not.
 */
function elementsData(line: LogicalLine, values: string[]): Packed {
  return values.length === 0 ? EMPTY : packElements(line, values, WORDS);
}

/** HEALTHCHECK's words packed, as `wordsData`. */
function piecesData(line: LogicalLine, pieces: Piece[], argsFrom: number, argsEnd: number): Packed {
  if (pieces.length === 0) return EMPTY;
  const only = pieces.length === 1 ? pieces[0] : undefined;
  if (only && only.start === argsFrom && only.end === argsEnd && only.value.length === argsEnd - argsFrom && line.text.startsWith(only.value, argsFrom)) return ONE_WORD;
  return packWords(line, pieces);
}

function healthcheck(text: string, start: number, end: number, escape: string, keyword: string, line: LogicalLine): Parsed {
  let sep = start;
  while (sep < end && !isGoSpace(text.charCodeAt(sep))) sep++;
  if (sep === start) return none();
  const next = trimStartIndex(text, sep, end);
  // The command's words after the subcommand's (`CMD`, `NONE`), as one list.
  const words: Piece[] = [piece(text, start, sep)];
  let form: InstructionForm = 'shell';
  let error: string | undefined;
  if (next < end) {
    const json = parseJsonArray(text, next, end, WORDS);
    if (json === 'notStrings') error = NOT_STRINGS;
    if (typeof json === 'string') words.push(piece(text, next, end));
    else {
      form = 'json';
      for (let k = 0; k < json.length; k++) words.push({ value: json[k], start: WORDS[2 * k], end: WORDS[2 * k + 1] });
    }
  }
  return found(form, piecesData(line, words, start, end), EMPTY, error);
}

function onbuild(text: string, start: number, end: number, escape: string, keyword: string, line: LogicalLine, problems: ParseProblem[]): Parsed {
  if (start === end) return none();
  const inner = buildInstruction(line, start, end, escape, problems);
  return found(inner.form, EMPTY, EMPTY, undefined, inner);
}

function unknown(): Parsed {
  return none();
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
/** Where variables.ts writes the references it finds. */
const REFERENCES: number[] = [];

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
  // Read at once from the shared result, which then lets go of them (it would keep the text alive).
  const { form, args, declarations, error, inner } = parser(text, argsFrom, end, escape, keyword, line, problems);
  found('none', EMPTY, EMPTY);
  // Source offsets of the instruction, its keyword and its arguments (numbers, not span objects).
  const sourceStart = line.toSource(start);
  const sourceEnd = line.endOf(start, end);
  // ONBUILD's references are its instruction's.
  let varData: Packed = EMPTY;
  if (inner) varData = inner.varData;
  else {
    const n = scanReferences(text, restStart, end, escape, REFERENCES);
    if (n > 0) varData = packLineReferences(line, REFERENCES, n);
  }
  const head = instructionHead(keyword, keywordText, parser !== unknown, form, line.endOf(start, keywordEnd) - sourceStart);
  const packed = packParts(args, flagData, declarations, varData, continuationStarts);
  const ins = new ParsedInstruction(head, sourceStart, sourceEnd, line.toSource(argsFrom), line.endOf(argsFrom, end), packed);
  if (inner) ins.inner = inner;
  // Joined from lines with no continuation starts to make it again from (ONBUILD's instruction):
  // kept. The arguments run to its end, trimmed (`end` is `to` trimmed).
  if (!line.oneRun && continuationStarts.length === 0) ins.keepOriginal(text.slice(from, to), argsFrom - from);
  if (error) problems.push({ start: sourceStart, end: sourceEnd, severity: 'error', code: 'InvalidInstruction', message: error });
  return ins;
}

function piece(text: string, start: number, end: number): Piece {
  return { value: text.slice(start, end), start, end };
}
