/**
 * One measurement row → the deployment infercost would model for it (a
 * "case"): the model and hardware presets, the precisions, the sequence
 * lengths, the accelerators per replica, the batch limits and the measured
 * figure to compare against; or the reason the row cannot be evaluated.
 * Every choice that is not in the row is a documented rule, listed in the
 * case's `assumptions` (docs/methodology.md, "Calibration").
 */
import { familyOfName } from '../core/error-bands.js';
import {
  dataAttentionExpert,
  layoutsFor,
  parallelismProblem,
  pinnedAccelerators,
  tensorParallel,
  type Parallelism,
} from '../core/parallelism.js';
import { defaultComputePrecision } from '../core/requirements.js';
import { acceptedLength, drafterOf, type Speculative } from '../core/speculative.js';
import { workloadOf, type Workload } from '../core/workload.js';
import { findPreset } from '../data/catalog.js';
import type { HardwarePreset, ModelPreset } from '../data/types.js';
import { BYTES_PER_ELEMENT, type Precision } from '../scenario/precision.js';
import { resolvePresets } from '../scenario/resolve.js';
import { HardwareSchema, ModelSchema, type Hardware, type Model } from '../scenario/schema.js';
import type { Measurement, MeasurementScenario } from './measurements.js';
import { isMlperfRow, mlperfBenchmarkOf, type MlperfBenchmark } from './mlperf.js';

/** How a row's replica is split: its `parallelism`, else as its notes state ("DEP4", "attention DP"), else tensor-parallel. */
export type ReplicaLayout = 'tensor' | 'data-attention-expert' | Parallelism;

/** The parallelism of a replica of `n` accelerators in a row's layout. */
export function parallelismOf(layout: ReplicaLayout, n: number): Parallelism {
  if (typeof layout === 'object') return layout;
  return layout === 'tensor' ? tensorParallel(n) : dataAttentionExpert(n);
}

export interface LatencyLimits {
  readonly ttftMs: number | undefined;
  readonly tpotMs: number | undefined;
  /** `p99`: an MLPerf limit on the 99th percentile; `mean`: a row's own measured mean. */
  readonly percentile: 'p99' | 'mean';
  /** Where the limits come from: the MLPerf benchmark, or the row's own measured latencies. */
  readonly source: string;
}

export interface CalibrationCase {
  readonly id: string;
  readonly kind: MeasurementScenario;
  readonly family: string;
  /** The model preset used (the row's model, or its architecture equivalent). */
  readonly modelPreset: string;
  readonly accelerator: string;
  readonly model: Model;
  readonly hardware: Hardware;
  readonly computePrecision: Precision;
  /** Accelerators the measured figure covers. */
  readonly accelerators: number;
  /** Replica sizes to consider (one when the row pins it). */
  readonly replicaSizes: readonly number[];
  /** Whether the replica size is chosen (several replicas, MLPerf systems) rather than given. */
  readonly replicaChosen: boolean;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Fixed batch (fixed-batch rows) or an upper bound on it (concurrency/batch given for offline/server). */
  readonly batch: number | undefined;
  /** How the replica splits the model: a row that states DEP / attention DP runs attention data-parallel, experts expert-parallel. */
  readonly layout: ReplicaLayout;
  /** A closed-loop run: at most `batch` requests in flight, each prompt prefilled as it arrives; the row's latencies are results, not limits. */
  readonly closedLoop: boolean;
  /** The row's measured mean TTFT and TPOT, ms, where it gives them. */
  readonly measuredTtftMs: number | undefined;
  readonly measuredTpotMs: number | undefined;
  readonly latency: LatencyLimits | undefined;
  readonly mlperf: MlperfBenchmark | undefined;
  /** Measured tokens/s per accelerator: generated tokens, or prompt tokens for fixed-batch-prefill. */
  readonly measuredTokensPerSPerAccelerator: number;
  /**
   * The prompt side of the row as `simulate` prices it (core/workload.ts): tokens prefilled and attended,
   * how prompts meet the prefix cache, the shared prefix held once. Without a prefix cache: every prompt
   * token prefilled, input / 2 attended.
   */
  readonly prompts: Pick<
    Workload,
    | 'prefillTokens'
    | 'prefillAttendedTokens'
    | 'promptCases'
    | 'sharedPrefixTokens'
    | 'meanContextTokens'
    | 'meanSlotKvTokens'
  >;
  /** Speculative decoding as measured: its setting, drafter and tokens per target step (undefined: none). */
  readonly speculative: CaseSpeculative | undefined;
  /** Choices the row did not state, in words. */
  readonly assumptions: readonly string[];
}

