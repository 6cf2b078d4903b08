/**
 * The serving model v2 step, operator by operator, on toys with round numbers
 * (each figure worked by hand in the comment above it), and the properties
 * the batch search relies on.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attendedLayerTokens, replicaWeightsBytes, weightsBytes } from '../../src/core/architecture.js';
import { allReduceLink, allReduceSeconds, allToAllLink, dispatchCopies } from '../../src/core/communication.js';
import { kvTransfer } from '../../src/core/disaggregation.js';
import { drafterOf, speculativeStep, tokensPerStep } from '../../src/core/speculative.js';
import { splitParameters } from '../../src/core/experts.js';
import { HARDWARE_PRESETS } from '../../src/data/hardware.js';
import { presetHardware } from '../../src/scenario/preset-hardware.js';
import { gemmEfficiency } from '../../src/core/gemm.js';
import {
  dataAttentionExpert,
  layoutsFor,
  parallelismLabel,
  parallelismProblem,
  pinnedAccelerators,
  tensorParallel,
  type Parallelism,
} from '../../src/core/parallelism.js';
import { replicaRates } from '../../src/core/replica.js';
import { defaultComputePrecision } from '../../src/core/requirements.js';
import { decodeStep, prefillStep, type StepTime } from '../../src/core/steps.js';
import { HardwareSchema, ModelSchema, ServingSchema, type Efficiency } from '../../src/scenario/schema.js';
import { PLAIN_EFFICIENCY } from '../toy.js';

const PLAIN: Partial<Efficiency> = PLAIN_EFFICIENCY;

/** 1,000 TFLOP/s, 2 TB/s, 100 GB; links 100 GB/s up, 10 GB/s out, 8 per node. */
const TOY_HW = HardwareSchema.parse({
  dense_tflops: { bf16: 1000 },
  memory_gb: 100,
  memory_bandwidth_tb_per_s: 2,
  accelerators_per_node: 8,
  scale_up_gb_per_s: 100,
  scale_out_gb_per_s: 10,
});

/** Dense, 10B parameters in bf16, 10 layers, hidden 800, KV 4,000 B per token. */
const DENSE = ModelSchema.parse({
  total_params_b: 10,
  active_params_b: 10,
  layers: 10,
  hidden_size: 800,
  attention: { type: 'gqa', heads: 8, kv_heads: 1, head_dim: 100 },
});

/**
 * MoE, 8 experts, top-2: total 10B = always + 8e, active 4B = always + 2e, so e = 1B per expert and
 * 2B always active.
 */
const MOE = ModelSchema.parse({
  total_params_b: 10,
  active_params_b: 4,
  layers: 10,
  hidden_size: 800,
  attention: { type: 'gqa', heads: 8, kv_heads: 1, head_dim: 100 },
  moe: { experts: 8, experts_per_token: 2 },
});

const rates = (efficiency: Partial<Efficiency>, n: number | Parallelism = 1) =>
  replicaRates(TOY_HW, ServingSchema.parse({ efficiency: { ...PLAIN, ...efficiency } }), 'bf16', n);

const sumOfParts = (s: StepTime) =>
  s.breakdown.weightsS +
  s.breakdown.kvCacheS +
  s.breakdown.activationsS +
  s.breakdown.computeS +
  s.breakdown.communicationS +
  s.breakdown.fixedS;

describe('GEMM efficiency against rows', () => {
  it('rises with the rows and saturates at the ceiling', () => {
    // 0.8 × 64 / (64 + 64) = 0.4; 0.8 × 2048 / 2112 = 0.7758; knee 0: the ceiling at any rows.
    expect(gemmEfficiency(0.8, 64, 64)).toBeCloseTo(0.4, 12);
    expect(gemmEfficiency(0.8, 64, 2048)).toBeCloseTo(0.7757575757, 9);
    expect(gemmEfficiency(0.8, 0, 1)).toBe(0.8);
  });

  it('slows a compute-bound step: prefill of 1000 tokens at a 1000-row knee takes twice as long', () => {
    // GEMMs 1000 × 2 × 10e9 = 20e12 FLOPs at 1e15 × 1000 / 2000 = 0.5e15 → 40 ms (20 ms with no knee);
    // attention (not a GEMM over weights: no knee) 1000 × 500 × 32,000 = 16e9 FLOPs → 0.016 ms either way.
    const split = splitParameters(DENSE);
    const slow = prefillStep(DENSE, split, rates({ gemm_half_rows: 1000 }), 1000, 500);
    const fast = prefillStep(DENSE, split, rates({}), 1000, 500);
    expect(slow.breakdown.computeS).toBeCloseTo(0.040016, 12);
    expect(fast.breakdown.computeS).toBeCloseTo(0.020016, 12);
  });
});

