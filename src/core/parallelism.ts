/**
 * How a replica splits the model over its accelerators (docs/methodology.md
 * §3, "Parallelism"): `pipeline` stages, each holding layers/pipeline of the
 * layers on tensor × data accelerators. Within a stage:
 * - attention and the always-active weights run as `data` groups of `tensor`
 *   accelerators each: each group holds a copy of them split tensor-parallel
 *   (Megatron; Shoeybi et al., arXiv:1909.08053) and serves its own share of
 *   the requests (attention data parallelism; SGLang `--enable-dp-attention`,
 *   TensorRT-LLM "attention DP");
 * - the routed experts are spread over `expert` ranks (expert parallelism),
 *   each rank's experts split tensor-parallel over tensor × data / expert
 *   accelerators. `expert` 1 with `data` 1 is plain tensor parallelism.
 * TensorRT-LLM's "TP8" is { tensor: 8 }; its "DEP8" (and SGLang's `--tp 8
 * --dp 8 --enable-dp-attention --ep 8`) is { data: 8, expert: 8 }; vLLM's
 * `--tensor-parallel-size 8 --enable-expert-parallel` is { tensor: 8,
 * expert: 8 }.
 */
import type { Model } from '../scenario/schema.js';

export interface Parallelism {
  readonly tensor: number;
  readonly expert: number;
  readonly data: number;
  readonly pipeline: number;
}

/** What a scenario may pin (serving.parallelism); an absent field is chosen by the calculator. */
export type PinnedParallelism = { readonly [K in keyof Parallelism]?: number | undefined };

/** Accelerators of a replica: tensor × data × pipeline. */
export function acceleratorsOf(p: Parallelism): number {
  return p.tensor * p.data * p.pipeline;
}

/** Accelerators of one pipeline stage: tensor × data. */
export function stageAcceleratorsOf(p: Parallelism): number {
  return p.tensor * p.data;
}

/** Every layer split across all `n` accelerators (what 0.3.0 served every scenario with). */
export function tensorParallel(n: number): Parallelism {
  return { tensor: n, expert: 1, data: 1, pipeline: 1 };
}

/** Attention data-parallel over `n`, experts expert-parallel over all `n` ("DEP"). */
export function dataAttentionExpert(n: number): Parallelism {
  return { tensor: 1, expert: n, data: n, pipeline: 1 };
}

/** `TP8`, `DP8 attention + EP8`, `TP4 × PP2`: how the output names a layout. */
export function parallelismLabel(p: Parallelism): string {
  // Memoised: every evaluation labels each candidate replica, and there are few layouts.
  // A number, not a string: building a string key cost as much as the label.
  const key = layoutIndex(p) ?? `${p.tensor} ${p.expert} ${p.data} ${p.pipeline}`;
  let label = LABELS.get(key);
  if (label === undefined) {
    if (LABELS.size >= 4096) LABELS.clear();
    LABELS.set(key, (label = labelOf(p)));
  }
  return label;
}

const LABELS = new Map<number | string, string>();

/**
 * A layout as one small integer (24 bits) while every size is below 64, else undefined: the key
 * of the memos asked for every candidate of every evaluation (a small integer is hashed directly;
 * a larger number is boxed and a string built first).
 */
export function layoutIndex(p: Parallelism): number | undefined {
  const r = LAYOUT_RADIX;
  if (p.tensor >= r || p.expert >= r || p.data >= r || p.pipeline >= r) return undefined;
  return ((p.tensor * r + p.expert) * r + p.data) * r + p.pipeline;
}
const LAYOUT_RADIX = 64;

function labelOf(p: Parallelism): string {
  const parts = [p.data > 1 ? `DP${p.data} attention` : `TP${p.tensor}`];
  if (p.data > 1 && p.tensor > 1) parts[0] = `TP${p.tensor} × DP${p.data} attention`;
  if (p.expert > 1) parts.push(`EP${p.expert}`);
  let label = parts.join(' + ');
  if (p.pipeline > 1) label += ` × PP${p.pipeline}`;
  return label;
}

/**
 * Why a layout cannot serve this model, with what would (undefined: it can).
 * `field` is the serving.parallelism key the problem is about. An expert
 * count that does not divide the experts is allowed: engines fill the ranks
 * with redundant copies of busy experts (SGLang `--ep-num-redundant-experts`,
 * DeepSeek's EPLB: 288 slots for 256 experts at EP 32/36), priced as evenly
 * spread.
 */