export interface CaseSpeculative {
  readonly setting: Speculative;
  readonly drafter: Model | undefined;
  readonly accepted: number;
}

/** A row's speculative decoding as the calculator prices it, or why it cannot be. */
function speculativeOf(row: Measurement, target: Model): CaseSpeculative | string | undefined {
  const s = row.speculative ?? undefined;
  if (s === undefined) return undefined;
  if (s.draft_tokens == null) return 'speculative decoding without draft_tokens: the verify step cannot be sized';
  let draftModel: Model | undefined;
  if (s.method === 'draft_model') {
    const id = s.draft_model ?? undefined;
    if (id === undefined || !findPreset('model', id))
      return `speculative decoding with a draft model that has no preset${id === undefined ? '' : ` ("${id}")`}: its steps cannot be priced`;
    draftModel = ModelSchema.parse(resolvePresets({ model: { preset: id } }).value.model);
  }
  const setting: Speculative = {
    method: s.method,
    draft_tokens: s.draft_tokens,
    ...(s.acceptance_rate == null ? {} : { acceptance_rate: s.acceptance_rate }),
    ...(s.accepted_tokens_per_step == null ? {} : { accepted_tokens_per_step: s.accepted_tokens_per_step }),
  };
  const accepted = acceptedLength(setting);
  if (accepted === undefined)
    return `speculative decoding (${s.method}) without a measured accepted length or acceptance rate, and no published default for it`;
  if (accepted > s.draft_tokens + 1)
    return `accepted_tokens_per_step ${accepted} is more than draft_tokens + 1 = ${s.draft_tokens + 1}`;
  return { setting, drafter: drafterOf(setting, target, draftModel), accepted };
}

export interface NotEvaluable {
  readonly id: string;
  readonly reason: string;
}

export type CaseResult =
  { readonly ok: true; readonly case: CalibrationCase } | ({ readonly ok: false } & NotEvaluable);

/** Model families for the summary, by preset id: the one naming of families (core/error-bands.ts). */
export { familyOfName as familyOf };

/**
 * Precision when a row does not state it: the lowest precision with a dense
 * tensor-core rate on the accelerator among fp4 and fp8, else bf16. MLPerf
 * closed submissions on Blackwell run NVFP4 (NVIDIA, MLPerf Inference v4.1
 * and v5.x submissions) and on Hopper and MI300X run FP8.
 */
export function defaultPrecision(hardware: Hardware): Precision {
  if (hardware.dense_tflops.fp4 != null) return 'fp4';
  if (hardware.dense_tflops.fp8 != null) return 'fp8';
  return 'bf16';
}

/**
 * KV-cache precision when a row does not state it: fp8 for fp8/fp4 (and
 * int8/int4) weights — trtllm-bench forces an FP8 KV cache for FP8 and NVFP4
 * checkpoints (TensorRT-LLM tensorrt_llm/bench/build/build.py, "If the
 * quantization is NVFP4 or FP8, force the KV cache dtype to FP8") — else the
 * weight precision.
 */
export function defaultKvPrecision(weights: Precision): Precision {
  return weights === 'bf16' || weights === 'fp16' ? weights : 'fp8';
}

/**
 * The weights a row's engine holds: the row's precision, unless the model's
 * checkpoint ships quantised narrower than that (gpt-oss: MXFP4 experts;
 * src/data/models.ts sets `weight_precision` only for such checkpoints). No
 * engine widens a quantised checkpoint: on Hopper, TensorRT-LLM runs gpt-oss
 * with MXFP4 MoE weights and BF16 activations (TensorRT-LLM "Deployment Guide
 * for GPT-OSS", MoE backend support matrix: H200, BF16 activations, MXFP4
 * weights, TRITON backend), so its perf table's "FP8" names the KV cache and
 * activations, not 8-bit experts.
 */
export function weightsAsShipped(stated: Precision, shipped: Precision | undefined): Precision {
  return shipped !== undefined && BYTES_PER_ELEMENT[shipped] < BYTES_PER_ELEMENT[stated] ? shipped : stated;
}

