/**
 * The savings waterfall in words: core/explain.ts returns what each step
 * changed as numbers; this is the one place they become sentences (with their
 * rounding), so every format says the same thing. JSON carries both.
 */
import type { ExplainResult, StepFacts, WaterfallStep } from '../core/explain.js';
import { isMemoryBound } from '../core/steps.js';
import { formatMultiple, formatUsd } from './numbers.js';

/** A ratio in words: 3.2× up, 1/3.2 down, 1× for no change; 0× for a part that went away, — for none to compare. */
const x = (r: number) =>
  !Number.isFinite(r) || r < 0
    ? '—'
    : r === 0
      ? '0×'
      : Math.abs(r - 1) < 5e-4
        ? '1×'
        : r > 1
          ? `${formatMultiple(r)}×`
          : `1/${formatMultiple(1 / r)}`;

export interface StepWords {
  readonly label: string;
  /** What changes: "dense 119B → MoE 6B active of 119B". */
  readonly change: string;
  /** What the headline ratio is a ratio of. */
  readonly headlineBasis: string;
  /** Why the modelled ratio differs from the headline, from the model's own numbers. */
  readonly why: string;
}

function modelWhy(f: Extract<StepFacts, { kind: 'model' }>, headline: number): string {
  const m = f.moe;
  if (m === null) return 'the model changes size and shape; see the replica and batch it gets';
  // What does change: the parts of the dense baseline's time that scale with FLOPs (compute-bound
  // GEMMs, prefill) fall with the active parameters; the weight bytes read per token barely do.
  const whatChanges =
    m.baselineDecodeBound === 'compute'
      ? `the dense baseline's decode was compute-bound (the compute-bound part of a decode step per token is now ${x(m.decodeComputePerTokenRatio)} of it), and prefill time per prompt token changes ${x(m.prefillTimePerTokenRatio)}`
      : `what does change is the compute: prefill time per prompt token changes ${x(m.prefillTimePerTokenRatio)}${
          Number.isFinite(m.decodeComputePerTokenRatio)
            ? `, and the decode step's compute part ${x(m.decodeComputePerTokenRatio)} per token`
            : ' (the decode step has no compute-bound part before or after)'
        }`;
  return (
    `FLOPs per token fall ${x(headline)}, but decode is ${m.decodeBound}-bound and at batch ${m.batch} ` +
    `a step touches ${m.expertsTouchedPerLayer.toFixed(1)} of ${m.experts} experts per layer, so weight bytes read per output token change only ` +
    `${x(m.weightBytesPerTokenRatio)}; ${whatChanges}; and every expert stays resident (${(m.weightsBytes / 1e9).toFixed(0)} GB of weights ` +
    `on ${m.acceleratorsPerReplica} accelerators per replica)`
  );
}

function hardwareWhy(f: Extract<StepFacts, { kind: 'hardware' }>, headline: number): string {
  const bw = f.pricePerBandwidthRatio;
  if (f.bounds === null) return `price per FLOP/s changes ${x(headline)}, per unit of bandwidth ${x(bw)}`;
  const { decode, prefill } = f.bounds;
  if (isMemoryBound(decode))
    return (
      `decode is memory-bandwidth-bound (${decode}): it gains with price per unit of memory bandwidth (${x(bw)}) ` +
      `and with fewer bytes per weight, not with price per FLOP/s (${x(headline)}) alone; prefill is ${prefill}-bound`
    );
  if (decode === 'compute')
    return (
      `decode is compute-bound: it gains with price per FLOP/s at the arithmetic precision (${x(headline)}), ` +
      `not with price per unit of memory bandwidth (${x(bw)}); prefill is ${prefill}-bound`
    );
  return (
    `decode is ${decode}-bound (${decode === 'fixed' ? 'per-layer kernel and launch costs' : 'tensor-parallel all-reduces'}): ` +
    `neither price per FLOP/s (${x(headline)}) nor per unit of memory bandwidth (${x(bw)}) moves it much; a larger batch or fewer accelerators per replica would; prefill is ${prefill}-bound`
  );
}

/** One step in words. */
export function stepWords(step: Pick<WaterfallStep, 'facts' | 'headlineRatio'>): StepWords {
  const f = step.facts;
  switch (f.kind) {
    case 'model':
      return {
        label: f.becomesMoe ? 'MoE active parameters' : 'model',
        change: `${f.from.name ?? 'baseline model'} (${f.from.activeParamsB}B active) → ${f.to.name ?? 'model'} (${f.to.activeParamsB}B active of ${f.to.totalParamsB}B)`,
        headlineBasis: 'active parameters per token',
        why: modelWhy(f, step.headlineRatio),
      };
    case 'reasoning-mix':
      return {
        label: 'reasoning mix',
        change: `every request at "${f.topLevel}" → the scenario's mix`,
        headlineBasis: 'output tokens per request (before compression)',
        why:
          f.outputTokens === null
            ? 'output tokens per query change; the prompt is prefilled either way'
            : `output tokens per query go from ${f.outputTokens.before.toFixed(0)} to ${f.outputTokens.after.toFixed(0)}, while the ${f.inputTokens}-token prompt is prefilled either way`,
      };
    case 'compression':
      return {
        label: 'token compression',
        change: `compression ${f.from} → ${f.to} of thinking tokens`,
        headlineBasis: 'thinking tokens',
        why:
          f.outputTokens === null
            ? 'it removes thinking tokens only; the prompt and the answer are unchanged'
            : `it removes thinking tokens only: output per query goes from ${f.outputTokens.before.toFixed(0)} to ${f.outputTokens.after.toFixed(0)} tokens (${x(f.outputTokens.after / f.outputTokens.before)}); the prompt and the answer are unchanged`,
      };
    case 'hardware': {
      const [fromPrice, toPrice] = pricedAt(f);
      return {
        label: 'hardware and precision',
        change: `${f.from.name ?? 'baseline'} at ${f.from.precision}${fromPrice} → ${f.to.name ?? 'hardware'} at ${f.to.precision}${toPrice}`,
        headlineBasis: 'price per peak FLOP/s',
        why: hardwareWhy(f, step.headlineRatio),
      };
    }
    case 'speculative': {
      const m = f.simulated;
      return {
        label: 'speculative decoding',
        change: `one token a step → ${f.method} with ${f.draftTokens} draft token${f.draftTokens === 1 ? '' : 's'}`,
        headlineBasis: 'target steps per output token (1 / accepted length)',
        why:
          m === null
            ? 'each target step verifies the drafts and keeps the accepted ones'
            : `each step yields ${m.acceptedTokensPerStep.toPrecision(3)} tokens per sequence for a verify of ${(m.verifyStepS * 1000).toPrecision(3)} ms and ${(m.draftS * 1000).toPrecision(3)} ms of drafting at batch ${m.batch}, against a plain step of ${(m.plainStepS * 1000).toPrecision(3)} ms at batch ${m.plainBatch}: a verify over more positions reads the same weights (more experts, for a mixture of experts) and does (k + 1)× the arithmetic, so it pays while steps are bound by their weights`,
      };
    }
    case 'prefix-cache': {
      const t = f.timeToFirstTokenS;
      return {
        label: 'prefix caching',
        change: `every prompt prefilled → ${(f.cachedShare * 100).toPrecision(3)}% of prompt tokens found cached${f.sharedPrefixTokens > 0 ? ` (a shared ${f.sharedPrefixTokens}-token prefix)` : ''}`,
        headlineBasis: 'prompt tokens still prefilled',
        why:
          (t === null
            ? 'cached tokens skip prefill but are still attended to'
            : `cached tokens skip prefill but are still attended to: time to first token ${(t.before * 1000).toPrecision(3)} → ${(t.after * 1000).toPrecision(3)} ms`) +
          (f.sharedPrefixTokens > 0
            ? '; the shared prefix is held once in the KV cache, so more sequences fit (each still reads it)'
            : '; each decode step still reads its whole context'),
      };
    }
    case 'disaggregation':
      return {
        label: 'disaggregated prefill/decode',
        change:
          f.pools === null
            ? 'one replica serving both phases → separate prefill and decode pools'
            : `one replica serving both phases → prefill on ${f.pools.prefill.accelerators} × ${f.pools.prefill.hardware} (${f.pools.prefill.layout}), decode on ${f.pools.decode.accelerators} × ${f.pools.decode.hardware} (${f.pools.decode.layout})`,
        headlineBasis: 'no published headline (taken as 1×)',
        why:
          f.pools === null
            ? 'each pool is sized for its own phase'
            : `each pool is sized for its own phase: decode steps no longer wait for prompts, prefill runs packed passes on its own layout; each prompt's KV cache crosses the ${f.pools.link === 'scale-up' ? 'scale-up link' : 'scale-out network'} (${(f.pools.kvTransferS * 1000).toPrecision(3)} ms of its time to first token), with ${f.pools.prefillPerDecodeAccelerator.toPrecision(3)} prefill accelerators per decode accelerator`,
      };
    case 'extra':
      return {
        label: f.name ?? 'extra factor',
        change: `${f.phase} time × ${f.timeRatio} (ASSUMPTION${f.source ? `: ${f.source}` : ''})`,
        headlineBasis: `${f.phase} time`,
        why: f.bothSimulated
          ? `applied to ${f.phase} time only; ${f.phase === 'decode' ? 'a faster step also lets a latency SLO admit a larger batch' : 'the other phase is unchanged'}`
          : 'applied to one phase only',
      };
  }
}

