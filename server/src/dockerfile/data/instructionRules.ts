// What BuildKit requires of instructions beyond their documentation table (instructions.ts): how
// many arguments each takes, flags it accepts that the table does not document yet, which expand
// variables in their arguments, and which ONBUILD may not wrap.

export type Arity = 'atLeastOne' | 'atLeastTwo' | 'exactlyOne';

/** How many arguments BuildKit requires, per instruction (checked after parsing, before the build). */
export const ARITY: Readonly<Record<string, Arity>> = {
  ADD: 'atLeastTwo', COPY: 'atLeastTwo',
  ARG: 'atLeastOne', ENV: 'atLeastOne', EXPOSE: 'atLeastOne', VOLUME: 'atLeastOne', ONBUILD: 'atLeastOne', HEALTHCHECK: 'atLeastOne', LABEL: 'atLeastOne',
  WORKDIR: 'exactlyOne', USER: 'exactlyOne', STOPSIGNAL: 'exactlyOne', MAINTAINER: 'exactlyOne',
};

/** Flags BuildKit accepts that the knowledge table does not document yet (newer or labs syntax). */
export const EXTRA_FLAGS: Readonly<Record<string, readonly string[]>> = { ADD: ['unpack'], RUN: ['device'] };

/** Instructions whose arguments BuildKit expands `$NAME` in (RUN, CMD and ENTRYPOINT leave it to the shell). */
export const EXPANDED: ReadonlySet<string> = new Set(['ADD', 'COPY', 'ENV', 'EXPOSE', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR', 'ARG']);

/** Instructions ONBUILD may not wrap. */
export const NOT_IN_ONBUILD: ReadonlySet<string> = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);
