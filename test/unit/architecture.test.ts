import { describe, expect, it } from 'vitest';
import { attentionFlopsPerContextToken, kvBytesPerToken, weightsBytes } from '../../src/core/architecture.js';
import { expectedDistinctExperts, splitParameters, weightBytesReadPerStep } from '../../src/core/experts.js';
import { scenarioFrom } from '../helpers.js';

const withModel = (model: string) =>
  scenarioFrom(`
name: t
model: ${model}
hardware: { preset: h100-sxm }
traffic: { requests_per_day: 1, input_tokens: 1, output_tokens: 1 }
`).model;

describe('memory per model', () => {
  it('GQA KV cache: 2 × layers × kv_heads × head_dim × bytes', () => {
    // Llama 3.1 70B: 80 layers, 8 KV heads of 128, bf16: 2 × 80 × 8 × 128 × 2 = 327,680 bytes per token.
    const m = withModel('{ preset: llama-3.1-70b }');
    expect(kvBytesPerToken(m)).toBe(327_680);
    // fp8 KV halves it.
    expect(kvBytesPerToken(withModel('{ preset: llama-3.1-70b, kv_cache_precision: fp8 }'))).toBe(163_840);
  });

  it('MLA KV cache: layers × (kv_lora_rank + rope dim) × bytes', () => {
    // Mistral Small 4: 36 layers × (256 + 64) × 1 byte (fp8) = 11,520 bytes per token.
    expect(kvBytesPerToken(withModel('{ preset: mistral-small-4, kv_cache_precision: fp8 }'))).toBe(11_520);
    // DeepSeek-V3: 61 × (512 + 64) × 2 bytes (bf16) = 70,272 bytes.
    expect(kvBytesPerToken(withModel('{ preset: deepseek-v3 }'))).toBe(70_272);
  });

  it('weights: every parameter resident at its precision', () => {
    expect(weightsBytes(withModel('{ preset: mistral-small-4, weight_precision: bf16 }'))).toBe(238e9); // 119B × 2 (seed article 004: ~238 GB at FP16)
    expect(weightsBytes(withModel('{ preset: mistral-small-4, weight_precision: fp8 }'))).toBe(119e9);
    // 4-bit with block scales: 4.25 bits per weight → 119e9 × 4.25 / 8 ≈ 63.2 GB (the article's "~60 GB").
    expect(weightsBytes(withModel('{ preset: mistral-small-4, weight_precision: int4 }'))).toBeCloseTo(63.21875e9, -3);
  });

  it('attention FLOPs per context token: GQA uses all query heads', () => {
    // Llama 3.1 8B: 2 × 32 layers × (2 × 32 heads × 128) = 524,288.
    expect(attentionFlopsPerContextToken(withModel('{ preset: llama-3.1-8b }'))).toBe(524_288);
  });
});

describe('mixture-of-experts weight traffic', () => {
  it('splits parameters into always-active and per-expert from total, active, E and k', () => {
    // Mixtral 8x7B: 46.7B total, 12.9B active, 8 experts, top-2.
    // per expert = (46.7 − 12.9) / (8 − 2) = 5.6333B; always = 12.9 − 2 × 5.6333 = 1.6333B.
    const s = splitParameters(withModel('{ preset: mixtral-8x7b }'));
    expect(s.paramsPerExpert / 1e9).toBeCloseTo(5.63333, 4);
    expect(s.alwaysActiveParams / 1e9).toBeCloseTo(1.63333, 4);
  });

  it('a single token touches k experts; a large batch touches them all', () => {
    // Mistral Small 4: 128 experts, top-4.
    const s = splitParameters(withModel('{ preset: mistral-small-4 }'));
    expect(expectedDistinctExperts(s, 1)).toBeCloseTo(4, 10);
    // 128 × (1 − (1 − 4/128)^2) = 128 × (1 − 0.96875²) = 7.875
    expect(expectedDistinctExperts(s, 2)).toBeCloseTo(7.875, 10);
    expect(expectedDistinctExperts(s, 10_000)).toBeCloseTo(128, 6);
    expect(expectedDistinctExperts(splitParameters(withModel('{ preset: llama-3.1-8b }')), 64)).toBe(0);
  });

  it('decode at batch 1 reads the active parameters; at large batch all of them', () => {
    const m = withModel('{ preset: mistral-small-4, weight_precision: fp8 }');
    const s = splitParameters(m);
    expect(weightBytesReadPerStep(s, 1)).toBeCloseTo(6e9, -3);
    expect(weightBytesReadPerStep(s, 100_000)).toBeCloseTo(119e9, -3);
  });
});
