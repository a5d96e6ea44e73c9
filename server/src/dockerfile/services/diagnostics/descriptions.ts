// Rule descriptions in the active language (`docklens check --list-rules`, SARIF). Our rules'
// one-liners are translated under `rule.<Code>.description`; BuildKit's checks keep BuildKit's
// words, as their messages do, so a search for them finds Docker's documentation.
import { translation } from '../../../l10n';
import type { Rule } from './rule';
import { RULES } from './table';

function translatable(rule: Rule): boolean {
  return !rule.buildkit && !rule.experimental;
}

export function ruleDescription(rule: Rule): string {
  return (translatable(rule) && translation(`rule.${rule.code}.description`)) || rule.description;
}

/** Key → English description of every rule of ours, for the catalogue tests. */
export function ruleDescriptionTexts(): Map<string, string> {
  return new Map(RULES.filter(translatable).map((r) => [`rule.${r.code}.description`, r.description]));
}
