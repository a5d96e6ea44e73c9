// The knowledge tables in the active language. Every prose field of a table record has a key made of
// the table's own ids (`instruction.CMD.summary`, `flag.mount.traps.0`, `mount.cache.option.id.summary`,
// `shell.apt-get.install.layer` for the commands inside RUN); a catalogue translates those keys, and
// the records' fields are swapped when the locale changes, so hover, completion and signature help read
// one table in one language. Keywords, flags, examples and syntax lines are not prose and stay as written.
import { onLocaleChange, translation } from '../../l10n';
import { directives } from './directives';
import { mountTypes } from './flags';
import { instructions } from './instructions';
import { predefinedArgs } from './predefinedArgs';
import { shellCommands } from './shellCommands';
import { signals } from './signals';
import type { ShellCommandInfo, ValueInfo } from './types';

interface TextField {
  key: string;
  record: Record<string, unknown>;
  field: string | number;
  english: string;
}

let fields: TextField[] | undefined;

/** Every translatable text of the tables, each shared record once (under its first key). */
function collect(): TextField[] {
  const out: TextField[] = [];
  const seen = new Set<object>();
  const text = (key: string, record: object, field: string | number) => {
    const value = (record as Record<string | number, unknown>)[field];
    if (typeof value === 'string' && value !== '') out.push({ key, record: record as Record<string, unknown>, field, english: value });
  };
  const list = (key: string, array: readonly string[] | undefined) => array?.forEach((_, i) => text(`${key}.${i}`, array, i));
  const values = (key: string, array: readonly ValueInfo[] | undefined) => {
    for (const v of array ?? []) if (once(v)) text(`${key}.values.${v.value}.summary`, v, 'summary');
  };
  const once = (record: object) => !seen.has(record) && !!seen.add(record);

  for (const ins of instructions) {
    const k = `instruction.${ins.keyword}`;
    for (const f of ['summary', 'details', 'layerNote', 'deprecated'] as const) text(`${k}.${f}`, ins, f);
    list(`${k}.traps`, ins.traps);
    ins.forms.forEach((form, i) => {
      // A form's name is also its id (signature help picks forms by it): translated where it is shown.
      text(`${k}.forms.${i}.name`, { name: form.name }, 'name');
      text(`${k}.forms.${i}.note`, form, 'note');
      form.params.forEach((p, j) => {
        if (once(p)) text(`${k}.forms.${i}.params.${j}.summary`, p, 'summary');
      });
    });
    for (const flag of ins.flags) {
      if (!once(flag)) continue;
      const fk = `flag.${flag.name}`;
      text(`${fk}.summary`, flag, 'summary');
      list(`${fk}.traps`, flag.traps);
      values(fk, flag.values);
    }
  }
  for (const m of mountTypes) {
    const k = `mount.${m.type}`;
    text(`${k}.summary`, m, 'summary');
    for (const o of m.options) {
      if (!once(o)) continue;
      text(`${k}.option.${o.name}.summary`, o, 'summary');
      values(`${k}.option.${o.name}`, o.values);
    }
  }
  for (const d of directives) {
    const k = `directive.${d.name}`;
    text(`${k}.summary`, d, 'summary');
    list(`${k}.traps`, d.traps);
    values(k, d.values);
  }
  for (const a of predefinedArgs) text(`arg.${a.name}.summary`, a, 'summary');
  for (const s of signals) text(`signal.${s.name}.summary`, s, 'summary');
  for (const c of shellCommands) {
    const k = shellCommandKey(c);
    for (const f of ['summary', 'layer'] as const) text(`${k}.${f}`, c, f);
    list(`${k}.traps`, c.traps);
    if (c.cleanup && once(c.cleanup)) text(`${k}.cleanup`, c.cleanup, 'what');
    for (const e of c.env ?? []) text(`${k}.env.${e.name}.summary`, e, 'summary');
    for (const o of c.options ?? []) {
      if (!once(o)) continue;
      text(`${k}.option.${o.names[0]}.summary`, o, 'summary');
      values(`${k}.option.${o.names[0]}`, o.values);
    }
    c.operands?.forEach((o, i) => {
      text(`${k}.operand.${i}.summary`, o, 'summary');
      if (o.cleanup && once(o.cleanup)) text(`${k}.operand.${i}.cleanup`, o.cleanup, 'what');
    });
  }
  return out;
}

/** `shell.apt-get.install`: a RUN command's entry by its first program and subcommand. */
function shellCommandKey(c: ShellCommandInfo): string {
  return `shell.${c.programs[0]}${c.subcommand ? '.' + c.subcommand : ''}`;
}

/** Every table text's key in walking order (a key listed twice would be a naming clash). */
export function tableTextKeys(): string[] {
  fields ??= collect();
  return fields.map((f) => f.key);
}

/** Key → English text of every table text, for the catalogue tests and translators. */
export function tableTexts(): Map<string, string> {
  fields ??= collect();
  return new Map(fields.map((f) => [f.key, f.english]));
}

function applyLocale(): void {
  fields ??= collect();
  for (const f of fields) f.record[f.field] = translation(f.key) ?? f.english;
}

onLocaleChange(applyLocale);
