/**
 * The scenario format's rules across fields, as plain functions: schema.ts
 * attaches them to its zod schemas (`.refine`, `.superRefine`), and the
 * validator generated from those schemas (scenario-check.ts, written by
 * scripts/scenario-check.mjs) calls the same functions without loading zod.
 * A rule reports each problem through `ctx.addIssue`; the generated validator
 * only asks whether it reported any.
 */
import { LOGNORMAL_MAX_P90_OVER_MEAN, meanOf, type TokenCount, type TokensDistribution } from '../core/lengths.js';
import { PERCENTILES, percentileOrderProblems, type PercentileLimitsGiven } from './percentiles.js';

/** Where a rule reports a problem: zod's refinement context, or the generated validator's. */
export interface IssueSink {
  addIssue(issue: { code: 'custom'; path: (string | number)[]; message: string }): void;
}

/** Tolerance on the sum of shares (floating-point input like 0.1 + 0.2 + 0.7). */
export const SHARE_SUM_TOLERANCE = 1e-6;

// What each rule reads of its (already parsed) value: written out here, as schema.ts imports this module.
interface AttentionInput {
  readonly type: 'mha' | 'gqa' | 'mla';
  readonly heads: number;
  readonly kv_heads: number;
  readonly kv_lora_rank?: number | null | undefined;
  readonly qk_rope_head_dim?: number | null | undefined;
  readonly sliding_window_layers?: number | undefined;
  readonly sliding_window_tokens?: number | undefined;
}
interface ModelInput {
  readonly layers: number;
  readonly total_params_b: number;
  readonly active_params_b: number;
  readonly attention: { readonly sliding_window_layers?: number | undefined };
  readonly moe: { readonly layers?: number | undefined } | null;
}
interface ReasoningInput {
  readonly levels: Readonly<Record<string, { readonly share: number } | undefined>>;
}
interface PrefixCacheInput {
  readonly shared_prefix_tokens?: number | undefined;
  readonly hit_rate?: number | undefined;
  readonly cached_input_share?: number | undefined;
}
interface TrafficInput {
  readonly input_tokens: TokenCount;
  readonly daily_profile?: readonly number[] | undefined;
  readonly prefix_cache?: { readonly shared_prefix_tokens?: number | undefined } | undefined;
}

/** A name shows inside one line of every output: no line break in it. */
export function isOneLine(s: string): boolean {
  return !/[\r\n\u2028\u2029]/.test(s);
}

/** A token is routed to fewer experts than the layer has. */
export function hasFewerExpertsPerToken(m: { readonly experts: number; readonly experts_per_token: number }): boolean {
  return m.experts_per_token < m.experts;
}

/** MLA needs its latent and RoPE dims; a sliding window takes both of its fields; GQA/MHA head counts divide. */
export function attentionRules(a: AttentionInput, ctx: IssueSink): void {
  if (a.type === 'mla') {
    if (a.kv_lora_rank == null)
      ctx.addIssue({
        code: 'custom',
        path: ['kv_lora_rank'],
        message: 'expected a positive integer: MLA attention caches a latent of this rank',
      });
    if (a.qk_rope_head_dim == null)
      ctx.addIssue({
        code: 'custom',
        path: ['qk_rope_head_dim'],
        message: 'expected a positive integer: MLA attention caches a RoPE key of this dimension',
      });
  }
  if ((a.sliding_window_layers === undefined) !== (a.sliding_window_tokens === undefined))
    ctx.addIssue({
      code: 'custom',
      path: [a.sliding_window_layers === undefined ? 'sliding_window_layers' : 'sliding_window_tokens'],
      message: 'expected sliding_window_layers and sliding_window_tokens together (or neither)',
    });
  if (a.type !== 'mla') {
    if (a.kv_heads > a.heads)
      ctx.addIssue({
        code: 'custom',
        path: ['kv_heads'],
        message: `expected at most heads (${a.heads}), got ${a.kv_heads}`,
      });
    else if (a.heads % a.kv_heads !== 0)
      ctx.addIssue({
        code: 'custom',
        path: ['kv_heads'],
        message: `expected a divisor of heads (${a.heads}), got ${a.kv_heads}`,
      });
    if (a.type === 'mha' && a.kv_heads !== a.heads)
      ctx.addIssue({
        code: 'custom',
        path: ['kv_heads'],
        message: `expected kv_heads = heads (${a.heads}) for mha; use type: gqa for fewer KV heads`,
      });
  }
}

