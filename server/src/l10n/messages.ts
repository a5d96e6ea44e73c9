// English texts of the messages Docklens builds in code, by key. Translations live in
// l10n/<locale>/*.json under the same keys; `{name}` marks a value filled in at run time and a key
// ending in `.one` is the singular used for a count of 1 (languages without plurals omit it).
// Teaching prose of the knowledge tables is not here: it is keyed by the tables' own ids (tables.ts).
export const english = {
  // Knowledge-table renderings (data/markdown.ts)
  'doc.layer.layer': '**Adds a layer.**',
  'doc.layer.conditional': '**Adds a layer only when it creates the directory.**',
  'doc.layer.metadata': '**No layer** (image metadata only).',
  'doc.layer.base': '**Starts from the base image\u2019s layers.**',
  'doc.watchOut': '**Watch out**',
  'doc.reference': 'Dockerfile reference',
  'doc.deprecated': '*Deprecated.*',
  'doc.flags': '**Flags**',
  'doc.options': '**Options**',
  'doc.default': 'Default: {value}.',
  'doc.repeatable': 'May be repeated.',
  'doc.since': 'Needs Dockerfile syntax {version}.',
  'doc.required': 'Required.',
  'doc.requiredTag': ' (required)',
  'doc.value': 'Value: {value}.',
  'doc.bare': 'May be written without a value.',
  'doc.mountOptionOf': 'option of {mount}',
  'doc.directive': 'parser directive',
  'doc.predefinedArg': 'predefined build argument',

  // Layer lenses and hints (services/layers.ts)
  'layers.count': '{count} layers',
  'layers.count.one': '{count} layer',
  'layers.ownCount': '{layers} ({own} own)',
  'layers.finalImage': 'final image: {base} + {layers}',
  'layers.unusedStage': 'unused stage · {layers}',
  'layers.notShipped': '{layers} · not shipped (used by: {users})',
  'layers.notShippedNotBuilt': '{layers} · not shipped, not built (used by: {users})',
  'layers.tooltip.fromStage': 'Starts from stage {stage} ({layers} on top of {base}).',
  'layers.tooltip.fromScratch': 'Starts from scratch: an empty filesystem.',
  'layers.tooltip.fromImage': 'Starts from the base image {base}, whose own layers are not counted.',
  'layers.tooltip.rules':
    'RUN, COPY and ADD add a layer each, WORKDIR one (BuildKit creates the directory) unless the path is /; other instructions only change the configuration.',
  'layers.triggerFromStage': '{text} (trigger from stage {stage})',
  'layers.hint': 'layer {layer} of {total}',
  'layers.hintInStage': 'layer {layer} of {total} in stage {stage}',
  'layers.hintIn': 'layer {layer} of {total} in {stage}',

  // "What this image runs" (hover on CMD / ENTRYPOINT, services/hover.ts + effectiveCommand.ts)
  'run.title': 'What this image runs',
  'run.titleStage': 'What {stage} runs',
  'common.stageNamed': 'stage {name}',
  'common.stageIndex': 'stage {index}',
  'common.line': 'line {line}',
  'run.notSet': 'not set',
  'run.cleared': 'none: the ENTRYPOINT on {line} resets the CMD inherited from the base image',
  'run.fromImage': 'inherited from {image} (not visible here: {inspect} shows it)',
  'run.written': '{written}, {form}, {where}',
  'run.form.exec': 'exec form',
  'run.form.shell': 'shell form',
  'run.inherited': 'inherited from {stage} ({line})',
  'run.runs': '{run} runs {argv}',
  'run.runsUnlessEntrypoint': '{run} runs {argv}, unless the base image {base} sets an ENTRYPOINT: then these words become its arguments',
  'run.runsLikeBase': '{run} runs whatever {base} runs (this stage sets neither ENTRYPOINT nor CMD)',
  'run.nothing': '{run} has nothing to run and fails unless you give a command',
  'run.argsIgnored': '{run} still runs {argv}: a shell-form ENTRYPOINT ignores run arguments',
  'run.argsAppended': '{run} runs {argv} (arguments are appended to the ENTRYPOINT and replace CMD)',
  'run.argsReplace': '{run} runs {argv} (arguments replace CMD)',
  'run.argsDependOnBase': '{run} replaces CMD; the result depends on {base}\u2019s ENTRYPOINT',
  'run.entrypointOverride': '{run} runs {argv} (the CMD is dropped as well)',
  'run.compose': 'Compose: `command:` replaces CMD; `entrypoint:` replaces ENTRYPOINT and drops CMD',
  'run.noEffect': 'This {keyword} has no effect: the {keyword} on {line} replaces it.',
  'run.warn.manyCmd': 'This stage has {count} CMD instructions; only the last one ({line}) counts.',
  'run.warn.manyEntrypoint': 'This stage has {count} ENTRYPOINT instructions; only the last one ({line}) counts.',
  'run.warn.shellEntrypoint':
    'ENTRYPOINT is in shell form: CMD and `docker run` arguments are ignored (they reach the shell as `$0`, `$1`... and the command never reads them), and the program runs under {shell}, so it is not PID 1 and does not receive SIGTERM from `docker stop`.',
  'run.warn.shellCmd':
    'CMD is in shell form: it runs under {shell}, so the shell is PID 1 and your program does not receive SIGTERM from `docker stop` (it is killed after the timeout). Prefer the exec form, or start the command with `exec`.',
  'run.warn.shellCmdExecEntrypoint':
    'CMD is in shell form while ENTRYPOINT is in exec form: the entrypoint receives {shell} and the command line as arguments, which is rarely intended. Write CMD as a JSON array.',
  'run.warn.nothing': 'Neither ENTRYPOINT nor CMD is set: `docker run IMAGE` fails with "no command specified" unless a command is given.',
} as const;

export type MessageKey = keyof typeof english;
