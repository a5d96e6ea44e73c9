// The build as a graph: a Dockerfile's stages (boxes) and what connects them (FROM <stage>,
// COPY --from, RUN --mount=from=), or a Compose project's services (depends_on) and the
// Dockerfiles they build. Pure data: the CLI prints it (mermaid, dot, json), the editor draws it.
import type { DockerfileModel } from '../dockerfile/parser/model';
import { computeLayers } from '../dockerfile/services/layers';
import { stageIndex } from '../dockerfile/services/stageReferences';
import { t, tn } from '../l10n';

export interface GraphNode {
  id: string;
  kind: 'stage' | 'image' | 'service';
  /** What the box says first: the stage label (`build`, `stage 0`), the image or the service name. */
  label: string;
  /** Second line: the base image or stage (stages), the image or Dockerfile (services). */
  detail?: string;
  /** Stages: filesystem layers the stage adds itself; and with its base stages. */
  layers?: number;
  totalLayers?: number;
  /** The stage `docker build` produces (the last, or `--target`). */
  final?: boolean;
  /** Stages the final stage does not need: BuildKit skips them. */
  unused?: boolean;
  /** 0-based line to reveal on click. */
  line?: number;
  /** Services that build: the Dockerfile path (absolute when known) and its target stage. */
  dockerfile?: string;
  target?: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: 'FROM' | 'COPY --from' | 'RUN --mount' | 'depends_on' | 'build';
  line?: number;
}

export interface BuildGraph {
  kind: 'dockerfile' | 'compose';
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Why the graph is incomplete (an unknown --target). */
  problem?: string;
}

/** The stages of a Dockerfile and the edges between them; `target` picks the final stage as `--target` does. */
export function dockerfileGraph(model: DockerfileModel, target?: string): BuildGraph {
  const image = computeLayers(model, target);
  const nodes: GraphNode[] = image.stages.map((s) => ({
    id: `s${s.index}`,
    kind: 'stage',
    label: s.label,
    detail: s.baseKind === 'stage' ? `FROM ${image.stages[s.baseStage!]?.label ?? s.base}` : s.base,
    layers: s.own.length,
    totalLayers: s.total,
    final: s.final,
    unused: !s.reachable,
    line: s.line,
  }));
  const edges: GraphEdge[] = [];
  for (const s of image.stages) {
    for (const use of s.usedBy) {
      if (!edges.some((e) => e.from === `s${s.index}` && e.to === `s${use.stage}` && e.kind === use.kind)) {
        edges.push({ from: `s${s.index}`, to: `s${use.stage}`, kind: use.kind, line: use.instruction.startLine });
      }
    }
  }
  // Images used where a stage could be (COPY --from=nginx:1.27): boxes of their own.
  for (const use of stageIndex(model).images) {
    const stage = model.stageAt(use.instruction.start);
    if (!stage) continue;
    let node = nodes.find((n) => n.kind === 'image' && n.label === use.text);
    if (!node) {
      node = { id: `i${nodes.filter((n) => n.kind === 'image').length}`, kind: 'image', label: use.text };
      nodes.push(node);
    }
    const kind = use.instruction.keyword === 'RUN' ? 'RUN --mount' : 'COPY --from';
    if (!edges.some((e) => e.from === node!.id && e.to === `s${stage.index}` && e.kind === kind)) {
      edges.push({ from: node.id, to: `s${stage.index}`, kind, line: use.instruction.startLine });
    }
  }
  edges.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { kind: 'dockerfile', nodes, edges, ...(image.targetError ? { problem: image.targetError } : {}) };
}

const EDGE_STYLE: Record<GraphEdge['kind'], { mermaid: string; dot: string }> = {
  FROM: { mermaid: '==>', dot: 'style=bold' },
  'COPY --from': { mermaid: '-->', dot: 'style=solid' },
  'RUN --mount': { mermaid: '-.->', dot: 'style=dashed' },
  depends_on: { mermaid: '-->', dot: 'style=solid' },
  build: { mermaid: '-.->', dot: 'style=dotted' },
};

function nodeLines(n: GraphNode): string[] {
  const lines = [n.label];
  if (n.detail) lines.push(n.detail);
  if (n.kind === 'stage') {
    const layers = tn('layers.count', n.layers ?? 0);
    lines.push(t(n.final ? 'graph.finalImage' : n.unused ? 'graph.unused' : 'graph.notShipped', { layers }));
  }
  return lines;
}

/** Mermaid flowchart text (GitHub and most Markdown viewers draw it). */
export function toMermaid(graph: BuildGraph): string {
  const esc = (s: string) => s.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
  const out = ['flowchart TD'];
  for (const n of graph.nodes) {
    const text = nodeLines(n).map(esc).join('<br/>');
    out.push(n.kind === 'image' ? `  ${n.id}[("${text}")]` : n.kind === 'service' ? `  ${n.id}(["${text}"])` : `  ${n.id}["${text}"]`);
  }
  for (const e of graph.edges) out.push(`  ${e.from} ${EDGE_STYLE[e.kind].mermaid}|${esc(e.kind)}| ${e.to}`);
  const finals = graph.nodes.filter((n) => n.final).map((n) => n.id);
  const unused = graph.nodes.filter((n) => n.unused).map((n) => n.id);
  if (finals.length) out.push('  classDef final stroke-width:3px', `  class ${finals.join(',')} final`);
  if (unused.length) out.push('  classDef unused stroke-dasharray:4 4,opacity:0.6', `  class ${unused.join(',')} unused`);
  return out.join('\n') + '\n';
}

/** Graphviz DOT text (`dot -Tsvg`). */
export function toDot(graph: BuildGraph): string {
  const q = (s: string) => '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
  const out = [`digraph ${graph.kind === 'compose' ? 'compose' : 'build'} {`, '  rankdir=TB;', '  node [shape=box, fontname="sans-serif"];'];
  for (const n of graph.nodes) {
    const attrs = [`label=${nodeLines(n).map(q).join(' + ').replace(/" \+ "/g, '\\n')}`];
    if (n.kind === 'image') attrs.push('shape=cylinder');
    if (n.kind === 'service') attrs.push('shape=box', 'style=rounded');
    if (n.final) attrs.push('penwidth=3');
    if (n.unused) attrs.push('style=dashed', 'fontcolor=gray50', 'color=gray50');
    out.push(`  ${n.id} [${attrs.join(', ')}];`);
  }
  for (const e of graph.edges) out.push(`  ${e.from} -> ${e.to} [label=${q(e.kind)}, ${EDGE_STYLE[e.kind].dot}];`);
  out.push('}');
  return out.join('\n') + '\n';
}
