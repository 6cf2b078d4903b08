/**
 * The calculator's output: a plain, versioned object every format renders.
 * CI jobs and analysts parse its JSON form, so a breaking change to its shape
 * bumps RESULT_SCHEMA_VERSION.
 */
import type { PriceOffers } from './price-range.js';
import type { Precision } from '../scenario/precision.js';
import type { PercentileBudget, PercentileKey, ReasoningLevel } from '../scenario/schema.js';
import type { BatchLimit } from './batch.js';
import type { BreakEven } from './break-even.js';
import type { Parallelism } from './parallelism.js';
import type { Bound, StepBreakdown } from './steps.js';
import type { LatencyUnderLoad } from './latency.js';
import type { AutoscaledFleet } from './autoscale.js';

/** 2: serving model v2 (bounds name operators; step breakdowns; crossesNodes). */
export const RESULT_SCHEMA_VERSION = 2;

/** Cost and latency of one kind of query (a reasoning level, or the blend of the mix). */
export interface QueryCost {
  readonly level: ReasoningLevel | 'blended';
  readonly share: number;
  readonly inputTokens: number;
  readonly thinkingTokens: number;
  readonly outputTokens: number;
  readonly timeToFirstTokenS: number;
  readonly timePerOutputTokenS: number;
  /** Time to first token + output tokens × time per output token. */
  readonly latencyS: number;
  /** Output tokens per second per accelerator, prefill time included. */
  readonly outputTokensPerSPerAccelerator: number;
  readonly acceleratorSecondsPerQuery: number;
  readonly costPerQueryUsd: number;
  /** The part of the cost per query that is the prompt's prefill, and the part that is decoding (they sum to it). */
  readonly prefillCostPerQueryUsd: number;
  readonly decodeCostPerQueryUsd: number;
  readonly costPerMillionOutputTokensUsd: number;
  /** Per million tokens processed, input and output together. */
  readonly costPerMillionTokensUsd: number;
  /** This level's part of the monthly cost (share × requests × cost per query). */
  readonly monthlyCostUsd: number;
  /** Accelerator energy at board power while busy; null when the power is unknown. */
  readonly energyPerQueryWh: number | null;
  /** 80% ranges of the figures above (SimulationResult.uncertainty says from what). */
  readonly costPerQueryUsdRange: FigureRange;
  readonly costPerMillionTokensUsdRange: FigureRange;
  readonly timePerOutputTokenSRange: FigureRange;
  readonly outputTokensPerSPerAcceleratorRange: FigureRange;
}

/** A figure as computed (`expected`) and the 80% range the calculator's measured error puts around it. */
export interface FigureRange {
  readonly expected: number;
  readonly low: number;
  readonly high: number;
}

/** Where the ranges come from: the calculator's error on the published rows most like this deployment. */
export interface Uncertainty {
  /** Multipliers on a figure inversely proportional to throughput (cost, accelerators, time per token). */
  readonly low: number;
  readonly high: number;
  /** Published rows within reach of this deployment (model family, MoE or dense, accelerator class, batch, prefill share). */
  readonly comparableRows: number;
  /** The range was widened: fewer than MIN_COMPARABLE rows are comparable. */
  readonly widened: boolean;
  /** Whose rows: the published ones the project ships, or the user's own (`simulate --calibration`). */
  readonly rows: 'published' | 'own';
  /** The published rows' error was measured at the default serving.efficiency, and this scenario sets other values. */
  readonly parametersChanged: boolean;
  readonly basis: string;
}

