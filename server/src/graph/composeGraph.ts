// A Compose project's services as a graph: depends_on edges (from the service that starts first
// to the one that waits for it), and for services that build, the Dockerfile (and stage) they build.
import * as posix from 'node:path/posix';
import type { ComposeModel } from '../compose/model';
import { buildInfo } from '../compose/dockerfiles';
import type { BuildGraph, GraphEdge, GraphNode } from './buildGraph';
import { t } from '../l10n';

function dependsOn(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (value && typeof value === 'object') return Object.keys(value);
  return [];
}

/** `composePath`: the Compose file's absolute path (relative build contexts are resolved against it). */
export function composeGraph(model: ComposeModel, composePath: string): BuildGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const plain = (model.value && typeof model.value === 'object' ? (model.value as { services?: Record<string, unknown> }).services : undefined) ?? {};
  const ids = new Map(model.services.map((s, i) => [s.name, `c${i}`]));
  for (const service of model.services) {
    const value = (plain[service.name] ?? {}) as { image?: unknown; depends_on?: unknown };
    const node: GraphNode = { id: ids.get(service.name)!, kind: 'service', label: service.name, line: model.lines.positionAt(service.keySpan.start).line };
    const info = buildInfo(model, service, composePath);
    if (info) {
      const path = info.context === '.' ? info.dockerfile : posix.join(info.context, info.dockerfile);
      node.detail = info.inline !== undefined ? t('graph.buildsInline') : info.target ? t('graph.buildsTarget', { path, target: info.target }) : t('graph.builds', { path });
      if (info.dockerfilePath) node.dockerfile = info.dockerfilePath;
      if (info.target) node.target = info.target;
    } else if (typeof value.image === 'string') {
      node.detail = value.image;
    }
    nodes.push(node);
    for (const dep of dependsOn(value.depends_on)) {
      const from = ids.get(dep);
      if (from) edges.push({ from, to: node.id, kind: 'depends_on', line: node.line });
    }
  }
  return { kind: 'compose', nodes, edges };
}
