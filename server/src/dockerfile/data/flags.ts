// Every instruction flag and every `RUN --mount` type with its options. Flags that several
// instructions share (`--chown` on COPY and ADD...) are one record referenced from each.
import type { FlagInfo, MountTypeInfo, ValueInfo } from './types';

export const platformFlag: FlagInfo = {
  name: 'platform',
  valueHint: '<os>/<arch>[/<variant>]',
  summary:
    'Picks which platform variant of a multi-platform base image to start from, e.g. `linux/amd64` or `linux/arm64`. ' +
    'Without it the stage uses the target platform of the build. `--platform=$BUILDPLATFORM` is the usual way to run ' +
    'a compiler natively on the build machine and cross-compile for `$TARGETPLATFORM`.',
  example: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
  traps: [
    'A constant value such as `--platform=linux/amd64` pins the stage for every build, even a multi-platform one; prefer `$BUILDPLATFORM` or `$TARGETPLATFORM`.',
  ],
  anchor: 'from',
};

const networkValues: ValueInfo[] = [
  { value: 'default', summary: 'The normal build network (what you get without the flag).' },
  { value: 'none', summary: 'No network access at all: only the loopback interface. Good for proving a step is hermetic.' },
  {
    value: 'host',
    summary: "The build host's network stack. Needs the `network.host` entitlement (`docker buildx build --allow network.host`).",
  },
];

export const networkFlag: FlagInfo = {
  name: 'network',
  valueHint: 'default|none|host',
  summary: 'Chooses the network the command runs in.',
  example: 'RUN --network=none pip install --no-index --find-links=/wheels -r requirements.txt',
  values: networkValues,
  defaultValue: 'default',
  since: '1.1',
  anchor: 'run---network',
};

export const securityFlag: FlagInfo = {
  name: 'security',
  valueHint: 'sandbox|insecure',
  summary:
    'Runs the command with the default sandbox or with full privileges (like `docker run --privileged`), for steps ' +
    'that need kernel features such as mounting filesystems.',
  example: 'RUN --security=insecure mount -t tmpfs none /mnt',
  values: [
    { value: 'sandbox', summary: 'The default: normal container isolation.' },
    {
      value: 'insecure',
      summary: 'Privileged execution. Needs the `security.insecure` entitlement on the builder and the command line.',
    },
  ],
  defaultValue: 'sandbox',
  traps: ['Insecure steps can change the build host; allow them only for builds you trust.'],
  since: '1.1-labs (stable in 1.20)',
  anchor: 'run---security',
};

export const mountFlag: FlagInfo = {
  name: 'mount',
  valueHint: 'type=<bind|cache|tmpfs|secret|ssh>[,<option>=<value>...]',
  summary:
    'Attaches a filesystem to this one command only. Whatever is mounted is **not** part of the resulting layer, so it ' +
    'is the way to use caches, secrets and files from other stages without baking them into the image. ' +
    'Options are comma-separated `key=value` pairs; `type` defaults to `bind`.',
  example: 'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
  repeatable: true,
  since: '1.2',
  anchor: 'run---mount',
};

export const fromFlag: FlagInfo = {
  name: 'from',
  valueHint: '<stage|image|context>',
  summary:
    'Copies from an earlier build stage (by name or index), from any image, or from a named build context instead of ' +
    'the build context. This is how multi-stage builds carry only the finished artefacts into a small final image.',
  example: 'COPY --from=build /app/bin/server /usr/local/bin/server',
  traps: ['A stage name must be defined *above* this line with `FROM ... AS <name>`; otherwise the value is pulled as an image.'],
  anchor: 'copy---from',
};

export const chownFlag: FlagInfo = {
  name: 'chown',
  valueHint: '<user>[:<group>]',
  summary:
    'Sets the owner of the copied files (they are otherwise owned by root, uid 0). Names are looked up in the ' +
    "image's `/etc/passwd` and `/etc/group`; numbers work on any image.",
  example: 'COPY --chown=app:app . /home/app/',
  traps: ['`RUN chown -R` after a copy duplicates every file into a new layer; `--chown` sets ownership for free.'],
  anchor: 'copy---chown---chmod',
};

export const chmodFlag: FlagInfo = {
  name: 'chmod',
  valueHint: '<perms>',
  summary: 'Sets the permission bits of the copied files, in octal (`755`) or, from Dockerfile syntax 1.14, symbolic (`u+x`) notation.',
  example: 'COPY --chmod=755 entrypoint.sh /usr/local/bin/',
  traps: ['Like `--chown`, this avoids a separate `RUN chmod` layer that would store every file a second time.'],
  anchor: 'copy---chown---chmod',
};