export interface DeploymentResult {
  readonly acceleratorsPerReplica: number;
  /** How the replica splits the model (core/parallelism.ts), and that in words (`TP8`, `DP8 attention + EP8`). */
  readonly parallelism: Parallelism;
  readonly parallelismLabel: string;
  /** Whether the scenario pinned the layout (serving.parallelism) or the calculator chose it. */
  readonly parallelismChosen: boolean;
  readonly computePrecision: Precision;
  /** Why that arithmetic: the weight precision the chip has, W4A16 for 4-bit weights without 4-bit tensor cores, or the scenario's choice. */
  readonly computePrecisionWhy: string;
  readonly weightsBytes: number;
  readonly kvCacheBytesPerToken: number;
  readonly kvCacheBudgetBytes: number;
  readonly usableMemoryBytes: number;
  readonly batch: number;
  readonly batchLimitedBy: BatchLimit;
  /** Largest batch the KV cache could hold at the mean context. */
  readonly memoryBatch: number;
  readonly meanContextTokens: number;
  readonly maxContextTokens: number;
  readonly decodeStepS: number;
  readonly decodeBound: Bound;
  readonly decodeStepBytes: number;
  readonly decodeStepFlops: number;
  /** The decode step by part (weights, KV cache, compute, communication, fixed), s; sums to decodeStepS. */
  readonly decodeStepBreakdown: StepBreakdown;
  /** Expected distinct routed experts one decode step touches per MoE layer (0 for dense). */
  readonly expertsTouchedPerLayer: number;
  readonly prefillBound: Bound;
  readonly prefillTokensPerS: number;
  /** One full prefill pass (prefill_chunk_tokens) by part, s. */
  readonly prefillChunkTokens: number;
  readonly prefillPassS: number;
  readonly prefillPassBreakdown: StepBreakdown;
  /** Speculative decoding at the chosen batch: the verify step, the drafting and the tokens a step yields (null: off). */
  readonly speculative: {
    readonly method: string;
    readonly draftTokens: number;
    readonly acceptedTokensPerStep: number;
    readonly verifyStepS: number;
    readonly draftS: number;
  } | null;
  /**
   * Prompt tokens found in the prefix cache (traffic.prefix_cache), per query
   * on average: they skip prefill (prefillTokensPerS counts them, at no cost)
   * but are attended to; a shared prefix's KV cache is held once per data
   * group (null: no prefix cache).
   */
  readonly prefixCache: {
    readonly cachedTokensPerQuery: number;
    readonly prefilledTokensPerQuery: number;
    readonly sharedPrefixTokens: number;
  } | null;
  /** Whether a collective of the replica (all-reduce, all-to-all or pipeline hop) crosses the scale-out network. */
  readonly crossesNodes: boolean;
  /** The accelerator counts tried, with the cost of each or why it was rejected. */
  readonly candidates: readonly Candidate[];
}

export type Candidate = { readonly parallelismLabel: string } & (
  | {
      readonly acceleratorsPerReplica: number;
      readonly feasible: true;
      /** At the utilisation target (what the choice minimises). */
      readonly costPerQueryUsd: number;
      readonly batch: number;
      /** The fleet of this replica size provisioned for the scenario's peak, all month. */
      readonly provisionedMonthlyCostUsd: number;
    }
  | { readonly acceleratorsPerReplica: number; readonly feasible: false; readonly reason: string }
);

export interface FleetResult {
  readonly averageRequestsPerS: number;
  readonly peakRequestsPerS: number;
  /** Queries per second one replica serves at full load. */
  readonly queriesPerSPerReplica: number;
  /** Replicas to serve the peak at the target utilisation. */
  readonly replicas: number;
  readonly accelerators: number;
  /** Cost of a static fleet of that size, running all month. */
  readonly provisionedMonthlyCostUsd: number;
  /** That month's cost over that month's requests (null with no traffic). */
  readonly provisionedCostPerQueryUsd: number | null;
  /** Average load over provisioned capacity. */
  readonly averageUtilization: number;
}

export type BudgetMetric =
  | 'max_cost_per_query_usd'
  | 'max_cost_per_million_tokens_usd'
  | 'max_monthly_cost_usd'
  | 'max_accelerators'
  | 'max_time_per_output_token_ms'
  | `${PercentileBudget}.${PercentileKey}`;

export interface BudgetCheck {
  readonly metric: BudgetMetric;
  readonly limit: number;
  readonly actual: number;
  /** (limit − actual) / limit × 100: negative when breached. */
  readonly headroomPct: number;
  readonly pass: boolean;
  /** Which end of the 80% range `actual` is, when not the expected figure (`check --confidence`). */
  readonly end?: 'low' | 'high';
}

