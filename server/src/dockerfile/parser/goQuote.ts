// Go's strconv.Quote, which BuildKit's AST dump uses for every argument.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const SHORT_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

export function goQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const short = SHORT_ESCAPES[ch];
    if (short) out += short;
    else if (PRINTABLE.test(ch)) out += ch;
    else {
      const code = ch.codePointAt(0)!;
      if (code >= 0xd800 && code <= 0xdfff) out += '\ufffd';
      else if (code < 0x80) out += '\\x' + code.toString(16).padStart(2, '0');
      else if (code < 0x10000) out += '\\u' + code.toString(16).padStart(4, '0');
      else out += '\\U' + code.toString(16).padStart(8, '0');
    }
  }
  return out + '"';
}
