// Which build of the `yaml` package the bundles take. Its node build asks `process.env.LOG_TOKENS`
// once per token it parses (a getter into the C++ side: ~24 ms on a 1000-service Compose file);
// its browser build is the same code without that read and without `process`: warnings go to
// console.warn instead of process.emitWarning, `!!binary` (YAML 1.1 only, which we do not select)
// decodes with atob. Every esbuild config that bundles the server spreads this in.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const yamlBrowserBuild = {
  alias: { yaml: join(dirname(require.resolve('yaml/package.json')), 'browser/index.js') },
};
