// YAML-level problems as the `yaml` package reports them (syntax, tabs, aliases, merge keys),
// with duplicate keys re-worded to point at the first definition.
import { NESTING_TOO_DEEP, type ComposeModel, type Span } from './model';
import type { ComposeProblem } from './problems';
import { t, type MessageKey } from '../l10n';

export function yamlProblems(model: ComposeModel): ComposeProblem[] {
  const problems: ComposeProblem[] = model.duplicateKeys.map((d) => ({
    span: { ...d.span },
    severity: 'error',
    code: 'DuplicateKey',
    message: t('yaml.duplicateKey', { name: d.name, line: model.lines.lineOf(d.first.start) + 1 }),
  }));
  for (const err of model.doc.errors) {
    const [start, end] = err.pos;
    problems.push({
      span: err.code === 'MISSING_CHAR' ? unterminatedQuote(model.text, start, end) : { start, end: Math.max(end, start + 1) },
      severity: 'error',
      code: 'YamlSyntax',
      message: yamlMessage(err.code, err.message),
    });
  }
  for (const a of model.aliasProblems) problems.push({ span: a.span, severity: 'error', code: 'YamlAlias', message: a.message });
  for (const warn of model.doc.warnings) {
    // Compose's own tags: `!reset` drops what earlier files set, `!override` replaces it.
    if (/^Unresolved tag: !(?:reset|override)$/.test(warn.message)) continue;
    const [start, end] = warn.pos;
    problems.push({ span: { start, end: Math.max(end, start + 1) }, severity: 'warning', code: 'YamlWarning', message: warn.message });
  }
  // Keep the span inside the text (an error "at the end" points one past it).
  for (const p of problems) {
    p.span.start = Math.min(p.span.start, model.text.length);
    p.span.end = Math.min(Math.max(p.span.end, p.span.start), model.text.length);
  }
  return problems.sort((a, b) => a.span.start - b.span.start);
}

/** Our words for some of the `yaml` package's error codes (its other messages are kept). */
const MESSAGES: Record<string, MessageKey> = {
  TAB_AS_INDENT: 'yaml.tabIndent',
  BAD_ALIAS: 'yaml.badAlias',
  DUPLICATE_KEY: 'yaml.duplicateKeyInMapping',
};

function yamlMessage(code: string, message: string): string {
  if (code === 'BAD_ALIAS' && /not found|Unresolved|undefined/i.test(message)) return message;
  // `yaml` gives up on a subtree when its recursion overflows and reports the engine's message.
  if (code === 'RESOURCE_EXHAUSTION') return NESTING_TOO_DEEP;
  const key = MESSAGES[code];
  return key ? t(key) : message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '');
}

/** An unterminated quote is reported at the line end: point at the opening quote instead. */
function unterminatedQuote(text: string, start: number, end: number): Span {
  const lineStart = text.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
  const line = text.slice(lineStart, start);
  const quote = Math.max(line.lastIndexOf('"'), line.lastIndexOf("'"));
  if (quote === -1) return { start, end: Math.max(end, start + 1) };
  return { start: lineStart + quote, end: start };
}
