// Preloaded (`node -r bench/cpuAtExit.cjs ...`) by bench/check.mjs: writes the process's CPU time
// (user, system, milliseconds) and peak RSS to the file DOCKLENS_BENCH_CPU names when it exits.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const u = process.cpuUsage();
  const out = { user: u.user / 1000, system: u.system / 1000, cpu: (u.user + u.system) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024 };
  if (process.env.DOCKLENS_BENCH_CPU) writeFileSync(process.env.DOCKLENS_BENCH_CPU, JSON.stringify(out));
});