/** Link figures of the communication tests: 8 per domain, 100 GB/s up, 10 GB/s out, α 10 µs up and 20 µs out. */
const links = (accelerators: number, efficiency = 1) => ({
  accelerators,
  domain: 8,
  scaleUpBytesPerS: 1e11,
  scaleOutBytesPerS: 1e10,
  efficiency,
  scaleUpLatencyS: 1e-5,
  scaleOutLatencyS: 2e-5,
});

describe('communication', () => {
  it('an all-reduce costs nothing on one accelerator', () => {
    const link = allReduceLink(links(1));
    expect(allReduceSeconds(link, 1e6)).toBe(0);
  });

  it('inside one domain: α + 2(n − 1)/n × bytes / link', () => {
    // 4 ranks, 1 MB at 100 GB/s × 0.5: 10 µs + 1.5 × 1e6 / 5e10 = 10 µs + 30 µs = 40 µs.
    const link = allReduceLink(links(4, 0.5));
    expect(link.crossesNodes).toBe(false);
    expect(allReduceSeconds(link, 1e6)).toBeCloseTo(40e-6, 12);
  });

  it('across domains: hierarchical, the scale-out part on 1/g of the message per rank', () => {
    // 16 ranks in 2 domains of 8, 1 MB, efficiency 1: α 10 + 20 µs;
    // inside: 2 × 7/8 × 1e6 / 1e11 = 17.5 µs; across: 2 × 1/2 × (1e6 / 8) / 1e10 = 12.5 µs. Total 60 µs.
    const link = allReduceLink(links(16));
    expect(link.crossesNodes).toBe(true);
    expect(allReduceSeconds(link, 1e6)).toBeCloseTo(60e-6, 12);
  });

  it('an all-to-all sends (n − 1)/n of the copies over the link', () => {
    // 4 ranks, 1 MB: 10 µs + 3/4 × 1e6 / 1e11 = 10 + 7.5 = 17.5 µs.
    const link = allToAllLink(links(4));
    expect(allReduceSeconds(link, 1e6)).toBeCloseTo(17.5e-6, 12);
  });

  it('tensor parallelism pays two all-reduces of the step activations per layer', () => {
    // 2 ranks, decode batch 10: message 10 × 800 × 2 B = 16 kB; each 5 µs + 2 × 1/2 × 16e3 / 1e11 = 5.16 µs;
    // × 2 per layer × 10 layers = 103.2 µs.
    const split = splitParameters(DENSE);
    const step = decodeStep(DENSE, split, rates({ all_reduce_latency_us: 5 }, 2), 10, 1000);
    expect(step.breakdown.communicationS).toBeCloseTo(103.2e-6, 12);
  });
});

