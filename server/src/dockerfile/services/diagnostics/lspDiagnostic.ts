// A reported finding as an LSP diagnostic, and a diagnostic moved down or up by whole lines.
// Diagnostics are frozen once made (their range too): a version's list re-uses the previous one's
// objects, and the stdio writer keeps each frozen diagnostic's JSON (node/keptJsonEncoder.ts).
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { DockerfileModel } from '../../parser/model';
import { movedRange } from '../movedRange';
import type { ReportedFinding, RuleSeverity } from './rule';

export const SOURCE = 'docklens';

const LSP_SEVERITY: Record<RuleSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The diagnostic of `f`, whose offsets are `by` characters before where it is in `model`'s text. */
export function toLspDiagnostic(model: DockerfileModel, f: ReportedFinding, by = 0): Diagnostic {
  const span = by === 0 ? f.span : { start: f.span.start + by, end: f.span.end + by };
  const d: Diagnostic = {
    range: model.lines.rangeOf(span),
    severity: LSP_SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: f.url },
    source: SOURCE,
    message: f.message,
  };
  if (f.code === 'MaintainerDeprecated') d.tags = [DiagnosticTag.Deprecated];
  if (f.data !== undefined) d.data = f.data;
  return frozen(d);
}

/** `d` and its range frozen: nothing may change a diagnostic once it is made. */
function frozen(d: Diagnostic): Diagnostic {
  Object.freeze(d.range.start);
  Object.freeze(d.range.end);
  Object.freeze(d.range);
  return Object.freeze(d);
}

/** `d` on the line `lines` below (above, when negative), the same characters. */
export function movedByLines(d: Diagnostic, lines: number): Diagnostic {
  return frozen({ ...d, range: movedRange(d.range, lines) });
}

/** `d` with the message and data of `f` (the same finding, its message naming other lines). */
export function withMessage(d: Diagnostic, f: ReportedFinding): Diagnostic {
  const out: Diagnostic = { ...d, message: f.message };
  if (f.data !== undefined) out.data = f.data;
  return frozen(out);
}