/** The baseline in words. */
export function baselineWords(b: ExplainResult['baseline']): string {
  return `${b.model ?? 'model'} at ${b.precision} on ${b.hardware ?? 'baseline hardware'}, every request at the highest reasoning level of the mix, compression ${b.compression}`;
}

/** Naive vs modelled, in words. */
export function summaryWords(e: ExplainResult): string {
  const naive = e.naiveCompoundRatio;
  const modelled = e.modelledCompoundRatio;
  if (modelled === null)
    return `the baseline could not be simulated (${e.baseline.infeasible}); multiplying the headline ratios would predict ${x(naive)}`;
  return (
    `multiplying the headline ratios predicts ${x(naive)} the baseline cost; the model predicts ${x(modelled)}. ` +
    (Math.abs(modelled / naive - 1) < 5e-4
      ? 'Here the headline ratios multiply out to what the model finds.'
      : modelled > naive
        ? 'The factors overlap: each acts on a different phase or bottleneck, so no single one scales the whole cost.'
        : 'The model finds more than the headline ratios: a larger batch or a better-fitting replica compounds with the factors.')
  );
}

/** A waterfall with its words beside its facts: what every renderer reads, and what JSON writes. */
export type WordedExplanation = Omit<ExplainResult, 'baseline' | 'steps'> & {
  readonly baseline: ExplainResult['baseline'] & { readonly description: string };
  readonly steps: readonly (WaterfallStep & StepWords)[];
  readonly summary: string;
};

export function worded(e: ExplainResult): WordedExplanation {
  return {
    ...e,
    baseline: { ...e.baseline, description: baselineWords(e.baseline) },
    steps: e.steps.map((s) => ({ ...s, ...stepWords(s) })),
    summary: summaryWords(e),
  };
}

/** ", $2.95/h" on each side of a hardware step whose price changes (a price the scenario sets), else nothing. */
function pricedAt(f: {
  readonly from: { readonly priceUsdPerHour: number | null };
  readonly to: { readonly priceUsdPerHour: number | null };
}): [string, string] {
  const a = f.from.priceUsdPerHour;
  const b = f.to.priceUsdPerHour;
  if (a === null || b === null || a === b) return ['', ''];
  return [`, ${formatUsd(a)}/h`, `, ${formatUsd(b)}/h`];
}