export interface ApiComparison {
  readonly name: string;
  readonly inputUsdPerMillionTokens: number;
  readonly outputUsdPerMillionTokens: number;
  /** What each reasoning level's query costs through the API (thinking billed as output). */
  readonly levels: readonly { readonly level: QueryCost['level']; readonly costPerQueryUsd: number }[];
  readonly blendedCostPerQueryUsd: number;
  /**
   * Self-hosted blended cost per query over the API's (< 1: self-hosting is
   * cheaper), as provisioned for the peak — the decision figure: the fleet is
   * paid for whether its replicas are busy or not; null for a free API.
   */
  readonly selfHostedOverApi: number | null;
  /** The same at the utilisation target (a fleet exactly as busy as planned): the best self-hosting can do. */
  readonly selfHostedAtTargetOverApi: number | null;
  /** Traffic at which a fleet provisioned for the peak (and min_replicas) costs less per query than the API. */
  readonly breakEven: BreakEven;
}

export interface Assumption {
  /** Field path in the scenario (`serving.efficiency.compute`). */
  readonly path: string;
  readonly value: string | number;
  /** Where the value came from: the scenario, a preset, a default, or the calculator. */
  readonly origin: string;
}

export interface PoolResult {
  readonly hardwareName: string;
  readonly priceUsdPerHour: number;
  readonly acceleratorsPerReplica: number;
  readonly parallelismLabel: string;
  /** Replicas of the pool for the peak at the utilisation target, and their accelerators. */
  readonly replicas: number;
  readonly accelerators: number;
  /** Replica time one query takes in this pool, s. */
  readonly replicaSecondsPerQuery: number;
  readonly provisionedMonthlyCostUsd: number;
}

export interface DisaggregationResult {
  readonly prefill: PoolResult & {
    /** What bounds the pool's throughput: its arithmetic, or its links sending the KV cache. */
    readonly boundBy: 'prefill' | 'kv-transfer';
  };
  readonly decode: PoolResult & { readonly batch: number };
  readonly kvTransfer: {
    readonly bytesPerQuery: number;
    readonly link: 'scale-up' | 'scale-out';
    readonly gbPerS: number;
    /** One prompt's transfer, s (part of its time to first token). */
    readonly seconds: number;
  };
  /** Prefill accelerators per decode accelerator in the fleet (the pools' ratio). */
  readonly prefillPerDecodeAccelerator: number;
}

export interface SimulationResult {
  readonly schemaVersion: typeof RESULT_SCHEMA_VERSION;
  readonly scenario: { readonly name: string; readonly description?: string };
  readonly model: {
    readonly name: string;
    readonly totalParamsB: number;
    readonly activeParamsB: number;
    readonly moe: boolean;
  };
  readonly hardware: {
    readonly name: string;
    readonly priceUsdPerHour: number;
    /** The chip's other listed prices and the blended cost per query at the lowest and highest (null: fewer than two listed). */
    readonly priceOffers:
      (PriceOffers & { readonly costPerQueryUsdAtLow: number; readonly costPerQueryUsdAtHigh: number }) | null;
  };
  /** The decode replica when disaggregated (its prefill fields are the prefill pool's). */
  readonly deployment: DeploymentResult;
  /** Separate prefill and decode pools (serving.disaggregation), or null when co-located. */
  readonly disaggregation: DisaggregationResult | null;
  readonly levels: readonly QueryCost[];
  readonly blended: QueryCost;
  readonly fleet: FleetResult;
  /**
   * Latency percentiles at the peak from a simulation of the replica's
   * scheduler under random arrivals (core/latency.ts), when the scenario sets
   * percentile SLOs or an arrival process; null otherwise.
   */
  readonly latency: LatencyUnderLoad | null;
  /** The fleet following traffic.daily_profile under serving.autoscaling (null without them). */
  readonly autoscaled: AutoscaledFleet | null;
  readonly budget: readonly BudgetCheck[];
  /** The hosted-API comparison line, when the scenario gives API prices. */
  readonly api: ApiComparison | null;
  readonly assumptions: readonly Assumption[];
  /** Degenerate but computable inputs (zero traffic, a 0-share level, …). */
  readonly warnings: readonly string[];
  readonly uncertainty: Uncertainty;
}