describe('operators of a mixture of experts', () => {
  it('decode at batch 1 reads the always-active and the top-k experts; fixed costs per layer and expert', () => {
    // Batch 1 touches 8 × (1 − (6/8)^1) = 2 experts: weights (2e9 + 2 × 1e9) × 2 B = 8e9 B → 4 ms.
    // KV 1000 × 4000 B = 4e6 B → 0.002 ms. Fixed: 10 layers × (20 + 30 + 2 × 1) µs = 520 µs.
    const split = splitParameters(MOE);
    const step = decodeStep(
      MOE,
      split,
      rates({ layer_overhead_us: 20, moe_layer_overhead_us: 30, expert_overhead_us: 1 }),
      1,
      1000,
    );
    expect(step.breakdown.weightsS).toBeCloseTo(0.004, 12);
    expect(step.breakdown.kvCacheS).toBeCloseTo(0.000002, 12);
    expect(step.breakdown.fixedS).toBeCloseTo(520e-6, 12);
    expect(step.seconds).toBeCloseTo(sumOfParts(step), 15);
    expect(step.bound).toBe('weights');
  });

  it("dense layers of an MoE model (moe.layers) pay the per-layer cost only, and a dense FFN's all-reduce", () => {
    // MOE with 4 of its 10 layers routing to experts. Fixed at batch 1: 10 × 20 + 4 × (30 + 2 × 1) = 328 µs
    // (all 10 as MoE layers: 520 µs, above). Activations, 1 pass per layer and 4 per routed copy (k = 2):
    // (10 × 1 + 4 × 4 × 2) × 800 × 2 B = 67,200 B at 2 TB/s = 33.6 ns.
    const m = ModelSchema.parse({ ...MOE, moe: { ...MOE.moe, layers: 4 } });
    const r = rates({ layer_overhead_us: 20, moe_layer_overhead_us: 30, expert_overhead_us: 1, activation_passes: 1 });
    const step = decodeStep(m, splitParameters(m), r, 1, 1000);
    expect(step.breakdown.fixedS).toBeCloseTo(328e-6, 12);
    expect(step.breakdown.activationsS).toBeCloseTo(33.6e-9, 15);
    // Expert parallelism over 2 (tensor 1, data 2): the 6 dense layers all-reduce nothing (one rank per group),
    // the 4 MoE layers run two all-to-alls each; fewer MoE layers, less communication.
    const ep = rates({ all_reduce_latency_us: 10 }, dataAttentionExpert(2));
    const all = decodeStep(MOE, splitParameters(MOE), ep, 2, 1000).breakdown.communicationS;
    const some = decodeStep(m, splitParameters(m), ep, 2, 1000).breakdown.communicationS;
    expect(some).toBeCloseTo((all * 4) / 10, 15);
    expect(ModelSchema.safeParse({ ...MOE, moe: { ...MOE.moe, layers: 11 } }).error?.issues[0]?.path).toEqual([
      'moe',
      'layers',
    ]);
  });

  it('each expert GEMM runs at the efficiency of its own rows', () => {
    // Prefill of 400 tokens, knee 100 rows: all 8 experts touched (8 × (1 − 0.75^400) = 8), 400 × 2 / 8
    // = 100 rows each: η = 0.5. Expert FLOPs 2 × 400 × 2 × 1e9 = 1.6e12 → at 0.5e15: 3.2 ms (their
    // weights, 16e9 B, take 8 ms: weights-bound). Always-active: 2 × 2e9 × 400 = 1.6e12 FLOPs at
    // η(400) = 0.8 → 2 ms against 4e9 B → 2 ms: a tie goes to the weights.
    const split = splitParameters(MOE);
    const step = prefillStep(MOE, split, rates({ gemm_half_rows: 100 }), 400, 200);
    expect(step.breakdown.weightsS).toBeCloseTo(0.008 + 0.002, 9);
    // With a ten times slower memory the same expert GEMMs are compute-bound: 3.2 ms of compute.
    const narrow = prefillStep(
      MOE,
      split,
      replicaRates(
        { ...TOY_HW, memory_bandwidth_tb_per_s: 20 },
        ServingSchema.parse({ efficiency: { ...PLAIN, gemm_half_rows: 100 } }),
        'bf16',
        1,
      ),
      400,
      200,
    );
    // Experts: 16e9 B at 20 TB/s = 0.8 ms < 3.2 ms; dense: 0.2 ms < 2 ms; attention 400 × 200 × 32,000 = 2.56e9
    // FLOPs → 0.00256 ms against 1.6e6 B → 0.00008 ms. Compute 3.2 + 2 + 0.00256 ms.
    expect(narrow.breakdown.computeS).toBeCloseTo(0.0052 + 0.00000256, 9);
    expect(narrow.bound).toBe('compute');
  });

  it('activations: passes × hidden × 2 B per token per layer, repeated on every tensor-parallel rank', () => {
    // 10 passes + 4 × 2 routed copies = 18; 100 tokens × 10 layers × 18 × 800 × 2 B = 28.8e6 B at one
    // accelerator's 2 TB/s: 14.4 µs, whether the replica has 1 or 4 accelerators.
    const split = splitParameters(MOE);
    for (const n of [1, 4]) {
      const step = decodeStep(MOE, split, rates({ activation_passes: 10 }, n), 100, 10);
      expect(step.breakdown.activationsS).toBeCloseTo(14.4e-6, 12);
    }
    // Attention data parallelism splits the tokens instead: 4 ranks, 3.6 µs.
    const dep = decodeStep(MOE, split, rates({ activation_passes: 10 }, dataAttentionExpert(4)), 100, 10);
    expect(dep.breakdown.activationsS).toBeCloseTo(3.6e-6, 12);
  });

  it('attention data parallelism reads the always-active weights on every rank and exchanges routed copies', () => {
    // 4 ranks, batch 8: each reads all 2e9 × 2 B = 4e9 B of always-active weights at its own 2 TB/s → 2 ms
    // (tensor parallelism: 4e9 B at 8 TB/s → 0.5 ms). Experts: 8 × (1 − 0.75^8) = 7.2 touched × 2e9 B
    // = 14.4e9 B at 8 TB/s → 1.8 ms. All-to-all, 2 per layer: 2 tokens per rank × 2 copies × 1,600 B =
    // 6,400 B; 0 latency, 3/4 × 6,400 / 1e11 = 48 ns; × 2 × 10 layers = 0.96 µs.
    const split = splitParameters(MOE);
    const dep = decodeStep(MOE, split, rates({}, dataAttentionExpert(4)), 8, 0);
    const touched = 8 * (1 - 0.75 ** 8);
    expect(dep.breakdown.weightsS).toBeCloseTo(0.002 + (touched * 2e9) / 8e12, 12);
    expect(dep.breakdown.communicationS).toBeCloseTo(0.96e-6, 15);
    const tp = decodeStep(MOE, split, rates({}, 4), 8, 0);
    expect(tp.breakdown.weightsS).toBeCloseTo(0.0005 + (touched * 2e9) / 8e12, 12);
  });
});

