// Preloaded with `node --import` by the benchmarks: on exit, writes the process's
// peak resident set size (KiB, worker threads included) to the file named by BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
