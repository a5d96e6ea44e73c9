// Warming the Compose checks up before a large file arrives. The first large Compose file a server
// opens costs several times what the next one does: V8 runs the YAML reader, the project loader and
// the checks in its interpreter until they have run long enough to be compiled, and the heap grows
// in steps on the way. A few rounds over a generated project of a few dozen services, each a step the
// server runs on its own turn of the event loop, pay that once, in idle time, after the first
// Compose document (so a session that never opens one never pays it).
//
// The project lives in memory (no file system), under a folder of its own; what the caches keep of
// it is replaced by an empty file at the end.
import { validateCompose, type ComposeContext } from './index';
import { parseCompose } from './model';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FileHost, FileRead } from '../common/files';
import { ProjectResolver } from './project/resolver';
import { forgetYamlSource } from './project/yamlSource';

const DIR = '/docklens-warm-up';
export const WARM_UP_COMPOSE = `${DIR}/compose.yaml`;

/** One service of the generated project; `#` is its number. Common attributes in their usual forms. */
const SERVICE = [
  '  web#:',
  '    <<: *defaults',
  '    build:',
  '      context: ./app',
  '      dockerfile: Dockerfile',
  '      target: runtime',
  '      args:',
  '        VERSION: "1.#"',
  '    command: ["serve", "--port", "80#"]',
  '    ports:',
  '      - "1#:80"',
  '      - target: 443',
  '        published: "2#"',
  '    expose: ["9#"]',
  '    environment:',
  '      LOG_LEVEL: ${LOG_LEVEL:-info}',
  '      SERVICE: web#',
  '    env_file: [app.env]',
  '    depends_on:',
  '      db#:',
  '        condition: service_healthy',
  '    volumes:',
  '      - data:/var/lib/data',
  '      - ./config:/etc/app:ro',
  '      - type: tmpfs',
  '        target: /tmp',
  '    networks: [front, back]',
  '    healthcheck:',
  '      test: ["CMD", "curl", "-f", "http://localhost/"]',
  '      interval: 30s',
  '      timeout: 5s',
  '      retries: 3',
  '    deploy:',
  '      resources:',
  '        limits: { cpus: "0.5", memory: 256M }',
  '    labels:',
  '      - "team=web#"',
  '    secrets: [token]',
  '  db#:',
  '    image: postgres:16',
  '    restart: unless-stopped',
  '    user: "999"',
  '    environment:',
  '      - POSTGRES_DB=app#',
  '    ulimits:',
  '      nofile: { soft: 1024, hard: 2048 }',
  '    extra_hosts: ["host.docker.internal:host-gateway"]',
  '    networks:',
  '      back:',
  '        aliases: [database#]',
  '    logging:',
  '      driver: json-file',
  '      options: { max-size: 10m }',
  '    profiles: [data]',
].join('\n');

const HEAD = ['name: warm-up', 'x-defaults: &defaults', '  restart: always', '  stop_grace_period: 10s', 'services:'].join('\n');
const TAIL = ['networks:', '  front: {}', '  back:', '    internal: true', 'volumes:', '  data: {}', 'secrets:', '  token:', '    file: ./token.txt', ''].join('\n');

/** The generated compose.yaml of a round: `pairs` web services, each with its database. */
export function warmUpProject(pairs: number, round: number): string {
  const services: string[] = [];
  for (let i = 0; i < pairs; i++) services.push(SERVICE.replace(/#/g, String(round * pairs + i)));
  return `${HEAD}\n${services.join('\n')}\n${TAIL}`;
}

/** The other files of the project: env files, a secret, the Dockerfile the web services build. */
export const WARM_UP_FILES: ReadonlyMap<string, string> = new Map<string, string>([
  [`${DIR}/.env`, 'LOG_LEVEL=debug\n'],
  [`${DIR}/app.env`, 'MODE=production\n'],
  [`${DIR}/token.txt`, 'secret\n'],
  [`${DIR}/app/Dockerfile`, 'FROM alpine:3.20 AS base\nARG VERSION\nFROM base AS runtime\nCMD ["serve"]\n'],
]);

/**
 * A checker over the in-memory project: `check(text)` puts `text` in its compose.yaml and returns
 * the document's diagnostics as the server would publish them.
 */
export function warmUpChecker(): { check(text: string): Diagnostic[]; forget(): void } {
  const files = new Map(WARM_UP_FILES);
  const host: FileHost = {
    read: (path): FileRead => {
      const text = files.get(path);
      return text !== undefined ? { text } : { problem: 'missing' };
    },
    readFile: (path) => files.get(path),
    exists: (path) => files.has(path) || path === DIR || path === `${DIR}/app` || path === `${DIR}/config`,
  };
  const resolver = new ProjectResolver(host);
  const texts: string[] = [];
  return {
    check(text) {
      files.set(WARM_UP_COMPOSE, text);
      texts.push(text);
      const ctx: ComposeContext = { host, path: WARM_UP_COMPOSE, uri: `file://${WARM_UP_COMPOSE}`, project: resolver.forDocument(WARM_UP_COMPOSE) };
      return validateCompose(parseCompose(text, false), ctx);
    },
    forget() {
      for (const text of texts) forgetYamlSource(text);
      texts.length = 0;
      resolver.clear();
    },
  };
}

/**
 * The warm-up as steps: one parse and check of a generated project each, of 2, 4 and 8 pairs of
 * services first (the first rounds run slowest, interpreted) and of `pairs` pairs after, `rounds` in
 * all. In all about the CPU of opening a Compose file of a few hundred services (bench/README.md).
 * The steps only leave compiled code and a grown heap behind.
 */
export function composeWarmUpSteps(rounds = 12, pairs = 16): (() => void)[] {
  const checker = warmUpChecker();
  const steps = Array.from({ length: rounds }, (_, round) => () => void checker.check(warmUpProject(Math.min(pairs, 2 << round), round)));
  // What the caches keep of the last round (by path, by text) is replaced by an empty file.
  steps.push(() => {
    checker.check('services: {}\n');
    checker.forget();
  });
  return steps;
}
