/**
 * Numeric precisions a model's weights, KV cache or arithmetic can use.
 * A closed set: adding one is a compile error wherever it must be handled.
 */
export const PRECISIONS = ['fp16', 'bf16', 'fp8', 'int8', 'fp4', 'int4'] as const;
export type Precision = (typeof PRECISIONS)[number];

/**
 * Bytes stored per weight (or per KV element), including block-scale overhead.
 * - fp16/bf16: 2 bytes (IEEE 754 half / bfloat16).
 * - fp8/int8: 1 byte; per-tensor or per-channel scales are negligible.
 * - fp4: MXFP4, 4-bit E2M1 elements with one 8-bit E8M0 scale per 32-element
 *   block = 4.25 bits (OCP Microscaling Formats (MX) v1.0 spec, section 5).
 * - int4: group-wise quantisation (AWQ/GPTQ), group size 128 with an fp16 scale
 *   and fp16 zero point per group = 4 + 32/128 = 4.25 bits (AWQ, arXiv:2306.00978).
 */
export const BYTES_PER_ELEMENT: Readonly<Record<Precision, number>> = {
  fp16: 2,
  bf16: 2,
  fp8: 1,
  int8: 1,
  fp4: 4.25 / 8,
  int4: 4.25 / 8,
};

/**
 * When the accelerator has no tensor-core rate for the weight precision, the
 * arithmetic runs at the next wider precision it does have (weight-only
 * quantisation, e.g. W4A16: weights are dequantised to 16 bits in the kernel).
 */
export const WIDER_PRECISIONS: Readonly<Record<Precision, readonly Precision[]>> = {
  fp4: ['fp4', 'fp8', 'bf16', 'fp16'],
  int4: ['int4', 'int8', 'fp8', 'bf16', 'fp16'],
  fp8: ['fp8', 'bf16', 'fp16'],
  int8: ['int8', 'fp8', 'bf16', 'fp16'],
  bf16: ['bf16', 'fp16'],
  fp16: ['fp16', 'bf16'],
};