export const linkFlag: FlagInfo = {
  name: 'link',
  valueHint: 'true|false',
  bare: true,
  summary:
    'Puts the copied files in an independent layer that does not depend on the layers below it. The layer can then ' +
    'be reused even when the base image changes, and `--cache-from` / rebasing work without rebuilding it.',
  example: 'COPY --link --from=build /out/app /app',
  traps: [
    'The destination is resolved without looking at the earlier layers, so symlinks in the destination path are not followed.',
  ],
  since: '1.4',
  anchor: 'copy---link',
};

export const parentsFlag: FlagInfo = {
  name: 'parents',
  valueHint: 'true|false',
  bare: true,
  summary:
    'Keeps the source paths\u2019 parent directories under the destination: `COPY --parents a/b/c.txt /dst/` writes ' +
    '`/dst/a/b/c.txt` instead of `/dst/c.txt`. A `/./` in the source marks where the kept part begins.',
  example: 'COPY --parents ./services/*/package.json /app/',
  since: '1.7-labs (stable in 1.20)',
  anchor: 'copy---parents',
};

export const excludeFlag: FlagInfo = {
  name: 'exclude',
  valueHint: '<path-pattern>',
  summary: 'Leaves out files matching the pattern (same syntax as `.dockerignore`). Repeat the flag for several patterns.',
  example: 'COPY --exclude=*.md --exclude=tests/ . /src/',
  repeatable: true,
  since: '1.7-labs (stable in 1.19)',
  anchor: 'copy---exclude',
};

export const keepGitDirFlag: FlagInfo = {
  name: 'keep-git-dir',
  valueHint: 'true|false',
  bare: true,
  summary: 'When the source is a Git repository URL, keeps its `.git` directory in the copy (it is dropped by default).',
  example: 'ADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.13.0 /src',
  since: '1.1',
  anchor: 'add---keep-git-dir',
};

export const checksumFlag: FlagInfo = {
  name: 'checksum',
  valueHint: 'sha256:<hex>',
  summary:
    'Verifies a remote source: the build fails unless the downloaded file has this digest. Makes `ADD <url>` ' +
    'reproducible and safe against a changed download.',
  example: 'ADD --checksum=sha256:24454f830cdd571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /tmp/',
  since: '1.6',
  anchor: 'add---checksum',
};

export const intervalFlag: FlagInfo = {
  name: 'interval',
  valueHint: '<duration>',
  summary: 'Time between the end of one check and the start of the next, e.g. `30s`, `1m30s`.',
  example: 'HEALTHCHECK --interval=10s CMD curl -f http://localhost/ || exit 1',
  defaultValue: '30s',
  anchor: 'healthcheck',
};

export const timeoutFlag: FlagInfo = {
  name: 'timeout',
  valueHint: '<duration>',
  summary: 'A check that runs longer than this counts as failed.',
  example: 'HEALTHCHECK --timeout=3s CMD curl -f http://localhost/ || exit 1',
  defaultValue: '30s',
  anchor: 'healthcheck',
};

export const startPeriodFlag: FlagInfo = {
  name: 'start-period',
  valueHint: '<duration>',
  summary:
    'Grace period for a slow-starting container: failures during it do not count towards `--retries` ' +
    '(a success ends it early and the container becomes healthy).',
  example: 'HEALTHCHECK --start-period=1m CMD pg_isready -U postgres',
  defaultValue: '0s',
  anchor: 'healthcheck',
};

export const startIntervalFlag: FlagInfo = {
  name: 'start-interval',
  valueHint: '<duration>',
  summary: 'Time between checks *during* the start period, so a service can be reported healthy quickly. Needs Docker Engine 25 or later.',
  example: 'HEALTHCHECK --start-period=30s --start-interval=1s CMD pg_isready',
  defaultValue: '5s',
  anchor: 'healthcheck',
};

export const retriesFlag: FlagInfo = {
  name: 'retries',
  valueHint: '<n>',
  summary: 'How many consecutive failures turn the container `unhealthy`.',
  example: 'HEALTHCHECK --retries=5 CMD curl -f http://localhost/ || exit 1',
  defaultValue: '3',
  anchor: 'healthcheck',
};

const targetOption = (summary: string, required: boolean, defaultValue?: string) => ({
  name: 'target',
  aliases: ['dst', 'destination'],
  valueHint: '<path>',
  summary,
  required,
  defaultValue,
});

const modeOption = (defaultValue: string) => ({
  name: 'mode',
  valueHint: '<octal>',
  summary: 'Permission bits of the mounted file or directory, in octal.',
  defaultValue,
});

