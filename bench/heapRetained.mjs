// What one object keeps alive, read from a V8 heap snapshot: the objects reachable from it that the
// rest of the heap does not reach without passing through it (its retained size, as DevTools counts
// it), by kind and by the property that holds them. bench/memory.mjs measures the syntax tree with
// it: heapUsed differences move with the optimizer's code and with bytecode V8 flushes between two
// GCs, by 1-2 bytes per source byte at 5k lines; the snapshot count is the same on every run.
import { readFileSync } from 'node:fs';

/**
 * The retained size of the object held by the global property `name` when `file` was written: its
 * self bytes, and the top `top` kinds (constructor, or a plain object's first property names) and
 * holders (holder kind, property, kind held).
 */
export function retainedBy(file, name, top = 30) {
  const snapshot = JSON.parse(readFileSync(file, 'utf8'));
  const meta = snapshot.snapshot.meta;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const { nodes, edges, strings } = snapshot;
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const WEAK = edgeTypes.indexOf('weak');
  const PROPERTY = edgeTypes.indexOf('property');
  const count = nodes.length / nf;
  const firstEdge = new Uint32Array(count + 1);
  for (let n = 0, e = 0; n < count; n++) {
    firstEdge[n] = e;
    e += nodes[n * nf + 4] * ef;
  }
  firstEdge[count] = edges.length;

  let target = -1;
  for (let n = 0; n < count && target < 0; n++) {
    for (let e = firstEdge[n]; e < firstEdge[n + 1]; e += ef) {
      if (edges[e] === PROPERTY && strings[edges[e + 1]] === name) {
        target = edges[e + 2] / nf;
        break;
      }
    }
  }
  if (target < 0) throw new Error(`no global ${name} in the snapshot`);

  /** Marks what `from` reaches by strong edges, not going through `barrier`. */
  const reach = (from, barrier) => {
    const seen = new Uint8Array(count);
    const stack = [from];
    seen[from] = 1;
    while (stack.length > 0) {
      const n = stack.pop();
      for (let e = firstEdge[n]; e < firstEdge[n + 1]; e += ef) {
        if (edges[e] === WEAK) continue;
        const to = edges[e + 2] / nf;
        if (to === barrier || seen[to]) continue;
        seen[to] = 1;
        stack.push(to);
      }
    }
    return seen;
  };
  const fromRoot = reach(0, target);
  const fromTarget = reach(target, -1);
  const kept = (n) => fromTarget[n] === 1 && fromRoot[n] === 0;

  const propertyNames = (n) => {
    const out = [];
    for (let e = firstEdge[n]; e < firstEdge[n + 1] && out.length < 6; e += ef) {
      if (edges[e] === PROPERTY && strings[edges[e + 1]] !== '__proto__') out.push(strings[edges[e + 1]]);
    }
    return out.join(',');
  };
  const kindOf = (n) => {
    const type = nodeTypes[nodes[n * nf]];
    const label = strings[nodes[n * nf + 1]];
    if (type === 'object') return label === 'Object' ? `{${propertyNames(n)}}` : label;
    if (type === 'array') return label === '(object elements)' ? 'array elements' : `array ${label}`;
    if (type.includes('string')) return type;
    return `${type} ${label.slice(0, 30)}`;
  };
  const bytes = { total: 0, byKind: new Map(), byHolder: new Map() };
  const add = (map, key, size) => {
    const row = map.get(key) ?? { count: 0, bytes: 0 };
    row.count++;
    row.bytes += size;
    map.set(key, row);
  };
  const holderEdge = new Int32Array(count).fill(-1);
  const holder = new Int32Array(count).fill(-1);
  for (let n = 0; n < count; n++) {
    if (!kept(n)) continue;
    for (let e = firstEdge[n]; e < firstEdge[n + 1]; e += ef) {
      if (edges[e] === WEAK) continue;
      const to = edges[e + 2] / nf;
      if (holder[to] < 0) {
        holder[to] = n;
        holderEdge[to] = e;
      }
    }
  }
  for (let n = 0; n < count; n++) {
    if (!kept(n)) continue;
    const size = nodes[n * nf + 3];
    const kind = kindOf(n);
    bytes.total += size;
    add(bytes.byKind, kind, size);
    if (holder[n] >= 0) {
      const e = holderEdge[n];
      const type = edgeTypes[edges[e]];
      const via = type === 'element' || type === 'hidden' ? `[${type}]` : strings[edges[e + 1]];
      add(bytes.byHolder, `${kindOf(holder[n])} .${via} -> ${kind}`, size);
    }
  }
  const sorted = (map) => [...map].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top);
  return { bytes: bytes.total, byKind: sorted(bytes.byKind), byHolder: sorted(bytes.byHolder) };
}