export function parallelismProblem(
  p: Parallelism,
  model: Model,
): { field: keyof Parallelism; message: string } | undefined {
  const experts = model.moe?.experts ?? 0;
  const stage = stageAcceleratorsOf(p);
  if (experts === 0 && p.expert > 1)
    return {
      field: 'expert',
      message: `expert parallelism needs a mixture-of-experts model; ${model.name ?? 'this model'} is dense: set expert to 1`,
    };
  if (experts === 0 && p.data > 1)
    return {
      field: 'data',
      message: `attention data parallelism shares the experts of a mixture-of-experts model; for a dense model ${p.data} data-parallel groups are ${p.data} replicas: set data to 1 (the fleet adds replicas)`,
    };
  if (experts > 0 && p.expert > experts)
    return {
      field: 'expert',
      message: `expert ${p.expert} is more ranks than the model's ${experts} experts: at most ${experts}`,
    };
  if (stage % p.expert !== 0)
    return {
      field: 'expert',
      message: `expert ${p.expert} does not divide the ${stage} accelerators of a stage (tensor ${p.tensor} × data ${p.data}): use ${divisorsUpTo(stage, experts || stage).join(', ')}`,
    };
  // Tensor parallelism splits the attention heads: vLLM and SGLang refuse a size that does not divide
  // them, and KV heads must divide or be divided by it (fewer KV heads than ranks are replicated).
  const { heads, kv_heads: kvHeads } = model.attention;
  if (heads % p.tensor !== 0 || (kvHeads % p.tensor !== 0 && p.tensor % kvHeads !== 0))
    return {
      field: 'tensor',
      message: `tensor ${p.tensor} does not split the model's ${heads} attention heads (${kvHeads} KV heads) evenly: use ${divisorsUpTo(
        heads,
        Math.max(p.tensor, 8),
      )
        .filter((t) => kvHeads % t === 0 || t % kvHeads === 0)
        .join(', ')}`,
    };
  if (p.pipeline > model.layers)
    return {
      field: 'pipeline',
      message: `pipeline ${p.pipeline} is more stages than the model's ${model.layers} layers`,
    };
  return undefined;
}

function divisorsUpTo(n: number, max: number): number[] {
  const out: number[] = [];
  for (let k = 1; k <= Math.min(n, max); k++) if (n % k === 0) out.push(k);
  return out;
}

/**
 * The layouts to try for a replica of `n` accelerators, honouring what the
 * scenario pins. Tensor or data pinned fixes the stage (the other one is 1
 * when absent); with only expert or pipeline pinned, the stage is
 * tensor-parallel. Expert, when absent, is the stage's accelerators when
 * attention is data-parallel, else 1; pipeline is 1. With nothing pinned the
 * replica is tensor-parallel, as in 0.3.0: on the published rows the
 * calculator is more optimistic about attention-DP + EP layouts (median
 * +26% on the 14 DEP rows, +2% on the 37 tensor-parallel MoE rows), so choosing
 * between them by its own figures would favour DEP for the wrong reason
 * (docs/methodology.md §3, "Parallelism"). `{ data: n }` asks for DEP.
 */
export function layoutsFor(n: number, pinned: PinnedParallelism | undefined): Parallelism[] {
  if (pinned === undefined || Object.keys(pinned).length === 0) return [tensorParallel(n)];
  const pipeline = pinned.pipeline ?? 1;
  const stage = n / pipeline;
  const fixed = pinned.tensor !== undefined || pinned.data !== undefined;
  const tensor = fixed ? (pinned.tensor ?? 1) : stage;
  const data = fixed ? (pinned.data ?? 1) : 1;
  if (!Number.isInteger(stage) || tensor * data !== stage) return [];
  return [{ tensor, expert: pinned.expert ?? (data > 1 ? stage : 1), data, pipeline }];
}

/** The accelerators a pinned layout fixes (tensor or data given), if it does. */
export function pinnedAccelerators(pinned: PinnedParallelism | undefined): number | undefined {
  if (pinned?.tensor === undefined && pinned?.data === undefined) return undefined;
  return (pinned.tensor ?? 1) * (pinned.data ?? 1) * (pinned.pipeline ?? 1);
}
