/** The benchmark outputs `infercost calibrate` reads (no imports: the command spec lists them for --help). */
export const INPUT_FORMATS = [
  'vllm-json',
  'sglang-jsonl',
  'printed',
  'aiperf',
  'guidellm',
  'llmperf',
  'mlperf',
] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];
