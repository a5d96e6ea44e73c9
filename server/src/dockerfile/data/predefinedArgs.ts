// Build arguments that BuildKit defines for you.
import type { PredefinedArgInfo } from './types';

const platformNote =
  ' Set automatically in the global scope (before the first `FROM`); inside a stage declare it with `ARG <name>` (no value) to use it.';

const platform = (name: string, summary: string, example: string): PredefinedArgInfo => ({
  name,
  group: 'platform',
  summary: summary + platformNote,
  example,
  anchor: 'automatic-platform-args-in-the-global-scope',
});

const proxyNote =
  ' Predefined: it can be passed with `--build-arg` without an `ARG` line and then reaches `RUN` commands as an ' +
  'environment variable. It is left out of `docker history` unless the Dockerfile declares it with `ARG`.';

const proxy = (name: string, summary: string): PredefinedArgInfo => ({
  name,
  group: 'proxy',
  summary: summary + proxyNote,
  anchor: 'predefined-args',
});

const buildkit = (name: string, summary: string, example: string): PredefinedArgInfo => ({
  name,
  group: 'buildkit',
  summary,
  example,
  anchor: 'buildkit-built-in-build-args',
});

export const predefinedArgs: PredefinedArgInfo[] = [
  platform('TARGETPLATFORM', 'The platform being built for, e.g. `linux/arm64/v8`.', 'ARG TARGETPLATFORM\nRUN echo "building for $TARGETPLATFORM"'),
  platform('TARGETOS', 'Operating system of the target platform, e.g. `linux` or `windows`.', 'ARG TARGETOS TARGETARCH\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build ./...'),
  platform('TARGETARCH', 'Architecture of the target platform, e.g. `amd64`, `arm64`.', 'ARG TARGETARCH\nRUN GOARCH=$TARGETARCH go build ./...'),
  platform('TARGETVARIANT', 'Variant of the target architecture, e.g. `v7` for `linux/arm/v7`; often empty.', 'ARG TARGETVARIANT'),
  platform('BUILDPLATFORM', 'The platform of the machine running the build, e.g. `linux/amd64`.', 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build'),
  platform('BUILDOS', 'Operating system of the build machine.', 'ARG BUILDOS'),
  platform('BUILDARCH', 'Architecture of the build machine.', 'ARG BUILDARCH'),
  platform('BUILDVARIANT', 'Architecture variant of the build machine; often empty.', 'ARG BUILDVARIANT'),
  proxy('HTTP_PROXY', 'Proxy for plain HTTP requests made by build commands.'),
  proxy('http_proxy', 'Lower-case spelling of `HTTP_PROXY`, read by many Unix tools.'),
  proxy('HTTPS_PROXY', 'Proxy for HTTPS requests made by build commands.'),
  proxy('https_proxy', 'Lower-case spelling of `HTTPS_PROXY`.'),
  proxy('FTP_PROXY', 'Proxy for FTP requests made by build commands.'),
  proxy('ftp_proxy', 'Lower-case spelling of `FTP_PROXY`.'),
  proxy('NO_PROXY', 'Hosts and domains that must be reached without the proxy, comma-separated.'),
  proxy('no_proxy', 'Lower-case spelling of `NO_PROXY`.'),
  proxy('ALL_PROXY', 'Fallback proxy for any protocol.'),
  proxy('all_proxy', 'Lower-case spelling of `ALL_PROXY`.'),
  buildkit('BUILDKIT_CACHE_MOUNT_NS', 'Namespace added to cache mount ids, so separate projects on one builder do not share `--mount=type=cache` directories by accident.', 'docker build --build-arg BUILDKIT_CACHE_MOUNT_NS=myproject .'),
  buildkit('BUILDKIT_CONTEXT_KEEP_GIT_DIR', 'Set to `1` to keep the `.git` directory when the build context is a Git URL.', 'docker build --build-arg BUILDKIT_CONTEXT_KEEP_GIT_DIR=1 https://github.com/example/app.git'),
  buildkit('BUILDKIT_INLINE_CACHE', 'Set to `1` to embed cache metadata in the image, so a later build can use it with `--cache-from <image>`.', 'docker build --build-arg BUILDKIT_INLINE_CACHE=1 -t app .'),
  buildkit('BUILDKIT_MULTI_PLATFORM', 'Set to `1` to produce a multi-platform image index even for a single platform.', 'docker build --build-arg BUILDKIT_MULTI_PLATFORM=1 .'),
  buildkit('BUILDKIT_SANDBOX_HOSTNAME', 'Hostname seen by `RUN` commands (default `buildkitsandbox`).', 'docker build --build-arg BUILDKIT_SANDBOX_HOSTNAME=builder .'),
  buildkit('BUILDKIT_SYNTAX', 'Overrides the `# syntax=` frontend image from the command line.', 'docker build --build-arg BUILDKIT_SYNTAX=docker/dockerfile:1 .'),
  buildkit('BUILDKIT_DOCKERFILE_CHECK', 'Configures build checks from the command line, like the `# check=` directive.', 'docker build --build-arg BUILDKIT_DOCKERFILE_CHECK=skip=all .'),
  buildkit('SOURCE_DATE_EPOCH', 'A Unix timestamp used for the image\u2019s creation time (and file times when exporting), for reproducible builds.', 'docker build --build-arg SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) .'),
];
