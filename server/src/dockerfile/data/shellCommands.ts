// What the commands inside RUN do to the image: package managers, downloads, clean-ups and the
// shell options scripts start with. Hover inside a RUN body reads this table (services/runHover.ts).
// Prose is Markdown; each entry says what the command does and what it leaves in the layer.
import type { ShellCommandInfo } from './types';

const APT_LISTS = 'apt-get update';
const YUM_CACHE = {
  after: ['yum install', 'dnf install', 'microdnf install', 'tdnf install', 'yum update', 'dnf upgrade', 'yum upgrade', 'dnf update'],
  what: 'the metadata and package cache',
};
const AFTER_APT_INSTALL = ['apt-get install', 'apt install', 'apt-get dist-upgrade', 'apt-get upgrade'];

export const shellCommands: ShellCommandInfo[] = [
  // -----------------------------------------------------------------------------------------
  // Debian, Ubuntu
  {
    programs: ['apt-get'],
    summary: 'Debian and Ubuntu package manager, the scriptable front end of APT.',
    env: [
      { name: 'DEBIAN_FRONTEND', summary: '`DEBIAN_FRONTEND=noninteractive` stops packages from asking questions (time zone, keyboard layout) that would hang the build. As a prefix of the command it holds for this call only; `ENV DEBIAN_FRONTEND=...` would stay set in the running container too.' },
    ],
    options: [
      { names: ['-y', '--yes', '--assume-yes'], summary: 'Answers yes to every prompt. Without it the build stops at "Do you want to continue? [Y/n]" and fails, since a build has no terminal to answer.' },
      { names: ['-q', '--quiet'], summary: 'Less progress output (`-qq`: only errors). Keeps build logs readable.' },
      { names: ['--no-install-recommends'], summary: 'Installs only the packages you name and their hard dependencies, not the "recommended" extras (documentation, helpers, sometimes a compiler toolchain). Often saves tens to hundreds of MB per layer.' },
      { names: ['-o', '--option'], takesValue: true, summary: 'Sets an APT configuration option for this call (`-o Dpkg::Options::=--force-confold`).' },
    ],
  },
  {
    programs: ['apt-get'],
    subcommand: 'update',
    summary: 'Downloads the package lists of every configured repository into `/var/lib/apt/lists`.',
    layer: 'The lists (often 20-50 MB) stay in this layer unless `rm -rf /var/lib/apt/lists/*` runs at the end of the same RUN.',
    traps: [
      'Alone in its own RUN, this layer is cached: weeks later a new `apt-get install` line still reads the old lists and fails to find package versions. Keep `apt-get update && apt-get install -y ...` in one RUN.',
    ],
  },
  {
    programs: ['apt-get'],
    subcommand: 'install',
    summary: 'Installs the named packages and what they depend on.',
    layer: 'Everything installed, plus the downloaded `.deb` archives and the package lists, lands in this layer. Remove the lists (`rm -rf /var/lib/apt/lists/*`) in the same RUN.',
    traps: ['Without `-y` the build stops at the confirmation prompt.', 'Add `--no-install-recommends` unless you need the recommended extras.'],
  },
  {
    programs: ['apt-get'],
    subcommand: 'clean',
    summary: 'Deletes the downloaded package archives in `/var/cache/apt/archives`.',
    layer: 'Saves space only in the RUN that downloaded them. The official Debian and Ubuntu images already delete the archives after every install (`/etc/apt/apt.conf.d/docker-clean`), so there it changes little; the package lists in `/var/lib/apt/lists` still need `rm -rf`.',
    cleanup: { after: AFTER_APT_INSTALL, what: 'the downloaded package archives' },
  },
  {
    programs: ['apt-get'],
    subcommand: 'upgrade',
    summary: 'Upgrades every installed package to the newest version in the lists.',
    layer: 'Every upgraded package is written again into this layer, on top of the copy in the base image. Prefer a newer base image tag.',
  },
  {
    programs: ['apt-get'],
    subcommand: 'dist-upgrade',
    summary: 'Upgrades every installed package, adding or removing packages as dependencies change.',
    layer: 'Every upgraded package is written again into this layer, on top of the copy in the base image. Prefer a newer base image tag.',
  },
  {
    programs: ['apt-get'],
    subcommand: 'purge',
    summary: 'Removes packages together with their configuration files.',
    layer: 'Frees space only when the packages were installed in the same RUN (a build toolchain used once, then purged).',
    cleanup: { after: AFTER_APT_INSTALL, what: 'the packages' },
  },
  {
    programs: ['apt-get'],
    subcommand: 'remove',
    summary: 'Removes packages (keeps their configuration files; `purge` removes those too).',
    layer: 'Frees space only when the packages were installed in the same RUN.',
    cleanup: { after: AFTER_APT_INSTALL, what: 'the packages' },
  },
  {
    programs: ['apt-get'],
    subcommand: 'autoremove',
    summary: 'Removes packages that were installed only as dependencies and are no longer needed.',
    layer: 'Frees space only for packages installed in the same RUN.',
    cleanup: { after: AFTER_APT_INSTALL, what: 'the unneeded dependencies' },
  },
  {
    programs: ['apt'],
    summary: 'APT\'s interactive front end. Its output and options may change between releases and it warns "apt does not have a stable CLI interface"; scripts and Dockerfiles should call `apt-get`.',
    options: [{ names: ['-y', '--yes', '--assume-yes'], summary: 'Answers yes to every prompt.' }],
  },
  {
    programs: ['dpkg'],
    summary: 'The low-level Debian package tool (`dpkg -i file.deb` installs a local archive without resolving dependencies).',
  },
  // -----------------------------------------------------------------------------------------
  // Alpine
  {
    programs: ['apk'],
    summary: 'Alpine Linux package manager.',
    options: [
      { names: ['--no-cache'], summary: 'Fetches the package index into a temporary place and does not keep it: no `apk update` needed before, no `rm -rf /var/cache/apk/*` after.' },
      { names: ['-U', '--update-cache'], summary: 'Refreshes the package index first (like `apk update`). With `--no-cache` it is not needed.' },
      { names: ['-t', '--virtual'], takesValue: true, summary: 'Records the packages of this call under one made-up name (`--virtual .build-deps gcc musl-dev`), so `apk del .build-deps` removes them all again, in the same RUN.' },
      { names: ['-q', '--quiet'], summary: 'Less output.' },
    ],
  },
  {
    programs: ['apk'],
    subcommand: 'add',
    summary: 'Installs packages.',
    layer: 'Without `--no-cache`, the package index stays in `/var/cache/apk` in this layer.',
  },
  {
    programs: ['apk'],
    subcommand: 'del',
    summary: 'Removes packages, or a group created with `apk add --virtual NAME`.',
    layer: 'Frees space only when the packages were added in the same RUN: build tools added in one RUN and deleted in the next still weigh on the image.',
    cleanup: { after: ['apk add'], what: 'the packages' },
  },
  {
    programs: ['apk'],
    subcommand: 'update',
    summary: 'Downloads the package index into `/var/cache/apk`.',
    layer: 'The index stays in this layer. `apk add --no-cache` makes this call unnecessary.',
  },
  // -----------------------------------------------------------------------------------------
  // Fedora, RHEL, CentOS, Amazon Linux
  {
    programs: ['yum', 'dnf', 'microdnf', 'tdnf'],
    summary: 'RPM package manager (Fedora, RHEL, CentOS, Rocky, Amazon Linux).',
    options: [
      { names: ['-y', '--assumeyes'], summary: 'Answers yes to every prompt. Without it the build stops at "Is this ok [y/N]" and fails.' },
      { names: ['--setopt'], takesValue: true, summary: 'Sets a configuration option for this call (`--setopt=install_weak_deps=False` skips weak dependencies, like `--no-install-recommends` on Debian).' },
      { names: ['--nodocs'], summary: 'Does not install documentation files: a smaller layer.' },
    ],
  },
  {
    programs: ['yum', 'dnf', 'microdnf', 'tdnf'],
    subcommand: 'install',
    summary: 'Installs packages and their dependencies.',
    layer: 'The repository metadata and package cache under `/var/cache/yum` or `/var/cache/dnf` stay in this layer unless `clean all` runs in the same RUN.',
    traps: ['Without `-y` the build stops at the confirmation prompt.'],
  },
  {
    programs: ['yum', 'dnf', 'microdnf', 'tdnf'],
    subcommand: 'clean',
    summary: '`clean all` deletes the cached repository metadata and packages.',
    layer: 'Saves space only at the end of the RUN that installed: `install -y ... && yum clean all`.',
    cleanup: YUM_CACHE,
    operands: [{ pattern: '^all$', summary: 'Every cache: metadata, packages, headers.', cleanup: YUM_CACHE }],
  },
  {
    programs: ['yum', 'dnf'],
    subcommand: 'update',
    summary: 'Upgrades every installed package.',
    layer: 'Every upgraded package is written again into this layer. Prefer a newer base image tag.',
  },
  // -----------------------------------------------------------------------------------------
  // Python
  {
    programs: ['pip'],
    summary: 'Python package installer (`pip3`, `python -m pip`).',
    env: [{ name: 'PIP_NO_CACHE_DIR', summary: 'Same as `--no-cache-dir` for every pip call that sees it (`PIP_NO_CACHE_DIR=1`).' }],
    options: [
      { names: ['--no-cache-dir'], summary: 'Does not keep downloaded archives and built wheels in `~/.cache/pip`. pip\'s cache is useless in an image and can be larger than the packages.' },
      { names: ['-q', '--quiet'], summary: 'Less output.' },
      { names: ['--disable-pip-version-check'], summary: 'Skips the check for a newer pip (a network call and a warning in every build).' },
    ],
  },
  {
    programs: ['pip'],
    subcommand: 'install',
    summary: 'Installs Python packages.',
    layer: 'Without `--no-cache-dir`, the downloaded archives stay in `~/.cache/pip` in this layer. A cache mount (`RUN --mount=type=cache,target=/root/.cache/pip`) keeps them between builds without putting them in the image.',
    options: [
      { names: ['-r', '--requirement'], takesValue: true, summary: 'Installs every package listed in a requirements file. COPY that file alone and install before copying the rest of the code, so this layer stays cached while only the code changes.' },
      { names: ['--user'], summary: 'Installs into the user\'s home (`~/.local`) instead of the system site-packages. Handy in a build stage: `COPY --from=build /root/.local /root/.local`. Make sure `~/.local/bin` is on `PATH`.' },
      { names: ['-U', '--upgrade'], summary: 'Upgrades the named packages when a newer version is allowed.' },
      { names: ['--prefix'], takesValue: true, summary: 'Installs under another directory (`--prefix=/install`), which a later stage can copy whole.' },
      { names: ['--no-deps'], summary: 'Installs only the named packages, not their dependencies.' },
      { names: ['--break-system-packages'], summary: 'Installs into a Python that the distribution manages (PEP 668: Debian 12, Ubuntu 23.04 and later refuse otherwise). A virtual environment (`python -m venv /opt/venv`) avoids it.' },
      { names: ['-e', '--editable'], summary: 'Installs a project in development mode (a link to the source). Rarely what an image wants.' },
    ],
  },
  // -----------------------------------------------------------------------------------------
  // Node.js
  {
    programs: ['npm'],
    summary: 'Node.js package manager.',
  },
  {
    programs: ['npm'],
    subcommand: 'ci',
    summary: 'Installs exactly what `package-lock.json` lists, after deleting `node_modules`. Fails when the lock file and `package.json` disagree: the reproducible install for images.',
    layer: 'Downloads also land in `~/.npm`; `npm cache clean --force` in the same RUN, or a cache mount (`--mount=type=cache,target=/root/.npm`), keeps them out of the image.',
    options: [
      { names: ['--omit'], summary: 'Leaves a kind of dependency out (`--omit=dev`: no devDependencies, the usual choice for a production image).', values: [{ value: 'dev', summary: 'no devDependencies' }, { value: 'optional', summary: 'no optionalDependencies' }, { value: 'peer', summary: 'no peerDependencies' }] },
      { names: ['--production', '--only'], summary: 'Older spelling of `--omit=dev` (deprecated in npm 7 and later).' },
      { names: ['--ignore-scripts'], summary: 'Does not run the packages\' install scripts.' },
    ],
  },
  {
    programs: ['npm'],
    subcommand: 'install',
    subcommandAliases: ['i', 'add'],
    summary: 'Installs the dependencies of `package.json` and may update `package-lock.json`. In an image, `npm ci` is the reproducible choice.',
    layer: 'Downloads also land in `~/.npm` in this layer.',
    options: [
      { names: ['--omit'], summary: 'Leaves a kind of dependency out (`--omit=dev`).', values: [{ value: 'dev', summary: 'no devDependencies' }, { value: 'optional', summary: 'no optionalDependencies' }, { value: 'peer', summary: 'no peerDependencies' }] },
      { names: ['-g', '--global'], summary: 'Installs a command-line tool globally (into the Node prefix, usually `/usr/local/lib/node_modules`).' },
      { names: ['--production'], summary: 'Older spelling of `--omit=dev`.' },
    ],
  },
  {
    programs: ['npm'],
    subcommand: 'cache',
    summary: '`npm cache clean --force` empties npm\'s download cache (`~/.npm/_cacache`).',
    layer: 'Saves space only in the RUN that filled the cache (`npm ci && npm cache clean --force`).',
    operands: [{ pattern: '^clean$', summary: 'Empties npm\'s download cache.', cleanup: { after: ['npm ci', 'npm install', 'npm i'], what: 'the download cache' } }],
    options: [{ names: ['--force'], summary: 'Required by `npm cache clean`, which refuses without it.' }],
  },
  {
    programs: ['yarn'],
    subcommand: 'install',
    summary: 'Installs the dependencies listed in `yarn.lock`.',
    layer: 'Downloads stay in Yarn\'s cache in this layer; `yarn cache clean` in the same RUN, or a cache mount, keeps them out.',
    options: [
      { names: ['--frozen-lockfile'], summary: 'Yarn 1: fails instead of updating `yarn.lock` when it does not match `package.json`, so the image gets exactly the locked versions. Yarn 2 and later spell it `--immutable`.' },
      { names: ['--immutable'], summary: 'Yarn 2 and later: fails instead of changing `yarn.lock`.' },
      { names: ['--production'], summary: 'Yarn 1: skips devDependencies.' },
    ],
  },
  {
    programs: ['yarn'],
    subcommand: 'cache',
    summary: '`yarn cache clean` empties Yarn\'s package cache.',
    layer: 'Saves space only in the RUN that filled the cache.',
    operands: [{ pattern: '^clean$', summary: 'Empties Yarn\'s package cache.', cleanup: { after: ['yarn install', 'yarn'], what: 'the package cache' } }],
  },
  // -----------------------------------------------------------------------------------------
  // Go
  {
    programs: ['go'],
    subcommand: 'build',
    summary: 'Compiles a Go program.',
    layer: 'The build cache (`/root/.cache/go-build`) stays in this layer; in a multi-stage build only the binary is copied on, so it does not reach the final image.',
    env: [
      { name: 'CGO_ENABLED', summary: '`CGO_ENABLED=0` builds a statically linked binary that needs no C library, so it runs on `scratch`, distroless or Alpine (musl). With cgo on, a binary built on a glibc image fails on Alpine with "not found".' },
      { name: 'GOOS', summary: 'The target operating system (`linux`). With `GOARCH` and `--platform=$BUILDPLATFORM` on FROM, one native compiler builds for every platform.' },
      { name: 'GOARCH', summary: 'The target processor (`amd64`, `arm64`); set it from `TARGETARCH` for multi-platform builds.' },
    ],
    options: [
      { names: ['-o'], takesValue: true, summary: 'Where to write the binary (`-o /out/app`), to copy it into the final stage.' },
      { names: ['-ldflags'], takesValue: true, summary: 'Linker flags: `-ldflags="-s -w"` drops the symbol table and debug information, a smaller binary.' },
      { names: ['-trimpath'], summary: 'Removes the build machine\'s paths from the binary: reproducible builds.' },
    ],
  },
  {
    programs: ['go'],
    subcommand: 'mod',
    summary: '`go mod download` fetches the modules of `go.mod`. Run it after copying only `go.mod` and `go.sum`, so this layer stays cached while the code changes.',
  },
  // -----------------------------------------------------------------------------------------
  // Downloads
  {
    programs: ['curl'],
    summary: 'Transfers a URL.',
    layer: 'A downloaded file stays in this layer until deleted in the same RUN; pipe archives straight into `tar` or remove them at the end of the RUN. `ADD --checksum=sha256:... URL` is an alternative that verifies the file.',
    options: [
      { names: ['-f', '--fail'], summary: 'Fails on an HTTP error (404, 500) instead of saving the error page as if it were the file: the build stops where the problem is.' },
      { names: ['-s', '--silent'], summary: 'No progress meter (it clutters build logs).' },
      { names: ['-S', '--show-error'], summary: 'With `-s`: still prints an error message when the transfer fails.' },
      { names: ['-L', '--location'], summary: 'Follows redirects (release downloads usually redirect).' },
      { names: ['-o', '--output'], takesValue: true, summary: 'Writes to the named file instead of standard output.' },
      { names: ['-O', '--remote-name'], summary: 'Writes to a file named like the last part of the URL.' },
    ],
  },
  {
    programs: ['wget'],
    summary: 'Downloads files.',
    layer: 'A downloaded file stays in this layer until deleted in the same RUN. Many slim images do not have wget; curl or `ADD URL` may be there instead.',
    options: [
      { names: ['-q', '--quiet'], summary: 'No output.' },
      { names: ['-O', '--output-document'], takesValue: true, summary: 'Writes to the named file (`-O -`: to standard output, to pipe into `tar`).' },
    ],
  },
  // -----------------------------------------------------------------------------------------
  // Files
  {
    programs: ['rm'],
    summary: 'Removes files.',
    layer: 'Frees space only for files written earlier in the same RUN.',
    cleanup: { what: 'files' },
    options: [
      { names: ['-r', '-R', '--recursive'], summary: 'Removes directories and everything in them.' },
      { names: ['-f', '--force'], summary: 'No error when a file does not exist, no prompt.' },
    ],
    operands: [
      { pattern: '^/var/lib/apt/lists', summary: 'APT\'s package lists, written by `apt-get update`.', cleanup: { after: [APT_LISTS, 'apt update'], what: 'the package lists' } },
      { pattern: '^/var/cache/apt', summary: 'APT\'s downloaded package archives.', cleanup: { after: AFTER_APT_INSTALL, what: 'the package archives' } },
      { pattern: '^/var/cache/apk', summary: 'apk\'s package index (`apk add --no-cache` does not write it).', cleanup: { after: ['apk add', 'apk update'], what: 'the package index' } },
      { pattern: '^/var/cache/(?:yum|dnf)', summary: 'The yum/dnf metadata and package cache (`yum clean all` removes it too).', cleanup: { after: ['yum install', 'dnf install', 'microdnf install'], what: 'the metadata and package cache' } },
      { pattern: '^(?:/root|~|\\$HOME)/\\.cache', summary: 'Caches of pip, Go and other tools.', cleanup: { what: 'the cache' } },
      { pattern: '^/tmp', summary: 'Temporary files.', cleanup: { what: 'the temporary files' } },
    ],
  },
  {
    programs: ['chown'],
    summary: 'Changes the owner of files.',
    layer: 'Changing the owner of a file copies the whole file into this layer. On files that an earlier COPY or RUN wrote, `chown -R` stores everything a second time and can double the image size.',
    traps: ['Give files their owner as they arrive instead: `COPY --chown=app:app . /app`, or create and chown in the RUN that writes them.'],
    options: [{ names: ['-R', '--recursive'], summary: 'Every file below the directory: each one is copied into this layer.' }],
  },
  {
    programs: ['chmod'],
    summary: 'Changes file permissions.',
    layer: 'Like `chown`: each changed file is copied whole into this layer. On files from an earlier layer the image holds them twice; `COPY --chmod=755` sets the mode as they arrive.',
    options: [{ names: ['-R', '--recursive'], summary: 'Every file below the directory: each one is copied into this layer.' }],
  },
  {
    programs: ['mkdir'],
    summary: 'Creates directories. `WORKDIR /path` also creates its directory.',
    options: [{ names: ['-p', '--parents'], summary: 'Creates missing parent directories too, and no error when the directory exists.' }],
  },
  {
    programs: ['useradd'],
    summary: 'Creates a user account, so the container need not run as root (`USER app` afterwards).',
    options: [
      { names: ['-l', '--no-log-init'], summary: 'Does not add the user to the lastlog and faillog databases. With a large UID those sparse files can make the layer gigabytes big.' },
      { names: ['-r', '--system'], summary: 'A system account: no aging, a UID from the system range.' },
      { names: ['-u', '--uid'], takesValue: true, summary: 'A fixed numeric UID, so file ownership on volumes stays predictable.' },
      { names: ['-m', '--create-home'], summary: 'Creates the home directory.' },
    ],
  },
  {
    programs: ['git'],
    subcommand: 'clone',
    summary: 'Copies a repository.',
    layer: 'The whole history in `.git` lands in this layer. `--depth 1` fetches only the last commit; `ADD https://github.com/owner/repo.git#ref /src` does the same without git in the image.',
    options: [{ names: ['--depth'], takesValue: true, summary: 'Fetches only that many commits of history (`--depth 1`): a much smaller layer.' }],
  },
  // -----------------------------------------------------------------------------------------
  // The shell itself
  {
    programs: ['set'],
    summary: 'Sets shell options for the rest of this RUN (each RUN starts a new shell).',
    options: [
      { names: ['-e'], summary: 'Stops at the first command that fails. Without it, only the status of the last command decides whether the RUN fails.' },
      { names: ['-u'], summary: 'Treats the use of an unset variable as an error (catches misspelled names).' },
      { names: ['-x'], summary: 'Prints each command before running it: the build log shows what ran.' },
      { names: ['-o'], summary: '`-o pipefail`: a pipeline fails when any command in it fails, not only the last (`curl ... | tar x`). Not every `/bin/sh` knows it: older dash (Debian\'s and Ubuntu\'s `/bin/sh`) rejects it; `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` sets it for every RUN.' },
    ],
    operands: [{ pattern: '^pipefail$', summary: 'A pipeline fails when any command in it fails, not only the last. Not every `/bin/sh` knows it (older dash rejects it).' }],
  },
];
