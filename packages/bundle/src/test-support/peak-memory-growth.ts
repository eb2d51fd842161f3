/**
 * Run `work` and measure how far the process's resident memory rose above where it started, sampled
 * every few milliseconds while it runs (streams yield often) and once at the end. In MiB.
 */
export async function peakMemoryGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthMiB: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const timer = setInterval(sample, 5);
  try {
    const result = await work();
    sample();
    return { result, growthMiB: (peak - before) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}
