/**
 * The "Serving Benchmark Result" block that `vllm bench serve` (and the older
 * `benchmark_serving.py`) and `sglang.bench_serving` print, pasted into a text
 * file: `Label:   value` lines between `====` rules. Each block is one run; its
 * lines are read into the JSON result's keys and mapped like the JSON.
 */
import { benchServingRun } from './bench-serving.js';
import type { BenchmarkRun } from './run.js';

/** Printed label (lower case, spaces collapsed) → the result JSON key it prints. */
const LINES: readonly [RegExp, string | ((m: RegExpExecArray) => string)][] = [
  [/^successful requests$/, 'completed'],
  [/^benchmark duration \(s\)$/, 'duration'],
  [/^total input tokens$/, 'total_input_tokens'],
  [/^total generated tokens$/, 'total_output_tokens'],
  [/^request throughput \(req\/s\)$/, 'request_throughput'],
  [/^output token throughput \(tok\/s\)$/, 'output_throughput'],
  // SGLang 0.4.3 prints "Max reqeuest concurrency".
  [/^(maximum|max) req\w* concurrency$/, 'max_concurrency'],
  [/^(traffic request rate|request rate configured \(rps\))$/, 'request_rate'],
  [/^(mean|median|p\d+(?:\.\d+)?) (ttft|tpot|itl) \(ms\)$/, (m) => `${m[1]}_${m[2]}_ms`],
  [
    /^(mean|median|p\d+(?:\.\d+)?) (e2e latency|e2el) \(ms\)$/,
    (m) => `${m[1]}_${m[2] === 'e2el' ? 'e2el' : 'e2e_latency'}_ms`,
  ],
  [/^backend$/, 'backend'],
];

/** The result blocks in `text` (none: the text has no "Serving Benchmark Result" header). */
export function printedBlocks(text: string): Record<string, string>[] {
  const blocks: Record<string, string>[] = [];
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (/serving benchmark result/i.test(line)) {
      current = {};
      blocks.push(current);
      continue;
    }
    if (current === undefined) continue;
    const m = /^([^:]+?):\s*(\S.*)$/.exec(line);
    if (m === null) continue;
    const label = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
    const value = (m[2] ?? '').trim();
    for (const [pattern, key] of LINES) {
      const hit = pattern.exec(label);
      if (hit !== null) current[typeof key === 'string' ? key : key(hit)] = value;
    }
  }
  return blocks;
}

export function printedRuns(text: string): BenchmarkRun[] {
  const blocks = printedBlocks(text);
  return blocks.map((b, i) =>
    benchServingRun(
      b,
      blocks.length === 1 ? 'printed result' : `printed result ${i + 1} of ${blocks.length}`,
      'printed result',
      // SGLang prints a Backend line and "E2E Latency"; vLLM prints neither ("E2EL").
      'backend' in b || 'mean_e2e_latency_ms' in b ? 'sglang.bench_serving' : 'vllm bench serve',
    ),
  );
}
