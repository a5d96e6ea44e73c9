// The build graph webview: lays out the graph the extension sends with dagre and draws it as SVG
// in the editor's theme colours. No network, no remote content (the page's CSP forbids both).
// Clicking a box or an edge asks the extension to reveal its line; a built service's "graph" link
// opens its Dockerfile's graph.
/// <reference lib="dom" />
import dagre from '@dagrejs/dagre';
import type { BuildGraph, GraphEdge, GraphNode } from '../../server/src/graph/buildGraph';
import type { GraphStrings } from '../src/graphStrings';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };
const vscode = acquireVsCodeApi();
const SVG = 'http://www.w3.org/2000/svg';
const LINE_HEIGHT = 16;
const CHAR_WIDTH = 7.2;

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number> = {}, parent?: Element): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

/** The words the extension sends with each graph, in the user's language. */
let words: GraphStrings | undefined;

function say(key: keyof GraphStrings, ...values: (string | number)[]): string {
  const template = words?.[key] ?? '';
  return template.replace(/\{(\d+)\}/g, (whole, i: string) => (values[Number(i)] !== undefined ? String(values[Number(i)]) : whole));
}

/** Width in monospace cells: CJK characters take two. */
function cells(text: string): number {
  let n = 0;
  for (const c of text) n += /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(c) ? 2 : 1;
  return n;
}

function linesOf(n: GraphNode): string[] {
  const lines = [n.label];
  if (n.detail) lines.push(n.detail);
  if (n.kind === 'stage') {
    const layers = say(n.layers === 1 ? 'layer' : 'layers', n.layers ?? 0);
    lines.push(say(n.final ? 'ships' : n.unused ? 'unused' : 'notShipped', layers));
  }
  return lines;
}

function draw(graph: BuildGraph, title: string): void {
  const root = document.getElementById('graph')!;
  const summary = document.getElementById('summary')!;
  root.textContent = '';
  const stages = graph.nodes.filter((n) => n.kind === 'stage');
  const final = stages.find((n) => n.final);
  const unused = stages.filter((n) => n.unused).length;
  summary.textContent =
    graph.kind === 'dockerfile'
      ? say(stages.length === 1 ? 'stage' : 'stages', title, stages.length) + (final ? say('final', final.label) : '') + (unused ? say('unusedCount', unused) : '')
      : say(graph.nodes.length === 1 ? 'service' : 'services', title, graph.nodes.length);
  if (graph.problem) summary.textContent += ` · ${graph.problem}`;
  if (graph.nodes.length === 0) return;

  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 56, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) {
    const lines = linesOf(n);
    const width = Math.max(120, Math.max(...lines.map(cells)) * CHAR_WIDTH + 24);
    g.setNode(n.id, { width, height: lines.length * LINE_HEIGHT + 16 + (n.dockerfile ? LINE_HEIGHT : 0), node: n, lines });
  }
  graph.edges.forEach((e, i) => g.setEdge(e.from, e.to, { label: e.kind, width: e.kind.length * 6.5, height: 14, edge: e }, `e${i}`));
  dagre.layout(g);

  const size = g.graph() as { width?: number; height?: number };
  // Scaled down to the panel's width when wider, never up.
  const width = size.width ?? 200;
  const height = size.height ?? 100;
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': summary.textContent ?? '' }, root);
  svg.style.maxWidth = `${width}px`; // through the CSSOM: the CSP allows no inline style attributes
  const defs = el('defs', {}, svg);
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
  el('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead' }, marker);

  for (const id of g.edges()) {
    const data = g.edge(id) as { points: { x: number; y: number }[]; x: number; y: number; edge: GraphEdge; label: string };
    const group = el('g', { class: `edge ${data.edge.kind.replace(/[^a-z]+/gi, '-').toLowerCase()}`, tabindex: 0 }, svg);
    const d = data.points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x} ${p.y}`).join(' ');
    el('path', { d, 'marker-end': 'url(#arrow)' }, group);
    const label = el('text', { x: data.x, y: data.y + 4, 'text-anchor': 'middle', class: 'edge-label' }, group);
    label.textContent = data.label;
    const reveal = () => data.edge.line !== undefined && vscode.postMessage({ type: 'reveal', line: data.edge.line });
    group.addEventListener('click', reveal);
    group.addEventListener('keydown', (ev) => ev.key === 'Enter' && reveal());
    el('title', {}, group).textContent = data.edge.line !== undefined ? say('edgeLine', data.edge.kind, data.edge.line + 1) : data.edge.kind;
  }

  for (const id of g.nodes()) {
    const data = g.node(id) as { x: number; y: number; width: number; height: number; node: GraphNode; lines: string[] };
    const n = data.node;
    const classes = ['node', n.kind, n.final ? 'final' : '', n.unused ? 'unused' : ''].filter(Boolean).join(' ');
    const group = el('g', { class: classes, tabindex: 0, 'data-id': n.id, transform: `translate(${data.x - data.width / 2}, ${data.y - data.height / 2})` }, svg);
    el('rect', { width: data.width, height: data.height, rx: n.kind === 'stage' ? 4 : 14 }, group);
    data.lines.forEach((line, i) => {
      const t = el('text', { x: 12, y: 20 + i * LINE_HEIGHT, class: i === 0 ? 'title' : 'detail' }, group);
      t.textContent = line;
    });
    if (n.dockerfile) {
      const link = el('text', { x: 12, y: 20 + data.lines.length * LINE_HEIGHT, class: 'link' }, group);
      link.textContent = say('dockerfileGraph');
      link.addEventListener('click', (ev) => {
        ev.stopPropagation();
        vscode.postMessage({ type: 'openGraph', path: n.dockerfile, target: n.target });
      });
    }
    const reveal = () => n.line !== undefined && vscode.postMessage({ type: 'reveal', line: n.line });
    group.addEventListener('click', reveal);
    group.addEventListener('keydown', (ev) => ev.key === 'Enter' && reveal());
    el('title', {}, group).textContent = n.line !== undefined ? say('line', n.line + 1) : n.label;
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as { type: string; graph?: BuildGraph | null; title?: string; strings?: GraphStrings };
  if (message.type !== 'graph') return;
  words = message.strings ?? words;
  if (!message.graph) {
    document.getElementById('summary')!.textContent = say('noGraph');
    document.getElementById('graph')!.textContent = '';
    return;
  }
  draw(message.graph, message.title ?? '');
});
vscode.postMessage({ type: 'ready' });