describe('parallelism: tensor × data × expert × pipeline (core/parallelism.ts)', () => {
  it('one expert-parallel step by hand: TP2 × DP2 attention, experts over 4 ranks, imbalance 1.5', () => {
    // MOE, decode batch 8 at no context, stage of 4 accelerators.
    // Always-active: each of the 2 data groups reads 2e9 × 2 B = 4e9 B over its 2 accelerators' 4 TB/s
    // → 1 ms (the compute, 32e9 FLOP at 4 PFLOP/s = 8 µs, is below it).
    // Experts: 8 × (1 − 0.75^8) = 7.199 touched × 2e9 B over the stage's 8 TB/s → 1.7998 ms (the
    // busiest rank's arithmetic, 8 µs × 1.5 = 12 µs, is below it).
    // Activations: (0 + 4 × 2 routed) passes × 4 tokens per group × 10 layers × 800 × 2 B = 512,000 B
    // at one accelerator's 2 TB/s → 0.256 µs.
    // Per layer: the attention all-reduce over 2 ranks of 4 tokens × 1,600 B = 6,400 B at
    // 2 × 1/2 / 1e11 s/B → 64 ns; two all-to-alls over 4 ranks of 8/4 tokens × 2 copies × 1,600 B
    // × 1.5 = 9,600 B at 3/4 / 1e11 s/B → 72 ns each. 10 layers × (64 + 144) ns = 2.08 µs.
    const split = splitParameters(MOE);
    const p: Parallelism = { tensor: 2, data: 2, expert: 4, pipeline: 1 };
    const step = decodeStep(MOE, split, rates({ expert_imbalance: 1.5 }, p), 8, 0);
    const touched = 8 * (1 - 0.75 ** 8);
    expect(step.breakdown.weightsS).toBeCloseTo(0.001 + (touched * 2e9) / 8e12, 12);
    expect(step.breakdown.activationsS).toBeCloseTo(0.256e-6, 15);
    expect(step.breakdown.communicationS).toBeCloseTo(2.08e-6, 15);
    expect(step.breakdown.computeS).toBe(0);
    expect(step.seconds).toBeCloseTo(0.001 + (touched * 2e9) / 8e12 + 0.256e-6 + 2.08e-6, 12);
    // The data groups each keep their own always-active weights: 20e9 B + 1 more copy of 4e9 B.
    expect(replicaWeightsBytes(MOE, 2)).toBeCloseTo(24e9, 0);
  });

  it('pipeline stages: the batch runs as micro-batches, each through the whole model (TP2 × PP2)', () => {
    // DENSE, decode batch 8 at 1,000 tokens of context: 2 micro-batches of 4 on stages of 2 accelerators.
    // Weights 20e9 B over 4 TB/s → 5 ms (TP4 on the same 4 accelerators: 2.5 ms; pipelining buys memory,
    // not speed). KV: 4 × 1,000 × 4,000 B = 16e6 B over 4 TB/s → 4 µs.
    // Per layer two all-reduces over 2 ranks of 4 × 1,600 B = 6,400 B → 64 ns each: 10 × 128 ns = 1.28 µs;
    // the micro-batch hops 2 stages (around the ring) with 6,400 B each at 1e11 B/s (one node) → 128 ns.
    const split = splitParameters(DENSE);
    const pp = rates({}, { tensor: 2, data: 1, expert: 1, pipeline: 2 });
    expect(pp.accelerators).toBe(4);
    expect(pp.stageAccelerators).toBe(2);
    const step = decodeStep(DENSE, split, pp, 8, 1000);
    expect(step.breakdown.weightsS).toBeCloseTo(0.005, 12);
    expect(step.breakdown.kvCacheS).toBeCloseTo(4e-6, 12);
    expect(step.breakdown.communicationS).toBeCloseTo(1.28e-6 + 0.128e-6, 15);
    expect(step.intervalS).toBe(step.seconds);
    expect(decodeStep(DENSE, split, rates({}, 4), 8, 1000).breakdown.weightsS).toBeCloseTo(0.0025, 12);
    // Fewer sequences than stages: a micro-batch of one, the other stage idles (the bubble).
    expect(decodeStep(DENSE, split, pp, 1, 1000).seconds).toBe(decodeStep(DENSE, split, pp, 2, 1000).seconds);
    // Prefill passes overlap across the stages: a new pass starts every seconds / 2.
    const pass = prefillStep(DENSE, split, pp, 1000, 500);
    expect(pass.intervalS).toBeCloseTo(pass.seconds / 2, 15);
  });

  it('layouts: what a scenario pins is filled in, and a layout the model cannot take says what would fit', () => {
    expect(layoutsFor(8, undefined)).toEqual([tensorParallel(8)]);
    expect(layoutsFor(8, { data: 8 })).toEqual([dataAttentionExpert(8)]);
    expect(layoutsFor(8, { expert: 8 })).toEqual([{ tensor: 8, expert: 8, data: 1, pipeline: 1 }]);
    expect(layoutsFor(8, { tensor: 4, pipeline: 2 })).toEqual([{ tensor: 4, expert: 1, data: 1, pipeline: 2 }]);
    expect(layoutsFor(8, { tensor: 4 })).toEqual([]);
    expect(pinnedAccelerators({ tensor: 2, data: 4 })).toBe(8);
    expect(pinnedAccelerators({ expert: 4 })).toBeUndefined();
    expect(parallelismLabel({ tensor: 2, data: 4, expert: 8, pipeline: 1 })).toBe('TP2 × DP4 attention + EP8');
    expect(parallelismProblem({ tensor: 1, data: 1, expert: 2, pipeline: 1 }, DENSE)?.field).toBe('expert');
    expect(parallelismProblem({ tensor: 1, data: 2, expert: 1, pipeline: 1 }, DENSE)?.field).toBe('data');
    expect(parallelismProblem({ tensor: 16, data: 1, expert: 16, pipeline: 1 }, MOE)?.message).toMatch(
      /expert 16 is more ranks than the model's 8 experts: at most 8/,
    );
    expect(parallelismProblem({ tensor: 4, data: 1, expert: 3, pipeline: 1 }, MOE)?.message).toMatch(
      /expert 3 does not divide the 4 accelerators of a stage \(tensor 4 × data 1\): use 1, 2, 4/,
    );
    // Redundant experts fill ranks that do not divide the experts (EPLB): 6 ranks for 8 experts is allowed.
    expect(parallelismProblem({ tensor: 1, data: 6, expert: 6, pipeline: 1 }, MOE)).toBeUndefined();
    // Tensor parallelism splits the attention heads: MOE's 8 heads over 1 KV head take 1, 2, 4 or 8, not 6 or 3.
    expect(parallelismProblem({ tensor: 6, data: 1, expert: 6, pipeline: 1 }, MOE)?.field).toBe('tensor');
    expect(parallelismProblem(tensorParallel(3), DENSE)?.message).toMatch(
      /tensor 3 does not split the model's 8 attention heads \(1 KV heads\) evenly: use 1, 2, 4, 8/,
    );
    expect(parallelismProblem(tensorParallel(8), DENSE)).toBeUndefined();
    expect(parallelismProblem(dataAttentionExpert(8), MOE)).toBeUndefined();
  });
});

