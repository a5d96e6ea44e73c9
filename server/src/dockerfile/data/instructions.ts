// The instruction table: one record per Dockerfile instruction, written for people learning Docker.
import {
  checksumFlag,
  chmodFlag,
  chownFlag,
  excludeFlag,
  fromFlag,
  intervalFlag,
  keepGitDirFlag,
  linkFlag,
  mountFlag,
  networkFlag,
  parentsFlag,
  platformFlag,
  retriesFlag,
  securityFlag,
  startIntervalFlag,
  startPeriodFlag,
  timeoutFlag,
} from './flags';
import type { FormInfo, InstructionInfo, ParameterInfo } from './types';

const optionsParam: ParameterInfo = { label: '[OPTIONS]', summary: 'Flags:', options: true };

const shellRunTrap =
  'Shell form runs as `/bin/sh -c "<command>"` (or the `SHELL` in effect): the shell, not your program, is PID 1, ' +
  'so `docker stop` sends SIGTERM to the shell, your program never sees it, and the container is killed after the ' +
  'timeout. Use the exec form, or `exec` in the shell command.';

const jsonQuotesTrap =
  'The exec form is JSON: use double quotes (`["a", "b"]`). With single quotes it is not JSON and silently becomes shell form.';

const execForm = (keyword: string, example: string, note?: string): FormInfo => ({
  name: 'exec form',
  kind: 'json',
  syntax: `${keyword} ["executable", "param1", "param2"]`,
  example,
  params: [
    { label: '"executable"', summary: 'The program to start: an absolute path or a name found on `PATH`. No shell is involved.' },
    { label: '"param1", "param2"', summary: 'Its arguments, one JSON string each. `$VARS` are not expanded (there is no shell).', variadic: true },
  ],
  note,
});

const shellForm = (keyword: string, example: string, note?: string): FormInfo => ({
  name: 'shell form',
  kind: 'shell',
  syntax: `${keyword} command param1 param2`,
  example,
  params: [{ label: 'command param1 param2', summary: 'A command line handed to the shell (`/bin/sh -c` unless `SHELL` changed it).', variadic: true }],
  note,
});

