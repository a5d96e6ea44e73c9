// YAML-level problems as the `yaml` package reports them (syntax, tabs, aliases, merge keys),
// with duplicate keys re-worded to point at the first definition.
import { visit, isScalar, isMap, type Node, type Pair } from 'yaml';
import { keyName, spanOf, type ComposeModel, type Span } from './model';
import type { ComposeProblem } from './problems';

export function yamlProblems(model: ComposeModel): ComposeProblem[] {
  const problems: ComposeProblem[] = [];
  const duplicates = duplicateKeys(model);
  for (const err of model.doc.errors) {
    const [start, end] = err.pos;
    if (err.code === 'DUPLICATE_KEY') {
      const dup = duplicates.find((d) => d.span.start <= start && start <= d.span.end);
      if (dup) {
        problems.push(dup);
        continue;
      }
    }
    problems.push({
      span: err.code === 'MISSING_CHAR' ? unterminatedQuote(model.text, start, end) : { start, end: Math.max(end, start + 1) },
      severity: 'error',
      code: 'YamlSyntax',
      message: yamlMessage(err.code, err.message),
    });
  }
  for (const a of model.aliasProblems) problems.push({ span: a.span, severity: 'error', code: 'YamlAlias', message: a.message });
  for (const warn of model.doc.warnings) {
    const [start, end] = warn.pos;
    problems.push({ span: { start, end: Math.max(end, start + 1) }, severity: 'warning', code: 'YamlWarning', message: warn.message });
  }
  // Keep the span inside the text (an error "at the end" points one past it).
  for (const p of problems) {
    p.span.start = Math.min(p.span.start, model.text.length);
    p.span.end = Math.min(Math.max(p.span.end, p.span.start), model.text.length);
  }
  return problems;
}

const MESSAGES: Record<string, string> = {
  TAB_AS_INDENT: 'Tabs are not allowed as indentation in YAML; indent with spaces.',
  BAD_ALIAS: 'This alias is not valid YAML.',
  DUPLICATE_KEY: 'This key is already defined in the same mapping.',
};

function yamlMessage(code: string, message: string): string {
  if (code === 'BAD_ALIAS' && /not found|Unresolved|undefined/i.test(message)) return message;
  return MESSAGES[code] ?? message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '');
}

/** Every later key that repeats an earlier one in the same mapping. */
function duplicateKeys(model: ComposeModel): ComposeProblem[] {
  const out: ComposeProblem[] = [];
  visit(model.doc, {
    Map(_key, map) {
      if (!isMap(map)) return;
      const first = new Map<string, Span>();
      for (const pair of map.items as Pair[]) {
        const k = pair.key as Node | null;
        if (!isScalar(k) || !k.range) continue;
        const name = keyName(k);
        if (name === '<<') continue;
        const seen = first.get(name);
        if (seen) {
          const line = model.lines.lineOf(seen.start) + 1;
          out.push({
            span: spanOf(k),
            severity: 'error',
            code: 'DuplicateKey',
            message: `Duplicate key "${name}": it is already defined at line ${line}. YAML mappings need unique keys.`,
          });
        } else first.set(name, spanOf(k));
      }
    },
  });
  return out;
}

/** An unterminated quote is reported at the line end: point at the opening quote instead. */
function unterminatedQuote(text: string, start: number, end: number): Span {
  const lineStart = text.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
  const line = text.slice(lineStart, start);
  const quote = Math.max(line.lastIndexOf('"'), line.lastIndexOf("'"));
  if (quote === -1) return { start, end: Math.max(end, start + 1) };
  return { start: lineStart + quote, end: start };
}