/** The arithmetic precision: the chip's usual one for the weight precision (core/requirements.ts, one rule for simulate and calibrate). */
export function computePrecisionFor(
  weights: Precision,
  hardware: Hardware,
  activations?: Precision,
): Precision | undefined {
  return defaultComputePrecision(weights, hardware.dense_tflops, activations)?.precision;
}

/** Rows that state attention data parallelism with expert parallelism (TensorRT-LLM "DEP4", SGLang "--enable-dp-attention"). */
const DATA_ATTENTION_EXPERT = /\bdep\d+\b|attention[ -]dp\b|attention data[- ]parallel|dp[- ]attention/i;

/** Rows from disaggregated prefill/decode or wide expert-parallel deployments measure one phase of a cluster (placed only with batch and layout). */
const DISAGGREGATED = /disaggregat|decode (pool|nodes|instances)|prefill (pool|nodes)|large[- ]scale EP|wide[- ]EP/i;

function powersOfTwoDividing(n: number): number[] {
  const out: number[] = [];
  for (let k = 1; k <= n; k *= 2) if (n % k === 0) out.push(k);
  return out;
}

function measuredPerAccelerator(row: Measurement, accelerators: number): number | undefined {
  if (row.throughput_per_accelerator_tokens_per_s != null) return row.throughput_per_accelerator_tokens_per_s;
  if (row.throughput_output_tokens_per_s != null) return row.throughput_output_tokens_per_s / accelerators;
  const batch = row.batch ?? undefined;
  if (row.scenario === 'fixed-batch-decode' && batch !== undefined && row.tpot_ms != null)
    return batch / (row.tpot_ms / 1000) / accelerators;
  if (row.scenario === 'fixed-batch-prefill' && batch !== undefined && row.ttft_ms != null && row.input_tokens != null)
    return (batch * row.input_tokens) / (row.ttft_ms / 1000) / accelerators;
  return undefined;
}