const uidOption = { name: 'uid', valueHint: '<id>', summary: 'Numeric user id that owns the mount.', defaultValue: '0' };
const gidOption = { name: 'gid', valueHint: '<id>', summary: 'Numeric group id that owns the mount.', defaultValue: '0' };
const requiredOption = (what: string) => ({
  name: 'required',
  valueHint: 'true|false',
  bare: true,
  summary: `Fail the build when the ${what} is not provided (by default the step runs without it).`,
  defaultValue: 'false',
});

export const mountTypes: MountTypeInfo[] = [
  {
    type: 'bind',
    summary:
      'Makes files from the build context, another stage or an image visible to the command, read-only by default. ' +
      'Nothing is copied into the layer: use it for sources you only need while building.',
    example: 'RUN --mount=type=bind,source=go.sum,target=go.sum --mount=type=bind,source=go.mod,target=go.mod go mod download',
    options: [
      targetOption('Where the files appear inside the build container.', true),
      { name: 'source', aliases: ['src'], valueHint: '<path>', summary: 'Path inside `from` to mount. Defaults to its root.' },
      {
        name: 'from',
        valueHint: '<stage|image|context>',
        summary: 'Stage, image or named context to mount from. Defaults to the build context.',
      },
      {
        name: 'rw',
        aliases: ['readwrite'],
        bare: true,
        summary: 'Lets the command write to the mount. The writes are thrown away when the step ends.',
      },
    ],
    anchor: 'run---mounttypebind',
  },
  {
    type: 'cache',
    summary:
      'A directory that survives between builds, for package-manager and compiler caches. It is not part of the ' +
      'image, so the layer stays small and a rebuild after a small change reuses the downloads.',
    example: 'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update && apt-get install -y gcc',
    options: [
      { name: 'id', valueHint: '<id>', summary: 'Names the cache so different steps can share or separate it. Defaults to `target`.' },
      targetOption('Where the cache directory is mounted.', true),
      { name: 'ro', aliases: ['readonly'], bare: true, summary: 'Mount the cache read-only.' },
      {
        name: 'sharing',
        valueHint: 'shared|private|locked',
        summary: 'What happens when several builds use the same cache at once.',
        values: [
          { value: 'shared', summary: 'Every concurrent user reads and writes the same directory.' },
          { value: 'private', summary: 'A concurrent user gets a fresh, separate cache.' },
          { value: 'locked', summary: 'A concurrent user waits until the first one has finished (needed by apt).' },
        ],
        defaultValue: 'shared',
      },
      { name: 'from', valueHint: '<stage|image>', summary: 'Stage or image whose files seed an empty cache. Defaults to an empty directory.' },
      { name: 'source', aliases: ['src'], valueHint: '<path>', summary: 'Sub-path inside `from` used as the seed.' },
      modeOption('0755'),
      uidOption,
      gidOption,
    ],
    anchor: 'run---mounttypecache',
  },
  {
    type: 'tmpfs',
    summary: 'An empty in-memory filesystem for scratch files that must never reach a layer.',
    example: 'RUN --mount=type=tmpfs,target=/tmp,size=512m make test',
    options: [
      targetOption('Where the tmpfs is mounted.', true),
      { name: 'size', valueHint: '<bytes>', summary: 'Upper limit on its size, e.g. `64m`. Unlimited by default.' },
    ],
    anchor: 'run---mounttypetmpfs',
  },
  {
    type: 'secret',
    summary:
      'Gives the command a secret (token, password, key) passed with `docker build --secret id=...`. The secret is ' +
      'never written to a layer or the build cache, unlike `ARG`/`ENV` or a copied file.',
    example: 'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
    options: [
      { name: 'id', valueHint: '<id>', summary: 'The secret\u2019s id as given to `--secret id=<id>`. Defaults to the file name of `target`.' },
      targetOption('File path of the secret inside the container. Defaults to `/run/secrets/<id>`.', false, '/run/secrets/<id>'),
      { name: 'env', valueHint: '<NAME>', summary: 'Exposes the secret as an environment variable of the command instead of (or as well as) a file.' },
      requiredOption('secret'),
      modeOption('0400'),
      uidOption,
      gidOption,
    ],
    anchor: 'run---mounttypesecret',
  },
  {
    type: 'ssh',
    summary:
      'Forwards an SSH agent or keys from `docker build --ssh default` so the command can, for example, clone a ' +
      'private Git repository, without any key reaching the image.',
    example: 'RUN --mount=type=ssh git clone git@github.com:example/private.git',
    options: [
      { name: 'id', valueHint: '<id>', summary: 'Which `--ssh` agent or key to use.', defaultValue: 'default' },
      targetOption('Path of the agent socket. Defaults to `/run/buildkit/ssh_agent.<N>`; `SSH_AUTH_SOCK` is set for you.', false),
      requiredOption('SSH agent'),
      modeOption('0600'),
      uidOption,
      gidOption,
    ],
    anchor: 'run---mounttypessh',
  },
];
