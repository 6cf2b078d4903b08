/**
 * Speculative decoding (serving.speculative; docs/methodology.md §4,
 * "Speculative decoding"): a cheap drafter proposes `draft_tokens` tokens per
 * sequence, and one target step verifies them all at once, keeping the
 * accepted prefix plus one token of its own.
 *
 * - Tokens per target step: with per-token acceptance a and k draft tokens,
 *   E = (1 − a^(k+1)) / (1 − a) (Leviathan, Kalman, Matias, "Fast Inference
 *   from Transformers via Speculative Decoding", ICML 2023, eq. 1), or the
 *   measured accepted length given directly.
 * - The verify step is a target forward over batch × (k + 1) positions: the
 *   weights read once, GEMM rows and attention FLOPs × (k + 1), each
 *   sequence's KV cache read once.
 * - The drafter: an MTP module or an EAGLE head is one transformer layer of the
 *   target's shape, run once per draft token (DeepSeek-V3 report,
 *   arXiv:2412.19437, §2.2: one MTP module of one layer; EAGLE, Li et al.,
 *   arXiv:2401.15077: a one-layer head on the target's features); a draft
 *   model runs its own decode step per draft token; n-gram lookup costs no
 *   accelerator time.
 *
 * At small batch a step is bound by its weights, so verifying k + 1 positions
 * costs little more than one and the accepted tokens come nearly free; at
 * large batch the step is bound by its arithmetic, which grows k + 1 times, and
 * the saving shrinks or turns into a loss: the crossover follows from the
 * operators, nothing is fitted.
 */
import type { Model, Scenario } from '../scenario/schema.js';
import { splitParameters, type ParameterSplit } from './experts.js';
import type { ReplicaRates } from './replica.js';
import { decodeStep, verifyStep, type StepBreakdown, type StepTime } from './steps.js';

export type Speculative = NonNullable<Scenario['serving']['speculative']>;

/**
 * Per-token acceptance rates by method where a published figure exists.
 * mtp 0.85: DeepSeek-V3 technical report (arXiv:2412.19437) §5.4.3, "the
 * acceptance rate of the second token prediction ranges between 85% and 90%"
 * (the lower end). Other methods depend on the draft and the data: a scenario
 * gives its own (acceptance_rate or accepted_tokens_per_step).
 */
export const DEFAULT_ACCEPTANCE: Readonly<Partial<Record<Speculative['method'], number>>> = { mtp: 0.85 };

/** Expected tokens a target step yields: (1 − a^(k+1)) / (1 − a), or k + 1 at a = 1. */
export function tokensPerStep(acceptance: number, draftTokens: number): number {
  if (acceptance >= 1) return draftTokens + 1;
  return (1 - acceptance ** (draftTokens + 1)) / (1 - acceptance);
}

/** The accepted length a scenario's settings give (tokens per target step), or undefined when none is known. */
export function acceptedLength(s: Speculative): number | undefined {
  if (s.accepted_tokens_per_step !== undefined) return s.accepted_tokens_per_step;
  const a = s.acceptance_rate ?? DEFAULT_ACCEPTANCE[s.method];
  return a === undefined ? undefined : tokensPerStep(a, s.draft_tokens);
}

/**
 * A model of one layer of `model`'s shape: what an MTP module or an EAGLE head
 * costs per draft token (of an MoE model, one MoE layer: DeepSeek-V3's MTP
 * module is one, arXiv:2412.19437 §2.2).
 */
function oneLayerOf(model: Model): Model {
  const perLayer = 1 / model.layers;
  return {
    ...model,
    moe: model.moe === null ? null : { ...model.moe, layers: 1 },
    layers: 1,
    total_params_b: model.total_params_b * perLayer,
    active_params_b: model.active_params_b * perLayer,
  };
}

export interface SpeculativeStep {
  /** One target step with its drafting: verify + k draft steps. */
  readonly step: StepTime;
  readonly verifyS: number;
  readonly draftS: number;
  /** Expected tokens the step yields per sequence. */
  readonly tokensPerStep: number;
}

const addBreakdowns = (a: StepBreakdown, b: StepBreakdown): StepBreakdown => ({
  weightsS: a.weightsS + b.weightsS,
  kvCacheS: a.kvCacheS + b.kvCacheS,
  activationsS: a.activationsS + b.activationsS,
  computeS: a.computeS + b.computeS,
  communicationS: a.communicationS + b.communicationS,
  fixedS: a.fixedS + b.fixedS,
});

/** The drafter's model on this replica: one layer of the target (mtp, eagle), the draft model, or none (ngram). */
export function drafterOf(s: Speculative, target: Model, draftModel: Model | undefined): Model | undefined {
  if (s.method === 'ngram') return undefined;
  if (s.method === 'draft_model') return draftModel;
  return oneLayerOf(target);
}

/** One speculative step for `batch` sequences at `contextTokens`, and what it yields. */
export function speculativeStep(
  model: Model,
  split: ParameterSplit,
  rates: ReplicaRates,
  batch: number,
  contextTokens: number,
  s: Speculative,
  drafter: Model | undefined,
  accepted: number,
): SpeculativeStep {
  const verify = verifyStep(model, split, rates, batch, contextTokens, s.draft_tokens + 1);
  let step = verify;
  let draftS = 0;
  if (drafter !== undefined) {
    const d = decodeStep(drafter, splitParameters(drafter), rates, batch, contextTokens);
    const k = s.draft_tokens;
    draftS = k * d.seconds;
    const breakdown = addBreakdowns(verify.breakdown, {
      weightsS: k * d.breakdown.weightsS,
      kvCacheS: k * d.breakdown.kvCacheS,
      activationsS: k * d.breakdown.activationsS,
      computeS: k * d.breakdown.computeS,
      communicationS: k * d.breakdown.communicationS,
      fixedS: k * d.breakdown.fixedS,
    });
    step = {
      seconds: verify.seconds + draftS,
      intervalS: verify.seconds + draftS,
      bound: verify.bound,
      bytes: verify.bytes + k * d.bytes,
      flops: verify.flops + k * d.flops,
      breakdown,
    };
  }
  return { step, verifyS: verify.seconds, draftS, tokensPerStep: accepted };
}
