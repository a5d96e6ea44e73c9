// The values an option accepts, as a sentence fragment in the active language: `text, json or sarif`.
import { t } from '../l10n';

export function choices(...values: string[]): string {
  if (values.length < 2) return values.join('');
  return t('cli.choices', { first: values.slice(0, -1).join(t('cli.choiceSeparator')), last: values[values.length - 1] });
}