export function caseOf(row: Measurement): CaseResult {
  const skip = (reason: string): CaseResult => ({ ok: false, id: row.id, reason });
  const text = `${row.software ?? ''} ${row.notes ?? ''}`;
  // A phase of a disaggregated cluster is placed only when the row states its batch and layout.
  const placed =
    row.parallelism != null &&
    row.batch != null &&
    (row.scenario === 'fixed-batch-decode' || row.scenario === 'fixed-batch-prefill');
  if (DISAGGREGATED.test(text) && !placed)
    return skip(
      'one phase (the decode pool) of a disaggregated, wide expert-parallel cluster, at a decode batch, answer length and pool layout the row does not state: state them (scenario fixed-batch-decode, batch, parallelism) to evaluate it',
    );

  // Model: the row's id, else its architecture equivalent.
  const modelPresetId = findPreset('model', row.model)
    ? row.model
    : row.model_arch_equivalent != null && findPreset('model', row.model_arch_equivalent)
      ? row.model_arch_equivalent
      : undefined;
  if (modelPresetId === undefined)
    return skip(
      `unknown model preset "${row.model}"${row.model_arch_equivalent ? ` (and "${row.model_arch_equivalent}")` : ''}: add it to src/data/models.ts or set model_arch_equivalent`,
    );
  const hwPreset = findPreset('hardware', row.accelerator) as HardwarePreset | undefined;
  if (hwPreset === undefined) return skip(`unknown accelerator preset "${row.accelerator}"`);

  const assumptions: string[] = [];
  if (modelPresetId !== row.model) assumptions.push(`model: preset ${modelPresetId} (same architecture)`);
  const hardware = HardwareSchema.parse(resolvePresets({ hardware: { preset: hwPreset.id } }).value.hardware);
  if (hwPreset.unit === 'rack') return skip(`accelerator preset "${hwPreset.id}" is a whole rack, not one accelerator`);

  const stated: Precision = row.precision ?? defaultPrecision(hardware);
  if (row.precision == null)
    assumptions.push(`precision: ${stated} (not stated; lowest of fp4/fp8 the accelerator has)`);
  const spec = (findPreset('model', modelPresetId) as ModelPreset).spec;
  const weights = weightsAsShipped(stated, spec.weight_precision);
  const compute = computePrecisionFor(weights, hardware, spec.activation_precision);
  if (compute === undefined) return skip(`${hwPreset.id} has no dense FLOP/s figure for ${weights} or wider`);
  const sixteenBit = BYTES_PER_ELEMENT[compute] === 2 && BYTES_PER_ELEMENT[weights] < 1;
  if (weights !== stated)
    assumptions.push(
      sixteenBit
        ? `weights: ${weights} as the checkpoint ships them, run as W4A16 (${compute} activations and KV cache: ${hwPreset.id} has no 4-bit tensor cores; the stated ${stated} is not what runs)`
        : `weights: ${weights} as the checkpoint ships them (${stated} taken for the activations and KV cache; engines load quantised checkpoints as shipped)`,
    );
  // W4A16 keeps 16-bit activations, and an engine's "auto" KV cache takes the activations' type
  // (TensorRT-LLM's GPT-OSS recipe: "kv_cache_config: dtype: fp8 # Hopper: use auto").
  const kv: Precision = row.kv_cache_precision ?? (sixteenBit ? compute : defaultKvPrecision(stated));
  const model = ModelSchema.parse(
    resolvePresets({ model: { preset: modelPresetId, weight_precision: weights, kv_cache_precision: kv } }).value.model,
  );

  // Accelerators the figure covers, and the replica size.
  const mlperf = mlperfBenchmarkOf(row);
  const count = row.accelerators_count ?? undefined;
  if (count === undefined) return skip('accelerators_count is not stated: the figure cannot be tied to a deployment');
  const statedLayout = row.parallelism ?? undefined;
  const pinned = row.accelerators_per_replica ?? pinnedAccelerators(statedLayout) ?? (statedLayout ? count : undefined);
  if (pinned !== undefined && count % pinned !== 0)
    return skip(`a replica of ${pinned} accelerators does not divide accelerators_count ${count}`);
  const severalReplicas =
    pinned === undefined && isMlperfRow(row) && (row.scenario === 'offline' || row.scenario === 'server');
  const replicaSizes = pinned !== undefined ? [pinned] : severalReplicas ? powersOfTwoDividing(count) : [count];
  let layout: ReplicaLayout =
    model.moe !== null && DATA_ATTENTION_EXPERT.test(`${row.id} ${text}`) ? 'data-attention-expert' : 'tensor';
  if (statedLayout !== undefined && pinned !== undefined) {
    const [split] = layoutsFor(pinned, statedLayout);
    if (split === undefined)
      return skip(`parallelism does not split a replica of ${pinned} accelerators as tensor × data × pipeline`);
    const problem = parallelismProblem(split, model);
    if (problem !== undefined) return skip(`parallelism.${problem.field}: ${problem.message}`);
    layout = split;
  }

  // Sequence lengths: the row's, else the MLPerf benchmark's means.
  let inputTokens = row.input_tokens ?? undefined;
  let outputTokens = row.output_tokens ?? undefined;
  if (mlperf !== undefined) {
    if (inputTokens === undefined) {
      inputTokens = mlperf.meanInputTokens;
      assumptions.push(
        `input: ${inputTokens} tokens, MLPerf ${mlperf.id} mean (derived from the dataset's per-sample counts, not published)`,
      );
    }
    if (outputTokens === undefined) {
      outputTokens = mlperf.meanOutputTokens;
      assumptions.push(`output: ${outputTokens} tokens, MLPerf ${mlperf.id} reference mean`);
    }
  }
  if (inputTokens === undefined)
    return skip('input_tokens is not stated (and the row is not from a known MLPerf benchmark)');
  const needsOutput = row.scenario === 'offline' || row.scenario === 'server';
  if (needsOutput && outputTokens === undefined)
    return skip('output_tokens is not stated (and the row is not from a known MLPerf benchmark)');

  const batch = row.batch ?? row.concurrency ?? undefined;
  if ((row.scenario === 'fixed-batch-decode' || row.scenario === 'fixed-batch-prefill') && row.batch == null)
    return skip(`${row.scenario} needs batch`);

  const longest = inputTokens + (row.scenario === 'offline' || row.scenario === 'server' ? (outputTokens ?? 0) : 0);
  if (model.context_tokens !== undefined && longest > model.context_tokens)
    return skip(
      `${longest} tokens of context is beyond the model's ${model.context_tokens}: not a measurement this model can have produced`,
    );
  const needsPositiveOutput = needsOutput && outputTokens !== undefined && outputTokens <= 0;
  if (needsPositiveOutput) return skip(`${row.scenario} needs output_tokens > 0`);
  // A closed-loop run (concurrency given, not MLPerf): the concurrency caps the batch, no limit applies.
  const closedLoop =
    row.concurrency != null &&
    mlperf === undefined &&
    row.scenario !== 'fixed-batch-decode' &&
    row.scenario !== 'fixed-batch-prefill';
  if (closedLoop)
    assumptions.push(
      `closed loop: at most ${row.concurrency} requests in flight; measured latencies compared, not met`,
    );

  let latency: LatencyLimits | undefined;
  if (row.scenario === 'server' && !closedLoop) {
    if (mlperf !== undefined)
      latency = {
        ttftMs: mlperf.ttftLimitMs,
        tpotMs: mlperf.tpotLimitMs,
        percentile: 'p99',
        source: `MLPerf ${mlperf.id} server limits (p99 TTFT ${mlperf.ttftLimitMs} ms, TPOT ${mlperf.tpotLimitMs} ms)`,
      };
    else if (row.tpot_ms != null)
      latency = {
        ttftMs: row.ttft_ms ?? undefined,
        tpotMs: row.tpot_ms,
        percentile: 'mean',
        source: `the row's measured TPOT ${row.tpot_ms} ms${row.ttft_ms != null ? ` and TTFT ${row.ttft_ms} ms` : ''}`,
      };
    else return skip('server row without latency limits: not a known MLPerf benchmark and no tpot_ms to meet');
    assumptions.push(`latency: ${latency.source}`);
  }

  const cache = row.prefix_cache ?? undefined;
  if (cache !== undefined && (row.scenario === 'fixed-batch-decode' || row.scenario === 'fixed-batch-prefill'))
    return skip(`prefix_cache on a ${row.scenario} row: a fixed step has no prompts arriving to find it`);
  if (cache?.shared_prefix_tokens !== undefined && cache.shared_prefix_tokens >= inputTokens)
    return skip(
      `prefix_cache.shared_prefix_tokens ${cache.shared_prefix_tokens} is not below input_tokens ${inputTokens}`,
    );
  const prompts = workloadOf({
    traffic: {
      requests_per_day: 1,
      peak_to_average: 1,
      input_tokens: inputTokens,
      output_tokens: Math.max(1, outputTokens ?? 1),
      ...(cache === undefined ? {} : { prefix_cache: cache }),
    },
    reasoning: { compression: 0, levels: { none: { share: 1, thinking_tokens: 0 } } },
  });
  if (cache !== undefined)
    assumptions.push(
      `prefix cache: ${+(inputTokens - prompts.prefillTokens).toPrecision(4)} of ${inputTokens} prompt tokens found cached on average`,
    );
  const speculative = speculativeOf(row, model);
  if (typeof speculative === 'string') return skip(speculative);
  if (speculative !== undefined)
    assumptions.push(
      `speculative: ${speculative.setting.method}, ${speculative.setting.draft_tokens} draft tokens, ${+speculative.accepted.toPrecision(3)} tokens per target step` +
        (speculative.setting.accepted_tokens_per_step !== undefined
          ? ' (measured)'
          : speculative.setting.acceptance_rate !== undefined
            ? ` (acceptance ${speculative.setting.acceptance_rate} per draft token)`
            : " (the method's default acceptance, core/speculative.ts)"),
    );

  const measured = measuredPerAccelerator(row, count);
  if (measured === undefined)
    return skip(
      row.scenario === 'fixed-batch-prefill'
        ? 'no measured figure: give throughput_per_accelerator_tokens_per_s (prompt tokens/s) or ttft_ms'
        : 'no measured figure: give throughput_output_tokens_per_s or throughput_per_accelerator_tokens_per_s',
    );

  return {
    ok: true,
    case: {
      id: row.id,
      kind: row.scenario,
      family: familyOfName(modelPresetId),
      modelPreset: modelPresetId,
      accelerator: hwPreset.id,
      model,
      hardware,
      computePrecision: compute,
      accelerators: count,
      replicaSizes,
      replicaChosen: severalReplicas,
      inputTokens,
      outputTokens: outputTokens ?? 1,
      batch: closedLoop ? (row.batch ?? row.concurrency ?? undefined) : batch,
      closedLoop,
      layout,
      measuredTtftMs: row.ttft_ms ?? undefined,
      measuredTpotMs: row.tpot_ms ?? undefined,
      latency,
      mlperf,
      measuredTokensPerSPerAccelerator: measured,
      prompts,
      speculative,
      assumptions,
    },
  };
}
