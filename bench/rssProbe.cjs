// Preloaded into the server by bench/rss.mjs (`node -r bench/rssProbe.cjs dist/server.js --stdio`):
// on SIGUSR2 it appends one JSON line to $DOCKLENS_RSS_PROBE with the process's memory as the
// kernel and V8 see it. Nothing else; the server does not know it is there. With
// $DOCKLENS_HEAP_SNAPSHOTS set to a directory it also writes a heap snapshot there each time
// (step-N.heapsnapshot, after V8's full GC: what is live).
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');

let step = 0;
process.on('SIGUSR2', () => {
  const dir = process.env.DOCKLENS_HEAP_SNAPSHOTS;
  if (dir) v8.writeHeapSnapshot(path.join(dir, `step-${step++}.heapsnapshot`));
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
  // The C library's main heap (brk) is the one mapping named [heap].
  const brk = /\[heap\]\n(?:.*\n)*?Rss:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/smaps', 'utf8'));
  const spaces = {};
  for (const s of v8.getHeapSpaceStatistics()) spaces[s.space_name] = s.physical_space_size / 2 ** 20;
  const heap = v8.getHeapStatistics();
  fs.appendFileSync(
    process.env.DOCKLENS_RSS_PROBE,
    JSON.stringify({
      peak: kb('VmHWM'),
      rss: kb('VmRSS'),
      file: kb('RssFile'),
      anon: kb('RssAnon'),
      brk: brk ? Number(brk[1]) / 1024 : 0,
      spaces,
      used: heap.used_heap_size / 2 ** 20,
      external: heap.external_memory / 2 ** 20,
    }) + '\n',
  );
});