export const instructions: InstructionInfo[] = [
  {
    keyword: 'FROM',
    summary: 'Starts a new build stage on top of a base image (or an earlier stage). Every Dockerfile begins with one.',
    details:
      'The stage inherits everything from its base: files, `ENV`, `WORKDIR`, `USER`, `CMD`, `ENTRYPOINT`... ' +
      '`AS <name>` names the stage so later `FROM <name>` or `COPY --from=<name>` can use it. `FROM scratch` starts from an empty filesystem. ' +
      'Several `FROM` lines make a multi-stage build: only the last stage (or the `--target`) becomes the image.',
    forms: [
      {
        name: 'base image',
        kind: 'other',
        syntax: 'FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]',
        example: 'FROM python:3.12-slim AS runtime',
        params: [
          { label: '[--platform=<platform>]', summary: 'Which platform variant of the image to use.', options: true },
          { label: '<image>[:<tag>|@<digest>]', summary: 'Image reference, or the name of an earlier stage. Without a tag, `latest` is used.' },
          { label: '[AS <name>]', summary: 'Names this stage for `FROM <name>`, `COPY --from=<name>` and `docker build --target <name>`.' },
        ],
      },
    ],
    layer: 'base',
    layerNote: 'Adds no layer of its own: the stage starts with all the layers of its base image.',
    traps: [
      'Without a tag, `latest` is pulled, and it changes over time; pin a version tag (or a digest for full reproducibility).',
      'An `ARG` declared before `FROM` can be used in `FROM` lines only; redeclare it (`ARG NAME`) inside the stage to use it there.',
    ],
    flags: [platformFlag],
    snippet: '${1:image}:${2:tag}',
    anchor: 'from',
  },
  {
    keyword: 'RUN',
    summary: 'Runs a command while building and saves the files it changed as a new layer.',
    details:
      'Typical uses: installing packages, compiling code, creating users. The command runs in the `WORKDIR`, as the ' +
      '`USER`, with the `ENV` and `ARG` values in effect. BuildKit caches the step by its command line: if the line ' +
      'and everything before it are unchanged, the cached layer is reused without running it.',
    forms: [
      shellForm('RUN', 'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*'),
      execForm('RUN', 'RUN ["pip", "install", "-r", "requirements.txt"]'),
      {
        name: 'heredoc',
        kind: 'shell' as const,
        syntax: 'RUN <<EOF\n  command1\n  command2\nEOF',
        example: 'RUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF',
        params: [{ label: '<<EOF', summary: 'The lines up to `EOF` form one script run in one step (one layer).' }],
      },
    ].map((f): FormInfo => ({ ...f, syntax: f.syntax.replace(/^RUN /, 'RUN [OPTIONS] '), params: [optionsParam, ...f.params] })),
    layer: 'layer',
    layerNote: 'Adds one layer holding every file the command created, changed or deleted.',
    traps: [
      'Each `RUN` is a layer. Files deleted by a later `RUN` are only hidden: the earlier layer still carries them and the image does not shrink. Clean up in the same `RUN` that made the mess (`... && rm -rf /var/lib/apt/lists/*`).',
      'Chain related commands with `&&` (or use a heredoc) so they share one layer and one cache entry; `apt-get update` alone in its own `RUN` gets cached and goes stale.',
      'In shell form a failing command in the middle of a `;`-separated list does not fail the step; `&&` or `set -e` does.',
      'Never pass secrets through `ARG`/`ENV` or copy them in: use `RUN --mount=type=secret`.',
    ],
    flags: [mountFlag, networkFlag, securityFlag],
    snippet: '${1:command}',
    anchor: 'run',
  },
  {
    keyword: 'CMD',
    summary: 'Sets the default command (or the default arguments of `ENTRYPOINT`) that a container runs when it starts.',
    details:
      'Nothing runs at build time. There is one `CMD` per image: the last one in the stage wins, and a stage without ' +
      'one inherits its base image\u2019s. `docker run IMAGE <args>` replaces `CMD` with `<args>`; Compose `command:` does the same. ' +
      'When an exec-form `ENTRYPOINT` is set, `CMD` only supplies its default arguments.',
    forms: [
      execForm('CMD', 'CMD ["python", "app.py"]', 'Preferred: the program runs as PID 1 and receives signals.'),
      {
        name: 'default parameters',
        kind: 'json',
        syntax: 'CMD ["param1", "param2"]',
        example: 'ENTRYPOINT ["python"]\nCMD ["app.py"]',
        params: [{ label: '"param1", "param2"', summary: 'Default arguments appended to the exec-form `ENTRYPOINT`.', variadic: true }],
        note: 'Only meaningful together with an exec-form `ENTRYPOINT`.',
      },
      shellForm('CMD', 'CMD python app.py --port $PORT'),
    ],
    layer: 'metadata',
    layerNote: 'Metadata only: it is stored in the image configuration and adds no layer.',
    traps: [
      'Only the last `CMD` counts; earlier ones are silently ignored.',
      shellRunTrap,
      jsonQuotesTrap,
      'Setting `ENTRYPOINT` in a stage clears the `CMD` inherited from the base image; set `CMD` again after it if you need one.',
    ],
    flags: [],
    snippet: '["${1:executable}", "${2:param}"]',
    anchor: 'cmd',
    seeAlso: ['ENTRYPOINT', 'SHELL'],
  },
  {
    keyword: 'LABEL',
    summary: 'Adds key/value metadata to the image (version, source URL, licence...), shown by `docker inspect`.',
    forms: [
      {
        name: 'key=value form',
        kind: 'other',
        syntax: 'LABEL <key>=<value> [<key>=<value> ...]',
        example: 'LABEL org.opencontainers.image.source="https://github.com/example/app" \\\n      org.opencontainers.image.version="1.2.0"',
        params: [{ label: '<key>=<value>', summary: 'Quote values with spaces. Several pairs may share one line.', variadic: true }],
      },
    ],
    layer: 'metadata',
    layerNote: 'Metadata only: adds no layer.',
    traps: [
      'Labels are inherited from the base image and a later label with the same key overrides it.',
      'Prefer the `org.opencontainers.image.*` keys: tools and registries understand them.',
    ],
    flags: [],
    snippet: '${1:key}="${2:value}"',
    anchor: 'label',
  },
  {
    keyword: 'MAINTAINER',
    summary: 'Deprecated: records the author of the image. Use `LABEL` instead.',
    forms: [
      {
        name: 'legacy form',
        kind: 'other',
        syntax: 'MAINTAINER <name>',
        example: 'MAINTAINER Jane Doe <jane@example.com>',
        params: [{ label: '<name>', summary: 'Free text, usually a name and e-mail address.' }],
      },
    ],
    layer: 'metadata',
    layerNote: 'Metadata only: adds no layer.',
    traps: ['Write `LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"` instead: it is a normal label that every tool shows.'],
    flags: [],
    snippet: '${1:name}',
    anchor: 'maintainer-deprecated',
    deprecated: 'Use `LABEL org.opencontainers.image.authors="..."`.',
  },
  {
    keyword: 'EXPOSE',
    summary: 'Documents which ports the application listens on. It does not publish them.',
    details:
      'A container\u2019s ports are reachable from the host only when published at run time: `docker run -p 8080:80` ' +
      '(host 8080 \u2192 container 80) or Compose `ports:`. `docker run -P` publishes every exposed port to a random host port.',
    forms: [
      {
        name: 'ports',
        kind: 'other',
        syntax: 'EXPOSE <port>[/<protocol>] [<port>[/<protocol>] ...]',
        example: 'EXPOSE 80/tcp 53/udp',
        params: [{ label: '<port>[/<protocol>]', summary: 'A port number; the protocol is `tcp` (default) or `udp`.', variadic: true }],
      },
    ],
    layer: 'metadata',
    layerNote: 'Metadata only: adds no layer.',
    traps: [
      '`EXPOSE` alone makes nothing reachable: publish with `docker run -p <host>:<container>` or Compose `ports:`.',
      'The application must listen on `0.0.0.0` inside the container; a server bound to `127.0.0.1` cannot be reached even when published.',
    ],
    flags: [],
    snippet: '${1:80}',
    anchor: 'expose',
  },
  {
    keyword: 'ENV',
    summary: 'Sets environment variables for the rest of the build and for every container started from the image.',
    forms: [
      {
        name: 'key=value form',
        kind: 'other',
        syntax: 'ENV <key>=<value> [<key>=<value> ...]',
        example: 'ENV PYTHONUNBUFFERED=1 APP_HOME=/app',
        params: [{ label: '<key>=<value>', summary: 'Quote or escape spaces in values. Later instructions can use `$key`.', variadic: true }],
      },
      {
        name: 'legacy form',
        kind: 'other',
        syntax: 'ENV <key> <value>',
        example: 'ENV APP_HOME /app',
        params: [
          { label: '<key>', summary: 'One variable name.' },
          { label: '<value>', summary: 'Everything after the first space, spaces included.' },
        ],
        note: 'Deprecated; it sets a single variable and is easy to misread.',
      },
    ],
    layer: 'metadata',
    layerNote: 'Metadata only: adds no layer (the values live in the image configuration).',
    traps: [
      'The legacy `ENV key value` form sets **one** variable to the whole rest of the line: `ENV A 1 B 2` sets `A` to `1 B 2`. Write `ENV A=1 B=2`.',
      'Values persist in the final image and in every container; for build-only settings use `ARG` (or `RUN VAR=x command`).',
      '`ENV` values are visible in `docker inspect` and the image history: never put secrets there.',
    ],
    flags: [],
    snippet: '${1:KEY}=${2:value}',
    anchor: 'env',
  },
  {
    keyword: 'ADD',
    summary: 'Copies files into the image like `COPY`, and can also download URLs, clone Git repositories and unpack local tar archives.',
    forms: [
      {
        name: 'paths',
        kind: 'shell',
        syntax: 'ADD [OPTIONS] <src> ... <dest>',
        example: 'ADD https://example.com/tool.tar.gz /opt/',
        params: [
          optionsParam,
          { label: '<src> ...', summary: 'Files, directories or wildcards in the build context, URLs, or Git repository URLs.', variadic: true },
          { label: '<dest>', summary: 'Path in the image; a trailing `/` means \u201cinto this directory\u201d. Relative paths start at `WORKDIR`.' },
        ],
      },
      {
        name: 'JSON form',
        kind: 'json',
        syntax: 'ADD [OPTIONS] ["<src>", ... "<dest>"]',
        example: 'ADD ["my file.txt", "/app/"]',
        params: [optionsParam, { label: '"<src>", ... "<dest>"', summary: 'Needed for paths that contain spaces.', variadic: true }],
      },
    ],
    layer: 'layer',
    layerNote: 'Adds one layer with the added files.',
    traps: [
      'A **local** `.tar`, `.tar.gz`, `.tgz`, `.tar.xz`... is automatically **extracted** into `<dest>`, which surprises people who wanted the archive itself. Remote URLs are not extracted.',
      'Prefer `COPY` for local files: it does exactly one thing. Use `ADD` only for URLs, Git repositories or deliberate tar extraction.',
      'A downloaded URL is not checked unless you give `--checksum`, and `RUN curl ... && tar ... && rm` in one step keeps the archive out of the layers.',
    ],
    flags: [chownFlag, chmodFlag, linkFlag, keepGitDirFlag, checksumFlag, excludeFlag],
    snippet: '${1:src} ${2:dest}',
    anchor: 'add',
    seeAlso: ['COPY'],
  },
  {
    keyword: 'COPY',
    summary: 'Copies files or directories from the build context (or another stage/image with `--from`) into the image.',
    forms: [
      {
        name: 'paths',
        kind: 'shell',
        syntax: 'COPY [OPTIONS] <src> ... <dest>',
        example: 'COPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .',
        params: [
          optionsParam,
          { label: '<src> ...', summary: 'Files, directories or wildcards, relative to the build context (or to `--from`).', variadic: true },
          { label: '<dest>', summary: 'Path in the image; a trailing `/` means \u201cinto this directory\u201d. Relative paths start at `WORKDIR`.' },
        ],
      },
      {
        name: 'JSON form',
        kind: 'json',
        syntax: 'COPY [OPTIONS] ["<src>", ... "<dest>"]',
        example: 'COPY ["my file.txt", "/app/"]',
        params: [optionsParam, { label: '"<src>", ... "<dest>"', summary: 'Needed for paths that contain spaces.', variadic: true }],
      },
    ],
    layer: 'layer',
    layerNote: 'Adds one layer with the copied files.',
    traps: [
      'Copy dependency manifests first and install, then copy the rest: a code change then does not invalidate the cached install layer.',
      'Sources cannot leave the build context (`COPY ../x` fails); files listed in `.dockerignore` are invisible.',
      'Copying a directory copies its **contents**, not the directory itself: `COPY src /app/` puts `src/*` in `/app/`.',
      'Files are owned by root unless you use `--chown`; a separate `RUN chown` stores everything twice.',
    ],
    flags: [fromFlag, chownFlag, chmodFlag, linkFlag, parentsFlag, excludeFlag],
    snippet: '${1:src} ${2:dest}',
    anchor: 'copy',
    seeAlso: ['ADD'],
  },
  {
    keyword: 'ENTRYPOINT',
    summary: 'Sets the program a container always runs; `CMD` and `docker run` arguments become its arguments.',
    details:
      'With an exec-form `ENTRYPOINT`, `docker run IMAGE <args>` appends `<args>` (replacing `CMD`) instead of replacing the ' +
      'command. Replace the entrypoint itself with `docker run --entrypoint <prog>` or Compose `entrypoint:`.',
    forms: [
      execForm('ENTRYPOINT', 'ENTRYPOINT ["python"]\nCMD ["app.py"]', 'Preferred: `CMD` and run arguments are appended, and the program is PID 1.'),
      shellForm('ENTRYPOINT', 'ENTRYPOINT exec python app.py', '`CMD` and run arguments are ignored.'),
    ],
    layer: 'metadata',
    layerNote: 'Metadata only: adds no layer.',
    traps: [
      'Shell form ignores `CMD` and every `docker run` argument, and the program runs under `/bin/sh -c` so it is not PID 1 and does not receive SIGTERM.',
      'Setting `ENTRYPOINT` clears the `CMD` inherited from the base image.',
      'Only the last `ENTRYPOINT` counts.',
      jsonQuotesTrap,
    ],
    flags: [],
    snippet: '["${1:executable}"]',
    anchor: 'entrypoint',
    seeAlso: ['CMD', 'SHELL'],
  },
  {
    keyword: 'VOLUME',
    summary: 'Marks a directory as a mount point for data that should live outside the container\u2019s writable layer.',
    details:
      'When a container starts, Docker mounts a volume there (an anonymous one unless you pass `-v name:/path`). ' +
      'Which host directory or named volume is used is decided at `docker run -v` / Compose `volumes:`, never in the Dockerfile.',
    forms: [
      {
        name: 'paths',
        kind: 'shell',
        syntax: 'VOLUME <path> [<path> ...]',
        example: 'VOLUME /var/lib/postgresql/data',
        params: [{ label: '<path>', summary: 'A directory inside the container.', variadic: true }],
      },
      {
        name: 'JSON form',
        kind: 'json',
        syntax: 'VOLUME ["<path>", ...]',
        example: 'VOLUME ["/data"]',
        params: [{ label: '"<path>", ...', summary: 'Directories inside the container.', variadic: true }],
      },
    ],
    layer: 'metadata',
    layerNote: 'Metadata only: adds no layer.',
    traps: [
      '`VOLUME` cannot name a host directory: `VOLUME /host/dir:/data` does not bind anything. Bind mounts are chosen at `docker run -v ./dir:/data` or in Compose.',
      'Build steps after `VOLUME` that change files in that directory may be discarded by some builders; prepare the directory first.',
      'Each `docker run` without `-v` creates a new anonymous volume that lingers until removed.',
    ],
    flags: [],
    snippet: '${1:/data}',
    anchor: 'volume',
  },
  {
    keyword: 'USER',
    summary: 'Sets the user (and optionally group) that the following `RUN` steps and the container\u2019s `CMD`/`ENTRYPOINT` run as.',
    forms: [
      {
        name: 'user',
        kind: 'other',
        syntax: 'USER <user>[:<group>]',
        example: 'RUN useradd --create-home app\nUSER app',
        params: [{ label: '<user>[:<group>]', summary: 'A name that exists in the image, or a numeric uid (and gid).' }],
      },
    ],
    layer: 'metadata',
    layerNote: 'Metadata only: adds no layer.',
    traps: [
      'It affects every later `RUN`, `CMD` and `ENTRYPOINT` (and inherits to stages built on this one): install packages *before* switching to an unprivileged user.',
      '`COPY`/`ADD` still create root-owned files; add `--chown` to give them to the user.',
      'The user must exist (create it with `RUN useradd`/`adduser`) unless you use numeric ids.',
    ],
    flags: [],
    snippet: '${1:user}',
    anchor: 'user',
  },
  {
    keyword: 'WORKDIR',
    summary: 'Sets the working directory for the following `RUN`, `CMD`, `ENTRYPOINT`, `COPY` and `ADD`, creating it if needed.',
    forms: [
      {
        name: 'path',
        kind: 'other',
        syntax: 'WORKDIR <path>',
        example: 'WORKDIR /app',
        params: [{ label: '<path>', summary: 'An absolute path, or one relative to the previous `WORKDIR`.' }],
      },
    ],
    layer: 'conditional',
    layerNote: 'Creates the directory if it does not exist yet, which adds a (tiny) layer; otherwise metadata only.',
    traps: [
      'The directory is created for you (owned by root): no need for `RUN mkdir`.',
      'Prefer `WORKDIR /app` over `RUN cd /app`: a `cd` lasts only for that one `RUN`.',
      'Relative paths build on the previous `WORKDIR`: `WORKDIR a` then `WORKDIR b` gives `/a/b`.',
    ],
    flags: [],
    snippet: '${1:/app}',
    anchor: 'workdir',
  },
  {
    keyword: 'ARG',
    summary: 'Declares a build-time variable, set with `docker build --build-arg NAME=value`, optionally with a default.',
    details:
      'An `ARG` lives only during the build: it is not in the running container (use `ENV` for that). ' +
      'It is visible from its declaration to the end of its stage. An `ARG` before the first `FROM` is visible in ' +
      '`FROM` lines only; to use it inside a stage, redeclare it there with `ARG NAME` (no value keeps the global default).',
    forms: [
      {
        name: 'declaration',
        kind: 'other',
        syntax: 'ARG <name>[=<default value>] [<name>[=<default value>] ...]',
        example: 'ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}-slim\nARG PYTHON_VERSION',
        params: [{ label: '<name>[=<default value>]', summary: 'Name and optional default used when no `--build-arg` is given.', variadic: true }],
      },
    ],
    layer: 'metadata',
    layerNote: 'Adds no layer; a changed value does invalidate the cache of later steps that use it.',
    traps: [
      'An `ARG` declared before `FROM` is invisible inside stages until redeclared with `ARG NAME`.',
      '`ENV` with the same name wins over `ARG`.',
      'Build arguments show up in the image history: never pass secrets this way; use `RUN --mount=type=secret`.',
    ],
    flags: [],
    snippet: '${1:NAME}=${2:default}',
    anchor: 'arg',
  },
  {
    keyword: 'ONBUILD',
    summary: 'Registers an instruction to run later, when another Dockerfile uses this image as its base.',
    details:
      'The trigger runs right after the child\u2019s `FROM`, in the child\u2019s build context. Useful for reusable builder ' +
      'images; surprising otherwise, because the child\u2019s author cannot see the triggers in their own Dockerfile.',
    forms: [
      {
        name: 'trigger',
        kind: 'other',
        syntax: 'ONBUILD <INSTRUCTION>',
        example: 'ONBUILD COPY . /app/src\nONBUILD RUN make -C /app/src',
        params: [{ label: '<INSTRUCTION>', summary: 'Any instruction except `FROM`, `MAINTAINER` and `ONBUILD`.' }],
      },
    ],
    layer: 'metadata',
    layerNote: 'Adds no layer to this image; the trigger may add one to the child image.',
    traps: ['`ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER` are not allowed.', 'Triggers run only in direct children, not grandchildren.'],
    flags: [],
    snippet: '${1:RUN} ${2:command}',
    anchor: 'onbuild',
  },
  {
    keyword: 'STOPSIGNAL',
    summary: 'Sets the signal `docker stop` sends to ask the container\u2019s main process to exit (SIGTERM by default).',
    forms: [
      {
        name: 'signal',
        kind: 'other',
        syntax: 'STOPSIGNAL <signal>',
        example: 'STOPSIGNAL SIGQUIT',
        params: [{ label: '<signal>', summary: 'A name like `SIGINT` or a number like `9`.' }],
      },
    ],
    layer: 'metadata',
    layerNote: 'Metadata only: adds no layer.',
    traps: [
      'The signal goes to PID 1. With shell-form `CMD`/`ENTRYPOINT`, PID 1 is `/bin/sh`, which does not forward it: your program is killed after the timeout instead of shutting down cleanly.',
    ],
    flags: [],
    snippet: '${1:SIGTERM}',
    anchor: 'stopsignal',
  },
  {
    keyword: 'HEALTHCHECK',
    summary: 'Tells Docker how to test that the container still works; the status shows as `healthy`/`unhealthy` in `docker ps`.',
    details:
      'The command runs inside the container periodically; exit code 0 means healthy, 1 unhealthy. ' +
      'Compose `depends_on: condition: service_healthy` waits for it. Only the last `HEALTHCHECK` counts.',
    forms: [
      {
        name: 'check',
        kind: 'other',
        syntax: 'HEALTHCHECK [OPTIONS] CMD command',
        example: 'HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost/ || exit 1',
        params: [
          optionsParam,
          { label: 'CMD', summary: 'Introduces the check command.' },
          { label: 'command', summary: 'Shell form or exec form (`["curl", "-f", "http://localhost/"]`); exit 0 = healthy, 1 = unhealthy.' },
        ],
      },
      {
        name: 'disable',
        kind: 'other',
        syntax: 'HEALTHCHECK NONE',
        example: 'HEALTHCHECK NONE',
        params: [{ label: 'NONE', summary: 'Turns off a health check inherited from the base image.' }],
      },
    ],
    layer: 'metadata',
    layerNote: 'Metadata only: adds no layer.',
    traps: [
      'The check runs inside the container: the tool it calls (`curl`, `wget`) must exist in the image.',
      'Exit codes other than 0 and 1 are reserved; end shell checks with `|| exit 1`.',
    ],
    flags: [intervalFlag, timeoutFlag, startPeriodFlag, startIntervalFlag, retriesFlag],
    snippet: 'CMD ${1:curl -f http://localhost/ || exit 1}',
    anchor: 'healthcheck',
  },
  {
    keyword: 'SHELL',
    summary: 'Replaces the shell used by later shell-form `RUN`, `CMD` and `ENTRYPOINT` (default `["/bin/sh", "-c"]`).',
    details: 'Mostly used on Windows images (`["powershell", "-Command"]`) or to get bash features and `pipefail` on Linux.',
    forms: [
      {
        name: 'exec form',
        kind: 'json',
        syntax: 'SHELL ["executable", "parameters"]',
        example: 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
        params: [
          { label: '"executable"', summary: 'The shell program.' },
          { label: '"parameters"', summary: 'Its options; the last one is usually the flag that takes the command string (`-c`).', variadic: true },
        ],
        note: 'Must be a JSON array.',
      },
    ],
    layer: 'metadata',
    layerNote: 'Metadata only: adds no layer.',
    traps: [
      'Only JSON form is allowed.',
      'It applies to the instructions after it, and is inherited by stages built on this one.',
      'With the default `/bin/sh -c`, a failure on the left of a pipe is ignored; `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` catches it.',
    ],
    flags: [],
    snippet: '["${1:/bin/bash}", "${2:-c}"]',
    anchor: 'shell',
  },
];
