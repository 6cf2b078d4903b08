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

/** A file's content, parsed at most once each way (as JSON, as JSON Lines) whatever is asked of it. */
interface Content {
  readonly text: string;
  /** The whole text as JSON, or undefined when it is not JSON. */
  json(): { value: unknown } | undefined;
  lines(): Obj[] | undefined;
}

function contentOf(text: string): Content {
  let json: { value: unknown } | undefined | null = null;
  let lines: Obj[] | undefined | null = null;
  return {
    text,
    json: () => {
      if (json === null) {
        const r = tryJson(text);
        json = r.ok ? { value: r.value } : undefined;
      }
      return json;
    },
    lines: () => (lines === null ? (lines = jsonLines(text)) : lines),
  };
}

/** The whole text as one JSON object, if it is one. */
const objectOf = (c: Content): Obj | undefined => {
  const v = c.json()?.value;
  return isObj(v) ? v : undefined;
};

/** A vLLM-style file holds one result object, or a list of them. */
const benchResults = (c: Content): Obj[] => {
  const v = c.json()?.value;
  return (Array.isArray(v) ? v : [v]).filter(isObj).filter(isBenchServingResult);
};

/** A format: whether a file's content is in it (for detection), and its runs or why there are none. */
interface Reader {
  matches(c: Content): boolean;
  read(c: Content): BenchmarkRun[] | string;
}

/** A format whose file is one JSON object that `is` recognises. */
function objectReader(is: (o: Obj) => boolean, runs: (o: Obj) => BenchmarkRun[], missing: string): Reader {
  return {
    matches: (c) => {
      const o = objectOf(c);
      return o !== undefined && is(o);
    },
    read: (c) => {
      const o = objectOf(c);
      if (o === undefined) return 'not a JSON object';
      return is(o) ? runs(o) : missing;
    },
  };
}

const READERS: Record<InputFormat, Reader> = {
  'vllm-json': {
    matches: (c) => benchResults(c).length > 0,
    read: (c) => {
      if (c.json() === undefined) return 'not JSON';
      const runs = benchResults(c);
      if (runs.length === 0) return 'no result object (completed, duration, mean_ttft_ms, output_throughput)';
      return runs.map((o, i) =>
        benchServingRun(o, runs.length === 1 ? 'result' : `result ${i + 1} of ${runs.length}`, 'JSON'),
      );
    },
  },
  'sglang-jsonl': {
    // A file that is whole JSON is read as such: one line of JSON Lines is also one JSON document.
    matches: (c) => c.json() === undefined && (c.lines()?.some(isBenchServingResult) ?? false),
    read: (c) => {
      const lines = c.lines();
      if (lines === undefined) return 'not JSON Lines (one JSON object per line)';
      const runs = lines.filter(isBenchServingResult);
      if (runs.length === 0) return 'no result line (completed, duration, mean_ttft_ms, output_throughput)';
      return runs.map((o) => benchServingRun(o, `line ${lines.indexOf(o) + 1}`, 'JSON Lines'));
    },
  },
  aiperf: objectReader(
    isAiperfExport,
    (o) => [aiperfRun(o)],
    'no AIPerf/GenAI-Perf metrics (request_throughput with a unit, input_config)',
  ),
  guidellm: objectReader(isGuidellmReport, guidellmRuns, 'no `benchmarks` list with metrics'),
  llmperf: objectReader(isLlmperfSummary, (o) => [llmperfRun(o)], 'no llmperf results_* keys'),
  mlperf: {
    matches: (c) => isMlperfSummary(c.text),
    read: (c) => {
      if (!isMlperfSummary(c.text)) return 'no "MLPerf Results Summary" with a Scenario line';
      const run = mlperfRun(c.text);
      return typeof run === 'string' ? run : [run];
    },
  },
  printed: {
    matches: (c) => printedBlocks(c.text).length > 0,
    read: (c) => {
      const runs = printedRuns(c.text);
      return runs.length === 0 ? 'no "Serving Benchmark Result" block' : runs;
    },
  },
};

/** The order formats are tried in: text formats first, then whole JSON, then JSON Lines. */
const DETECTION_ORDER: readonly InputFormat[] = [
  'mlperf',
  'printed',
  'vllm-json',
  'aiperf',
  'llmperf',
  'guidellm',
  'sglang-jsonl',
];

/** The format a file's content is in, or undefined. */
export function detectFormat(text: string): InputFormat | undefined {
  return detectIn(contentOf(text));
}

function detectIn(c: Content): InputFormat | undefined {
  return DETECTION_ORDER.find((f) => READERS[f].matches(c));
}

/** The runs in a benchmark output; a UserError saying why when there are none. */
export function importRuns(
  text: string,
  file: string,
  forced?: InputFormat,
): { format: InputFormat; runs: BenchmarkRun[] } {
  const content = contentOf(text);
  const format = forced ?? detectIn(content);
  if (format === undefined)
    throw new UserError(
      `${file}: not a benchmark output infercost reads (vLLM or SGLang result JSON / JSON Lines, a printed "Serving Benchmark Result" block, …): --input-format ${INPUT_FORMATS.join('|')} forces one`,
    );
  const runs = READERS[format].read(content);
  if (typeof runs === 'string') throw new UserError(`${file}: read as ${format}: ${runs}`);
  return { format, runs };
}