describe('precision and attention facts of a checkpoint', () => {
  it('dense_weight_precision keeps the always-active weights wider than the experts', () => {
    // MOE with fp4 experts (4.25 bits) and bf16 always-active: 2e9 × 2 + 8e9 × 4.25 / 8 = 8.25e9 B.
    const m = ModelSchema.parse({ ...MOE, weight_precision: 'fp4', dense_weight_precision: 'bf16' });
    expect(weightsBytes(m)).toBeCloseTo(8.25e9, 0);
  });

  it('the always-active GEMMs of a checkpoint that keeps them in bf16 run at the bf16 rate on an fp4 chip', () => {
    // A chip with bf16 1,000 and fp4 4,000 TFLOP/s, computing at fp4. MOE's 2B always-active weights in bf16,
    // its experts in fp4; a prefill pass of 10,000 tokens touches all 8 experts.
    // Dense GEMM: 2 × 2e9 × 1e4 = 4e13 FLOP at 1e15 (bf16, not 4e15) = 0.04 s; its weights 4e9 B / 2e12 = 2 ms.
    // Experts: 2 × 1e4 × 2 × 1e9 = 4e13 FLOP at 4e15 = 0.01 s. Attention: 1e4 × 500 attended × 2 × 10 × 1,600 =
    // 1.6e11 FLOP at 1e15 (bf16: the KV cache's precision) = 0.00016 s, above its KV write of 1e4 × 4,000 B /
    // 2e12 = 20 µs, so compute. Compute 0.04 + 0.01 + 0.00016 = 0.05016 s (dense at fp4: 0.01 + 0.01 + 0.00016).
    const hw = HardwareSchema.parse({ ...TOY_HW, dense_tflops: { bf16: 1000, fp4: 4000 } });
    const m = ModelSchema.parse({ ...MOE, weight_precision: 'fp4', dense_weight_precision: 'bf16' });
    const fp4 = replicaRates(hw, ServingSchema.parse({ efficiency: PLAIN }), 'fp4', 1);
    expect(prefillStep(m, splitParameters(m), fp4, 10_000, 500).breakdown.computeS).toBeCloseTo(0.05016, 12);
    const narrow = ModelSchema.parse({ ...MOE, weight_precision: 'fp4' });
    expect(prefillStep(narrow, splitParameters(narrow), fp4, 10_000, 500).breakdown.computeS).toBeCloseTo(0.02016, 12);
  });

  it("a chip's measured GEMM and memory shares scale its rates against the reference chips' (0.75, 0.91)", () => {
    // TOY_HW with gemm_fraction_of_peak 0.375 (half the reference 0.75) and memory_fraction_of_peak 0.455 (half of
    // 0.91). DENSE decode, batch 1 at no context: its 2e10 B of bf16 weights at 2e12 B/s = 10 ms, at half = 20 ms.
    // Prefill of 10,000 tokens: 2 × 1e10 × 1e4 = 2e14 FLOP at 1e15 = 0.2 s, at half the FLOP rate = 0.4 s
    // (efficiencies all 1, and the knee 0, in PLAIN).
    const slow = HardwareSchema.parse({ ...TOY_HW, gemm_fraction_of_peak: 0.375, memory_fraction_of_peak: 0.455 });
    const serving = ServingSchema.parse({ efficiency: PLAIN });
    const split = splitParameters(DENSE);
    const at = (hw: typeof TOY_HW) => {
      const r = replicaRates(hw, serving, 'bf16', 1);
      return {
        weightsS: decodeStep(DENSE, split, r, 1, 0).breakdown.weightsS,
        prefillComputeS: prefillStep(DENSE, split, r, 10_000, 0).breakdown.computeS,
      };
    };
    expect(at(TOY_HW).weightsS).toBeCloseTo(0.01, 12);
    expect(at(slow).weightsS).toBeCloseTo(0.02, 12);
    expect(at(TOY_HW).prefillComputeS).toBeCloseTo(0.2, 9);
    expect(at(slow).prefillComputeS).toBeCloseTo(0.4, 9);
  });

  it("a chip's matrix-multiply tile moves the knee: gemm_half_rows is for a 64-row tile, a 128-row tile doubles it", () => {
    // Knee 64 at the reference tile; DENSE prefill of 128 tokens, 2 × 1e10 × 128 = 2.56e12 FLOP at 1e15, on a
    // chip with 200 TB/s so that the 2e10 B of weights (0.1 ms) do not bound it.
    // Tile 64: η = 128 / (128 + 64) = 2/3 → 3.84 ms. Tile 128: knee 128, η = 128 / 256 = 1/2 → 5.12 ms.
    const serving = ServingSchema.parse({ efficiency: { ...PLAIN, gemm_half_rows: 64 } });
    const split = splitParameters(DENSE);
    const computeS = (hw: typeof TOY_HW) =>
      prefillStep(DENSE, split, replicaRates(hw, serving, 'bf16', 1), 128, 0).breakdown.computeS;
    const fast = HardwareSchema.parse({ ...TOY_HW, memory_bandwidth_tb_per_s: 200 });
    expect(computeS(fast)).toBeCloseTo(2.56e12 / 1e15 / (2 / 3), 12);
    expect(computeS(HardwareSchema.parse({ ...fast, mma_tile_rows: 128 }))).toBeCloseTo(2.56e12 / 1e15 / 0.5, 12);
  });

  it('MLA attention computes in bf16 even over an fp8 KV cache; GQA over an fp8 cache at the fp8 rate', () => {
    // A chip with bf16 1,000 and fp8 2,000 TFLOP/s and 20 TB/s, computing at fp8. MLA, 10 layers, 20 heads, latent
    // 100 + rope 20: attention FLOPs per context token 2 × 10 × 20 × (2 × 100 + 20) = 88,000; KV (100 + 20) × 10 =
    // 1,200 B per token in fp8. Batch 100 at 10,000 tokens: 8.8e10 FLOP at 1e15 (bf16) = 88 µs, above the KV read of
    // 1.2e9 B / 2e13 = 60 µs: compute. At the fp8 rate it would be 44 µs, and the KV read would bound it.
    const hw = HardwareSchema.parse({
      ...TOY_HW,
      dense_tflops: { bf16: 1000, fp8: 2000 },
      memory_bandwidth_tb_per_s: 20,
    });
    const fp8 = replicaRates(hw, ServingSchema.parse({ efficiency: PLAIN }), 'fp8', 1);
    const attention = (m: ReturnType<typeof ModelSchema.parse>) => {
      const split = splitParameters(m);
      const at = decodeStep(m, split, fp8, 100, 10_000).breakdown;
      const none = decodeStep(m, split, fp8, 100, 0).breakdown;
      return { computeS: at.computeS - none.computeS, kvCacheS: at.kvCacheS - none.kvCacheS };
    };
    const mla = ModelSchema.parse({
      ...DENSE,
      weight_precision: 'fp8',
      kv_cache_precision: 'fp8',
      attention: { type: 'mla', heads: 20, kv_heads: 20, head_dim: 100, kv_lora_rank: 100, qk_rope_head_dim: 20 },
    });
    expect(attention(mla).computeS).toBeCloseTo(88e-6, 12);
    expect(attention(mla).kvCacheS).toBe(0);
    // GQA, 80 heads over 1 KV head of 100: 2 × 10 × 2 × 80 × 100 = 320,000 FLOP per context token over 2,000 B of
    // fp8 KV: 3.2e11 FLOP at 2e15 (fp8) = 160 µs, above its KV read of 2e9 B / 2e13 = 100 µs.
    const gqa = ModelSchema.parse({
      ...DENSE,
      weight_precision: 'fp8',
      kv_cache_precision: 'fp8',
      attention: { type: 'gqa', heads: 80, kv_heads: 1, head_dim: 100 },
    });
    expect(attention(gqa).computeS).toBeCloseTo(160e-6, 12);
  });

  it("weight-only 4-bit weights compute at the activations' precision, and W4A16 where the chip has no 4-bit rate", () => {
    const blackwell = { bf16: 2250, fp8: 4500, fp4: 9000 };
    // MXFP4 weights with fp8 activations (gpt-oss on Blackwell): fp8; NVFP4 weights and activations: fp4.
    expect(defaultComputePrecision('fp4', blackwell, 'fp8')?.precision).toBe('fp8');
    expect(defaultComputePrecision('fp4', blackwell)?.precision).toBe('fp4');
    // Activations no wider than the weights change nothing.
    expect(defaultComputePrecision('fp8', blackwell, 'fp8')?.precision).toBe('fp8');
    // Hopper has no fp4 rate: W4A16 whatever the activations.
    expect(defaultComputePrecision('fp4', { bf16: 989, fp8: 1979 }, 'fp8')?.precision).toBe('bf16');
  });

  it('sliding-window layers attend over their window only', () => {
    // 10 layers, 4 of them with a 128-token window, at 1,000 tokens: 6 × 1000 + 4 × 128 = 6,512 layer-tokens.
    const m = ModelSchema.parse({
      ...DENSE,
      attention: { ...DENSE.attention, sliding_window_layers: 4, sliding_window_tokens: 128 },
    });
    expect(attendedLayerTokens(m, 1000)).toBe(6512);
    // Decode batch 1 reads 6,512 / 10 × 4,000 B = 2.6048e6 B of KV → 1.3024 µs at 2 TB/s.
    expect(decodeStep(m, splitParameters(m), rates({}), 1, 1000).breakdown.kvCacheS).toBeCloseTo(1.3024e-6, 15);
  });

  it('a window without its size (or the reverse) is an error at the field', () => {
    const r = ModelSchema.safeParse({ ...DENSE, attention: { ...DENSE.attention, sliding_window_layers: 4 } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['attention', 'sliding_window_tokens']);
  });
});

describe('properties the batch search relies on', () => {
  const models = [DENSE, MOE];
  const arb = fc.record({
    model: fc.constantFrom(0, 1),
    n: fc.constantFrom(1, 2, 8, 16),
    layout: fc.constantFrom('tensor', 'data-attention-expert') as fc.Arbitrary<'tensor' | 'data-attention-expert'>,
    batch: fc.integer({ min: 1, max: 4000 }),
    context: fc.integer({ min: 1, max: 100_000 }),
    knee: fc.double({ min: 0, max: 500, noNaN: true }),
    layerUs: fc.double({ min: 0, max: 100, noNaN: true }),
  });

  it('the parts of a step sum to its time, none negative', () => {
    fc.assert(
      fc.property(arb, (a) => {
        const m = models[a.model]!;
        const r = rates(
          { gemm_half_rows: a.knee, layer_overhead_us: a.layerUs, all_reduce_latency_us: 10 },
          a.layout === 'tensor' || a.model === 0 ? a.n : dataAttentionExpert(a.n),
        );
        for (const s of [
          decodeStep(m, splitParameters(m), r, a.batch, a.context),
          prefillStep(m, splitParameters(m), r, a.batch, a.context),
        ]) {
          expect(Object.values(s.breakdown).every((v) => v >= 0)).toBe(true);
          expect(sumOfParts(s)).toBeCloseTo(s.seconds, 12);
        }
      }),
    );
  });

  it('a decode step never gets faster with a larger batch (the TPOT search bisects on it)', () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 1000 }), (a, more) => {
        const m = models[a.model]!;
        const r = rates(
          { gemm_half_rows: a.knee, layer_overhead_us: a.layerUs, all_reduce_latency_us: 10 },
          a.layout === 'tensor' || a.model === 0 ? a.n : dataAttentionExpert(a.n),
        );
        const split = splitParameters(m);
        const small = decodeStep(m, split, r, a.batch, a.context).seconds;
        const large = decodeStep(m, split, r, a.batch + more, a.context).seconds;
        expect(large).toBeGreaterThanOrEqual(small * (1 - 1e-12));
      }),
    );
  });
});

