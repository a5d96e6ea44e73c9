// Editors other than VS Code name the two languages their own way (Neovim's `yaml.docker-compose`,
// Zed and plain set-ups send `yaml` for every YAML file). The server works with two ids only; this
// maps what a client sends to them once, when a document opens.

const DOCKERFILE_IDS = new Set(['dockerfile', 'containerfile', 'docker']);
const COMPOSE_IDS = new Set(['dockercompose', 'docker-compose', 'yaml.docker-compose', 'yaml.dockercompose', 'compose']);
/** The Compose file names Docklens' VS Code manifest claims: compose.yaml, compose.*.yml, docker-compose*.yaml. */
const COMPOSE_FILE = /(?:^|\/)(?:docker-)?compose(?:\.[^/]*)?\.ya?ml$|(?:^|\/)docker-compose[^/]*\.ya?ml$/i;

/** `dockerfile`, `dockercompose`, or the id unchanged (a language Docklens does not serve). */
export function docklensLanguageId(languageId: string, uri: string): string {
  const id = languageId.toLowerCase();
  if (DOCKERFILE_IDS.has(id)) return 'dockerfile';
  if (COMPOSE_IDS.has(id)) return 'dockercompose';
  if (id === 'yaml' && COMPOSE_FILE.test(uri.split(/[?#]/)[0])) return 'dockercompose';
  return languageId;
}