/** Layer counts within the model's layers; active parameters at most the total (all of them for a dense model, fewer for a MoE). */
export function modelRules(m: ModelInput, ctx: IssueSink): void {
  const window = m.attention.sliding_window_layers;
  if (window !== undefined && window > m.layers)
    ctx.addIssue({
      code: 'custom',
      path: ['attention', 'sliding_window_layers'],
      message: `expected at most layers (${m.layers}), got ${window}`,
    });
  if (m.moe !== null && m.moe.layers !== undefined && m.moe.layers > m.layers)
    ctx.addIssue({
      code: 'custom',
      path: ['moe', 'layers'],
      message: `expected at most layers (${m.layers}), got ${m.moe.layers}`,
    });
  if (m.active_params_b > m.total_params_b)
    ctx.addIssue({
      code: 'custom',
      path: ['active_params_b'],
      message: `expected at most total_params_b (${m.total_params_b}), got ${m.active_params_b}`,
    });
  if (m.moe === null && m.active_params_b !== m.total_params_b)
    ctx.addIssue({
      code: 'custom',
      path: ['active_params_b'],
      message: `a dense model (moe: null) uses every parameter per token: expected ${m.total_params_b}, got ${m.active_params_b}; add a moe block for a mixture of experts`,
    });
  if (m.moe !== null && m.active_params_b >= m.total_params_b)
    ctx.addIssue({
      code: 'custom',
      path: ['active_params_b'],
      message: `a mixture-of-experts model activates fewer parameters than it holds: expected less than ${m.total_params_b}`,
    });
}

/** At least one percentile, each at least the one below it. */
export function percentileLimitRules(l: PercentileLimitsGiven, ctx: IssueSink): void {
  if (PERCENTILES.every((k) => l[k] === undefined))
    ctx.addIssue({ code: 'custom', path: [], message: 'expected at least one of p50, p90, p95, p99 (ms)' });
  for (const { key, message } of percentileOrderProblems(l)) ctx.addIssue({ code: 'custom', path: [key], message });
}

/** max_replicas at least min_replicas. */
export function autoscalingRules(
  a: { readonly min_replicas: number; readonly max_replicas?: number | undefined },
  ctx: IssueSink,
): void {
  if (a.max_replicas !== undefined && a.max_replicas < a.min_replicas)
    ctx.addIssue({
      code: 'custom',
      path: ['max_replicas'],
      message: `expected at least min_replicas (${a.min_replicas}), got ${a.max_replicas}`,
    });
}

/** Buckets (summing to 1) or a distribution, with the fields that distribution takes. */
export function distributionRules(d: TokensDistribution, ctx: IssueSink): void {
  const issue = (path: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: path === '' ? [] : [path], message });
  if (d.buckets !== undefined) {
    if (d.distribution !== undefined)
      issue('distribution', 'expected either buckets (a histogram) or a distribution, not both');
    const sum = d.buckets.reduce((a, [, share]) => a + share, 0);
    if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE)
      issue('buckets', `expected the buckets' shares to sum to 1, got ${+sum.toPrecision(12)}`);
    return;
  }
  if (d.distribution === undefined) {
    issue('', 'expected distribution: lognormal (mean, p90) or uniform (min, max), or buckets: [[tokens, share], ...]');
    return;
  }
  if (d.distribution === 'lognormal') {
    if (d.mean === undefined) issue('mean', 'expected mean (tokens) for a lognormal');
    if (d.p90 === undefined) issue('p90', 'expected p90 (tokens) for a lognormal');
    if (d.mean !== undefined && d.p90 !== undefined) {
      if (d.p90 <= d.mean)
        issue(
          'p90',
          `expected p90 above the mean (${d.mean}): a lognormal's p90 lies above its mean unless its tail is extreme, got ${d.p90}`,
        );
      else if (d.p90 > d.mean * LOGNORMAL_MAX_P90_OVER_MEAN)
        issue(
          'p90',
          `expected p90 at most ${+LOGNORMAL_MAX_P90_OVER_MEAN.toPrecision(4)}× the mean (${+(d.mean * LOGNORMAL_MAX_P90_OVER_MEAN).toPrecision(6)}): no lognormal with mean ${d.mean} has a p90 of ${d.p90} (use buckets)`,
        );
    }
    for (const k of ['min', 'max'] as const)
      if (d[k] !== undefined) issue(k, `a lognormal takes mean and p90, not ${k}`);
  } else {
    if (d.min === undefined) issue('min', 'expected min (tokens) for a uniform');
    if (d.max === undefined) issue('max', 'expected max (tokens) for a uniform');
    if (d.min !== undefined && d.max !== undefined && d.max < d.min)
      issue('max', `expected max at least min (${d.min}), got ${d.max}`);
    for (const k of ['mean', 'p90'] as const) if (d[k] !== undefined) issue(k, `a uniform takes min and max, not ${k}`);
  }
}

