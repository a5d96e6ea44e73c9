// Parser directives: `# name=value` comments at the very top of a Dockerfile.
import type { DirectiveInfo } from './types';

export const directives: DirectiveInfo[] = [
  {
    name: 'syntax',
    summary:
      'Chooses the Dockerfile frontend (the program that understands this file), as an image reference. ' +
      '`docker/dockerfile:1` always gets the newest stable 1.x syntax, so features such as heredocs, `RUN --mount` ' +
      'and `COPY --link` work even on an older Docker installation.',
    example: '# syntax=docker/dockerfile:1',
    valueHint: '<frontend image>',
    values: [
      { value: 'docker/dockerfile:1', summary: 'The latest stable 1.x release (recommended).' },
      { value: 'docker/dockerfile:1-labs', summary: 'Stable features plus experimental ones.' },
    ],
    traps: ['Directives must come before any instruction, blank line or ordinary comment; further down they are plain comments.'],
    anchor: 'syntax',
  },
  {
    name: 'escape',
    summary:
      'Sets the character that escapes characters and continues lines: `\\` (default) or `` ` ``. Windows ' +
      'Dockerfiles use `` ` `` so that paths like `C:\\Users\\` need no doubling.',
    example: '# escape=`',
    valueHint: '\\ or `',
    values: [
      { value: '\\', summary: 'Backslash, the default.' },
      { value: '`', summary: 'Backtick, convenient for Windows paths.' },
    ],
    traps: ['It changes how every later line is read, and it is not applied inside `RUN` commands themselves, only to Dockerfile line continuation and escaping.'],
    anchor: 'escape',
  },
  {
    name: 'check',
    summary:
      'Configures BuildKit\u2019s build checks: `skip` turns off the named rules (or `all`), `error=true` makes any ' +
      'violation fail the build.',
    example: '# check=skip=JSONArgsRecommended;error=true',
    valueHint: 'skip=<rule>[,<rule>...][;error=true]',
    values: [
      { value: 'skip=', summary: 'Comma-separated rule names to ignore, or `all`.' },
      { value: 'error=true', summary: 'Fail the build when a check reports a problem.' },
    ],
    anchor: 'check',
  },
];
