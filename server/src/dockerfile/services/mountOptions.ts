// Splits a `--mount=` value into its comma-separated `key=value` options, with source offsets.
import type { Span } from '../parser/ast';

export interface MountOption extends Span {
  key: string;
  keySpan: Span;
  value?: string;
  valueSpan?: Span;
}

export interface ParsedMount {
  options: MountOption[];
  /** The `type=` value, `bind` when absent. */
  type: string;
}

/**
 * `valueStart` is the offset of the first character of `value` in the document. Quotes in the value
 * are not interpreted (BuildKit reads the list as CSV; quoted commas are rare in practice).
 */
export function parseMountValue(value: string, valueStart: number): ParsedMount {
  const options: MountOption[] = [];
  let pos = 0;
  for (const part of value.split(',')) {
    const start = valueStart + pos;
    const eq = part.indexOf('=');
    const key = (eq >= 0 ? part.slice(0, eq) : part).trim();
    const option: MountOption = { start, end: start + part.length, key, keySpan: { start, end: start + (eq >= 0 ? eq : part.length) } };
    if (eq >= 0) {
      option.value = part.slice(eq + 1);
      option.valueSpan = { start: start + eq + 1, end: start + part.length };
    }
    options.push(option);
    pos += part.length + 1;
  }
  const typeOption = options.find((o) => o.key.toLowerCase() === 'type');
  return { options, type: (typeOption?.value ?? 'bind').toLowerCase() };
}