/** A request's prompt or answer: at least one token, also at a uniform's minimum. */
export function requestLengthRules(d: { readonly min?: number | undefined }, ctx: IssueSink): void {
  if (d.min !== undefined && d.min < 1)
    ctx.addIssue({
      code: 'custom',
      path: ['min'],
      message: `expected at least 1 token (a request has a prompt and an answer), got ${d.min}`,
    });
}

/** At least one level, the shares summing to 1. */
export function reasoningRules(r: ReasoningInput, ctx: IssueSink): void {
  const levels = Object.values(r.levels).filter((l) => l !== undefined);
  if (levels.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['levels'], message: 'expected at least one of none, medium, high' });
    return;
  }
  const sum = levels.reduce((s, l) => s + l.share, 0);
  if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE)
    ctx.addIssue({
      code: 'custom',
      path: ['levels'],
      message: `expected the shares to sum to 1, got ${+sum.toPrecision(12)}`,
    });
}

/** A shared prefix with its hit rate, or a cached share of each prompt: one of the two. */
export function prefixCacheRules(c: PrefixCacheInput, ctx: IssueSink): void {
  const shared = c.shared_prefix_tokens !== undefined || c.hit_rate !== undefined;
  if (shared && c.cached_input_share !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['cached_input_share'],
      message:
        'expected either shared_prefix_tokens with hit_rate (a prefix all requests share) or cached_input_share (each request its own), not both',
    });
  else if (c.shared_prefix_tokens !== undefined && c.hit_rate === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['hit_rate'],
      message: 'expected hit_rate with shared_prefix_tokens: the share of requests (0-1) that find the prefix cached',
    });
  else if (c.hit_rate !== undefined && c.shared_prefix_tokens === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['shared_prefix_tokens'],
      message: 'expected shared_prefix_tokens with hit_rate: the prompt tokens every request shares',
    });
  else if (!shared && c.cached_input_share === undefined)
    ctx.addIssue({
      code: 'custom',
      path: [],
      message:
        'expected shared_prefix_tokens with hit_rate (a prefix all requests share) or cached_input_share (each request its own)',
    });
}

/** Gamma gaps need their cv; Poisson has none (or 1). */
export function arrivalRules(
  a: { readonly process: 'poisson' | 'gamma'; readonly cv?: number | undefined },
  ctx: IssueSink,
): void {
  if (a.process === 'gamma' && a.cv === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['cv'],
      message: "expected cv with process gamma: the gaps' coefficient of variation (1 = Poisson)",
    });
  if (a.process === 'poisson' && a.cv !== undefined && a.cv !== 1)
    ctx.addIssue({
      code: 'custom',
      path: ['cv'],
      message: `expected no cv (or 1) with process poisson, got ${a.cv}: use process gamma for other variation`,
    });
}

/** 24 hourly shares summing to 1; a shared prefix shorter than the prompts. */
export function trafficRules(t: TrafficInput, ctx: IssueSink): void {
  const profile = t.daily_profile;
  if (profile !== undefined) {
    if (profile.length !== 24)
      ctx.addIssue({
        code: 'custom',
        path: ['daily_profile'],
        message: `expected 24 hourly shares (hours 0-23), got ${profile.length}`,
      });
    const sum = profile.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE)
      ctx.addIssue({
        code: 'custom',
        path: ['daily_profile'],
        message: `expected the hourly shares to sum to 1, got ${+sum.toPrecision(12)}`,
      });
  }
  const shared = t.prefix_cache?.shared_prefix_tokens;
  if (shared !== undefined && shared >= meanOf(t.input_tokens))
    ctx.addIssue({
      code: 'custom',
      path: ['prefix_cache', 'shared_prefix_tokens'],
      message: `expected fewer than input_tokens (${+meanOf(t.input_tokens).toPrecision(6)}${typeof t.input_tokens === 'number' ? '' : ' on average'}): every prompt prefills at least its own tokens, got ${shared}`,
    });
}