describe('expert-parallel dispatch across domains', () => {
  it('sends a token once per destination domain (hierarchical all-to-all)', () => {
    // k = 8 experts over 9 nodes: 9 × (1 − (8/9)^8) = 9 × (1 − 0.38976) = 5.492 copies cross the network;
    // inside one domain all 8 travel.
    expect(dispatchCopies(8, 9)).toBeCloseTo(9 * (1 - (8 / 9) ** 8), 12);
    expect(dispatchCopies(8, 9)).toBeCloseTo(5.492, 3);
    expect(dispatchCopies(8, 1)).toBe(8);
  });
});

describe('disaggregated prefill and decode: the KV transfer (core/disaggregation.ts)', () => {
  const efficiency = ServingSchema.parse({}).efficiency;
  const preset = (id: string) => presetHardware(HARDWARE_PRESETS.find((p) => p.id === id)!);
  const h200 = preset('h200');
  const gb200 = preset('gb200');

  it('between two HGX nodes: over the narrower replica NICs, after both latencies', () => {
    // 1 GB from 8 H200 to 4 H200 (8 + 4 > 8 per node: scale-out): 4 NICs × 50 GB/s × link 0.8 = 160 GB/s
    // → 6.25 ms, after 27.6 + 25 µs = 52.6 µs: 6.3026 ms.
    const t = kvTransfer(1e9, { hardware: h200, accelerators: 8 }, { hardware: h200, accelerators: 4 }, efficiency);
    expect(t.link).toBe('scale-out');
    expect(t.bytesPerS).toBeCloseTo(160e9, 0);
    expect(t.seconds).toBeCloseTo(6.25e-3 + 52.6e-6, 12);
  });

  it('inside one NVL72 rack: over NVLink', () => {
    // 4 + 4 GB200 ≤ 72: 4 × 900 GB/s × 0.8 = 2,880 GB/s → 1 GB in 0.3472 ms, after 27.6 µs.
    const t = kvTransfer(1e9, { hardware: gb200, accelerators: 4 }, { hardware: gb200, accelerators: 4 }, efficiency);
    expect(t.link).toBe('scale-up');
    expect(t.seconds).toBeCloseTo(1e9 / 2880e9 + 27.6e-6, 12);
  });
});

