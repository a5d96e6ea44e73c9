// The Compose half of the server: everything server.ts calls for Compose documents and projects
// (compose/, the `yaml` parser, the Compose schema's generated validator: about a third of the
// server bundle). server.ts requires this module the first time it needs it (a Compose document,
// a Compose file near a Dockerfile, the resolved-project request), so a session of Dockerfiles
// never runs these modules' top-level code nor compiles them. What a Dockerfile session needs
// around Compose without a Compose file (the watched globs, the search for Compose files above a
// Dockerfile, the build-args cache) server.ts imports directly.
export { formatComposeEdits } from './compose/format';
export {
  composeCodeActions,
  composeCodeLenses,
  composeCompletion,
  composeDefinition,
  composeFolding,
  composeHover,
  composeLinks,
  composeSymbols,
  parseCompose,
  setComposeErrorSink,
  validateCompose,
} from './compose';
export { reparseCompose } from './compose/incremental';
export { composeGraph } from './graph/composeGraph';
export { composeGraphLens } from './graph/lens';
export { ProjectResolver } from './compose/project/resolver';
export { composeWarmUpSteps } from './compose/warmUp';
export { completeDeferred } from './compose/project/projects';
export { resolvedProjectText } from './compose/project/resolvedView';
export { projectDefinition, variableCompletions, variableHover } from './compose/project/projectFeatures';
export { buildArgsFor, buildFiles, envFileDiagnostics, processEnvironment, withRuleSeverities } from './compose/project/serverSupport';
