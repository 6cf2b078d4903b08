/**
 * Which benchmark tool wrote a file, from its content (or `--input-format`),
 * and its runs. JSON from Python may hold `Infinity`/`NaN` (json.dumps writes
 * them for float('inf')): they are read as the strings "Infinity"/"NaN".
 */
import { isObj, type Obj } from './json.js';
import { UserError } from '../../errors.js';
import { aiperfRun, isAiperfExport } from './aiperf.js';
import { benchServingRun, isBenchServingResult } from './bench-serving.js';
import { guidellmRuns, isGuidellmReport } from './guidellm.js';
import { isLlmperfSummary, llmperfRun } from './llmperf.js';
import { isMlperfSummary, mlperfRun } from './mlperf-summary.js';
import { printedBlocks, printedRuns } from './printed.js';
import { INPUT_FORMATS, type InputFormat } from './formats.js';
import type { BenchmarkRun } from './run.js';

/** JSON.parse that accepts Python's bare Infinity, -Infinity and NaN (as strings). */
export function parsePythonJson(text: string): unknown {
  return JSON.parse(text.replace(/([:[,]\s*)(-?Infinity|NaN)(?=\s*[,}\]])/g, '$1"$2"'));
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: parsePythonJson(text) };
  } catch {
    return { ok: false };
  }
}

/** Each non-empty line a JSON object, or undefined when one is not. */
function jsonLines(text: string): Obj[] | undefined {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const out: Obj[] = [];
  for (const l of lines) {
    const r = tryJson(l);
    if (!r.ok || !isObj(r.value)) return undefined;
    out.push(r.value);
  }
  return out.length > 0 ? out : undefined;
}

const READERS: Record<InputFormat, (text: string) => BenchmarkRun[] | string> = {
  'vllm-json': (text) => {
    const r = tryJson(text);
    if (!r.ok) return 'not JSON';
    const docs = Array.isArray(r.value) ? r.value : [r.value];
    const runs = docs.filter(isObj).filter(isBenchServingResult);
    if (runs.length === 0) return 'no result object (completed, duration, mean_ttft_ms, output_throughput)';
    return runs.map((o, i) =>
      benchServingRun(o, runs.length === 1 ? 'result' : `result ${i + 1} of ${runs.length}`, 'JSON'),
    );
  },
  'sglang-jsonl': (text) => {
    const lines = jsonLines(text);
    if (lines === undefined) return 'not JSON Lines (one JSON object per line)';
    const runs = lines.filter(isBenchServingResult);
    if (runs.length === 0) return 'no result line (completed, duration, mean_ttft_ms, output_throughput)';
    return runs.map((o) => benchServingRun(o, `line ${lines.indexOf(o) + 1}`, 'JSON Lines'));
  },
  aiperf: (text) => {
    const r = tryJson(text);
    if (!r.ok || !isObj(r.value)) return 'not a JSON object';
    return isAiperfExport(r.value)
      ? [aiperfRun(r.value)]
      : 'no AIPerf/GenAI-Perf metrics (request_throughput with a unit, input_config)';
  },
  guidellm: (text) => {
    const r = tryJson(text);
    if (!r.ok || !isObj(r.value)) return 'not a JSON object';
    return isGuidellmReport(r.value) ? guidellmRuns(r.value) : 'no `benchmarks` list with metrics';
  },
  llmperf: (text) => {
    const r = tryJson(text);
    if (!r.ok || !isObj(r.value)) return 'not a JSON object';
    return isLlmperfSummary(r.value) ? [llmperfRun(r.value)] : 'no llmperf results_* keys';
  },
  mlperf: (text) => {
    if (!isMlperfSummary(text)) return 'no "MLPerf Results Summary" with a Scenario line';
    const run = mlperfRun(text);
    return typeof run === 'string' ? run : [run];
  },
  printed: (text) => {
    const runs = printedRuns(text);
    return runs.length === 0 ? 'no "Serving Benchmark Result" block' : runs;
  },
};

/** The format a file's content is in, or undefined. */
export function detectFormat(text: string): InputFormat | undefined {
  if (isMlperfSummary(text)) return 'mlperf';
  if (printedBlocks(text).length > 0) return 'printed';
  const whole = tryJson(text);
  if (whole.ok) {
    const docs = Array.isArray(whole.value) ? whole.value : [whole.value];
    if (docs.some((d) => isObj(d) && isBenchServingResult(d))) return 'vllm-json';
    if (isObj(whole.value) && isAiperfExport(whole.value)) return 'aiperf';
    if (isObj(whole.value) && isLlmperfSummary(whole.value)) return 'llmperf';
    if (isObj(whole.value) && isGuidellmReport(whole.value)) return 'guidellm';
    return undefined;
  }
  const lines = jsonLines(text);
  if (lines?.some(isBenchServingResult)) return 'sglang-jsonl';
  return undefined;
}

/** The runs in a benchmark output; a UserError saying why when there are none. */
export function importRuns(
  text: string,
  file: string,
  forced?: InputFormat,
): { format: InputFormat; runs: BenchmarkRun[] } {
  const format = forced ?? detectFormat(text);
  if (format === undefined)
    throw new UserError(
      `${file}: not a benchmark output infercost reads (vLLM or SGLang result JSON / JSON Lines, a printed "Serving Benchmark Result" block, …): --input-format ${INPUT_FORMATS.join('|')} forces one`,
    );
  const runs = READERS[format](text);
  if (typeof runs === 'string') throw new UserError(`${file}: read as ${format}: ${runs}`);
  return { format, runs };
}