describe('speculative decoding (core/speculative.ts)', () => {
  const split = splitParameters(DENSE);
  const ngram = { method: 'ngram' as const, draft_tokens: 2 };

  it('tokens per step: (1 − a^(k+1)) / (1 − a)', () => {
    // a = 0.5, k = 2: (1 − 0.125) / 0.5 = 1.75; a = 1: every draft kept, k + 1.
    expect(tokensPerStep(0.5, 2)).toBeCloseTo(1.75, 12);
    expect(tokensPerStep(1, 3)).toBe(4);
    expect(tokensPerStep(0, 4)).toBe(1);
  });

  it('one verify step by hand, and the batch where it stops paying (the crossover)', () => {
    // DENSE, batch 10 at 1,000 tokens, 2 drafts (3 positions): weights 20e9 B → 10 ms against
    // 2 × 10e9 × 30 = 600e9 FLOPs → 0.6 ms; KV read once and 3 written: 10 × 1,003 × 4,000 B = 40.12e6 B
    // → 20.06 µs (attention 10 × 3 × 1,000 × 32,000 = 0.96e9 FLOPs → 0.96 µs). Step 10.02006 ms.
    const small = speculativeStep(DENSE, split, rates({}), 10, 1000, ngram, undefined, tokensPerStep(0.5, 2));
    expect(small.step.seconds).toBeCloseTo(0.01002006, 12);
    expect(small.draftS).toBe(0);
    // Per token: 10.02006 / 1.75 = 5.726 ms, against plain decode's 10.020 ms: worth it.
    const plainSmall = decodeStep(DENSE, split, rates({}), 10, 1000).seconds;
    expect(small.step.seconds / small.tokensPerStep).toBeCloseTo(0.01002006 / 1.75, 12);
    expect(plainSmall).toBeCloseTo(0.01002, 12);
    // Batch 1,000 is compute-bound: 2 × 10e9 × 3,000 = 60e12 FLOPs → 60 ms (+ 2.006 ms KV) a step, 35.4 ms a token,
    // against plain decode's 22 ms (20 ms arithmetic + 2 ms KV): the verification's FLOPs eat the saving.
    const large = speculativeStep(DENSE, split, rates({}), 1000, 1000, ngram, undefined, tokensPerStep(0.5, 2));
    const plainLarge = decodeStep(DENSE, split, rates({}), 1000, 1000).seconds;
    expect(large.step.breakdown.computeS).toBeCloseTo(0.06, 9);
    expect(large.step.seconds / large.tokensPerStep).toBeGreaterThan(plainLarge);
  });

  it('an MTP or EAGLE drafter costs one target layer per draft token', () => {
    // One layer of DENSE: 1e9 parameters → 2e9 B → 1 ms; its KV 10 × 1,000 × 400 B → 2 µs: 1.002 ms × 2 drafts.
    const mtp = { method: 'mtp' as const, draft_tokens: 2 };
    const s = speculativeStep(DENSE, split, rates({}), 10, 1000, mtp, drafterOf(mtp, DENSE, undefined), 1.75);
    expect(s.draftS).toBeCloseTo(2 * 0.001002, 12);
    expect(s.step.seconds).toBeCloseTo(0.01002006 + 0.002004, 12);
  });
});
