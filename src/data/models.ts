/**
 * Model preset catalog: public architecture figures for open-weight LLMs
 * (and the models test/fixtures/calibration/public.yaml measures). Every figure
 * cites a source in `sources` (each model's config.json, model card or paper);
 * `notes` keeps the counting conventions and caveats, and `estimated` names the
 * fields that are derived or not checked against the checkpoint itself.
 *
 * Conventions (as in the reference data):
 * - total/active params in billions; active = per token, as the vendor states it.
 * - attention.heads / kv_heads = num_attention_heads / num_key_value_heads;
 *   head_dim = per-head K/V dim (for MLA: v_head_dim; q/k head = nope + rope).
 * - MLA caches kv_lora_rank + qk_rope_head_dim elements per layer per token.
 * - moe.experts = routed experts; shared experts are always on.
 * - weight_precision is set only where the official checkpoint ships quantised;
 *   otherwise the scenario default (bf16) applies.
 * - vocab size is not a scenario field; it is quoted in `notes`.
 */
import type { ModelPreset } from './types.js';

export const MODEL_PRESETS: readonly ModelPreset[] = [
  {
    id: 'mistral-small-4',
    name: 'Mistral Small 4 (Mistral-Small-4-119B-2603)',
    license: 'Apache-2.0',
    spec: {
      total_params_b: 119,
      active_params_b: 6,
      layers: 36,
      hidden_size: 4096,
      attention: { type: 'mla', heads: 32, kv_heads: 32, head_dim: 128, kv_lora_rank: 256, qk_rope_head_dim: 64 },
      moe: { experts: 128, experts_per_token: 4, shared_experts: 1 },
      context_tokens: 262144,
      weight_precision: 'fp8',
    },
    sources: [
      'https://huggingface.co/mistralai/Mistral-Small-4-119B-2603',
      'https://docs.nvidia.com/nemo/automodel/latest/apidocs/nemo_automodel/nemo_automodel.components.models.mistral4.configuration.html (Mistral4Config defaults)',
      'Mistral AI, "Introducing Mistral Small 4" (mistral.ai/news)',
      'https://www.colaberry.ai/aixcelerator/llm-architectures/mistral-small-4 (third-party summary of config.json: 36 MLA layers, 262,144 max position)',
      'https://huggingface.co/collections/mistralai/mistral-small-4 (collection notes: "The FP8 checkpoint to ensure best accuracy"; an NVFP4 checkpoint also listed)',
    ],
    notes:
      'Mistral states 119B total, 128 experts with 4 active, 6B active per token (8B including embedding and output layers), 256k context; third-party trackers list 6.5-6.63B active. Layer/attention values match the NeMo AutoModel Mistral4Config defaults (q_lora_rank 1024, qk_nope_head_dim 64, v_head_dim 128, n_shared_experts 1, moe_intermediate_size 2048, first_k_dense_replace 0, config max_position_embeddings up to 1,048,576) and a third-party registry that reads the checkpoint config (36 MLA layers, kv_lora_rank 256, rope dim 64, 262,144 native context); the checkpoint config.json itself was not opened. Vocab 131,072. The HF checkpoint is a Mistral3 VLM wrapper (text_config model_type mistral4) shipped in FP8 (an NVFP4 checkpoint also exists); vision encoder not counted. MLA KV cache = (256 + 64) elements per layer per token.',
    estimated: ['layers', 'hidden_size', 'attention'],
  },
  {
    id: 'mistral-small-3.2-24b',
    name: 'Mistral Small 3.2 24B Instruct (2506)',
    license: 'Apache-2.0',
    spec: {
      total_params_b: 24,
      active_params_b: 24,
      layers: 40,
      hidden_size: 5120,
      attention: { type: 'gqa', heads: 32, kv_heads: 8, head_dim: 128 },
      moe: null,
      context_tokens: 131072,
    },
    sources: [
      'https://huggingface.co/mistralai/Mistral-Small-3.2-24B-Instruct-2506 (config.json, text_config)',
      'https://huggingface.co/yuzhen17/tmp_mistral_by_qwen_test/blame/main/config.json (copy of Mistral-Small-24B-Base-2501 config: 40 layers, 5120 hidden, 32/8 heads, head_dim 128, vocab 131072)',
    ],
    notes:
      'Dense: all 24B active per token. Values from the text_config of the Mistral3 multimodal config (same 24B text stack as Mistral Small 3 / 3.1; the 2501 base config has max_position_embeddings 32768, 3.1/3.2 extend to 128k). hidden_size (5120) differs from heads x head_dim (4096). Vocab 131,072. Vision encoder not counted.',
  },
  {
    id: 'mixtral-8x7b',
    name: 'Mixtral 8x7B (v0.1)',
    license: 'Apache-2.0',
    spec: {
      total_params_b: 46.7,
      active_params_b: 12.9,
      layers: 32,
      hidden_size: 4096,
      attention: { type: 'gqa', heads: 32, kv_heads: 8, head_dim: 128 },
      moe: { experts: 8, experts_per_token: 2, shared_experts: 0 },
      context_tokens: 32768,
    },
    sources: [
      'https://huggingface.co/mistralai/Mixtral-8x7B-v0.1 (config.json)',
      'Mixtral of Experts, arXiv:2401.04088',
    ],
    notes: '46.7B total / 12.9B active per the Mixtral paper. Vocab 32,000.',
  },
  {
    id: 'llama-2-70b',
    name: 'Llama 2 70B',
    license: 'Llama 2 Community License',
    spec: {
      total_params_b: 69,
      active_params_b: 69,
      layers: 80,
      hidden_size: 8192,
      attention: { type: 'gqa', heads: 64, kv_heads: 8, head_dim: 128 },
      moe: null,
      context_tokens: 4096,
    },
    sources: [
      'https://huggingface.co/meta-llama/Llama-2-70b-hf (config.json)',
      'Llama 2: Open Foundation and Fine-Tuned Chat Models, arXiv:2307.09288 (70B uses grouped-query attention, 4k context)',
      'github.com/AI-Hypercomputer/torchprime:torchprime/mfu/tests/test_mfu.py@64107707b3dc58d565d1810323cba0fd5994d17a (verbatim copy of the Llama 2 70B config.json: 80 layers, hidden 8192, intermediate 28672, 64 heads, 8 KV heads, vocab 32000, max_position_embeddings 4096)',
    ],
    notes:
      'Dense. Marketed as 70B; 69 = 68.98B counted from the config shapes (embeddings and untied LM head 2 x 32000 x 8192, 80 layers of attention q/o 8192x8192, k/v 8192x1024, SwiGLU MLP 3 x 8192 x 28672). head_dim = 8192 / 64. Vocab 32,000. Used by the MLPerf Inference llama2-70b benchmark (chat variant, same architecture) in the calibration data.',
    estimated: ['total_params_b', 'active_params_b'],
  },
  {
    id: 'llama-3.1-8b',
    name: 'Llama 3.1 8B',
    license: 'Llama 3.1 Community License',
    spec: {
      total_params_b: 8.0,
      active_params_b: 8.0,
      layers: 32,
      hidden_size: 4096,
      attention: { type: 'gqa', heads: 32, kv_heads: 8, head_dim: 128 },
      moe: null,
      context_tokens: 131072,
    },
    sources: [
      'https://huggingface.co/meta-llama/Llama-3.1-8B (config.json)',
      'The Llama 3 Herd of Models, arXiv:2407.21783',
    ],
    notes: 'Dense. Vocab 128,256.',
  },
  {
    id: 'llama-3.1-70b',
    name: 'Llama 3.1 70B',
    license: 'Llama 3.1 Community License',
    spec: {
      total_params_b: 70.6,
      active_params_b: 70.6,
      layers: 80,
      hidden_size: 8192,
      attention: { type: 'gqa', heads: 64, kv_heads: 8, head_dim: 128 },
      moe: null,
      context_tokens: 131072,
    },
    sources: [
      'https://huggingface.co/meta-llama/Llama-3.1-70B (config.json)',
      'The Llama 3 Herd of Models, arXiv:2407.21783',
    ],
    notes: 'Dense. 70.6B is the Hugging Face parameter count; marketed as 70B. Vocab 128,256.',
  },
  {
    id: 'llama-3.3-70b',
    name: 'Llama 3.3 70B Instruct',
    license: 'Llama 3.3 Community License',
    spec: {
      total_params_b: 70.6,
      active_params_b: 70.6,
      layers: 80,
      hidden_size: 8192,
      attention: { type: 'gqa', heads: 64, kv_heads: 8, head_dim: 128 },
      moe: null,
      context_tokens: 131072,
    },
    sources: [
      'https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct (config.json)',
      'github.com/oumi-ai/oumi:configs/recipes/llama3_3/README.md@bd18cd68cdcdb3b1942c9813689c5c3e4d7d9977 (Llama 3.3 70B: vocab 128,256, hidden 8192, intermediate 28,672, 80 layers, 64 heads, 8 KV heads, max length 131,072)',
      'https://huggingface.co/meta-llama/Llama-3.1-70B (config.json; same architecture)',
      'The Llama 3 Herd of Models, arXiv:2407.21783',
    ],
    notes:
      'Dense. Same architecture as Llama 3.1 70B (the calibration data names llama-3.1-70b as its architecture equivalent); the parameter count (70.6B) is carried over from Llama 3.1 70B, marketed as 70B. Vocab 128,256.',
    estimated: ['total_params_b', 'active_params_b'],
  },
  {
    id: 'llama-3.1-405b',
    name: 'Llama 3.1 405B',
    license: 'Llama 3.1 Community License',
    spec: {
      total_params_b: 405,
      active_params_b: 405,
      layers: 126,
      hidden_size: 16384,
      attention: { type: 'gqa', heads: 128, kv_heads: 8, head_dim: 128 },
      moe: null,
      context_tokens: 131072,
    },
    sources: [
      'https://huggingface.co/meta-llama/Llama-3.1-405B (config.json)',
      'The Llama 3 Herd of Models, arXiv:2407.21783 (Table 3)',
    ],
    notes: 'Dense. Vocab 128,256.',
  },
  {
    id: 'qwen3-8b',
    name: 'Qwen3-8B',
    license: 'Apache-2.0',
    spec: {
      total_params_b: 8.2,
      active_params_b: 8.2,
      layers: 36,
      hidden_size: 4096,
      attention: { type: 'gqa', heads: 32, kv_heads: 8, head_dim: 128 },
      moe: null,
      context_tokens: 32768,
    },
    sources: ['https://huggingface.co/Qwen/Qwen3-8B (config.json, model card)'],
    notes:
      'Dense. Native context 32,768 (config max_position_embeddings 40960); 131,072 with YaRN rope scaling per the model card (override context_tokens to use it). Vocab 151,936.',
  },
  {
    id: 'qwen3-30b-a3b',
    name: 'Qwen3-30B-A3B',
    license: 'Apache-2.0',
    spec: {
      total_params_b: 30.5,
      active_params_b: 3.3,
      layers: 48,
      hidden_size: 2048,
      attention: { type: 'gqa', heads: 32, kv_heads: 4, head_dim: 128 },
      moe: { experts: 128, experts_per_token: 8, shared_experts: 0 },
      context_tokens: 32768,
    },
    sources: ['https://huggingface.co/Qwen/Qwen3-30B-A3B (config.json, model card)'],
    notes:
      'Native context 32,768 (131,072 with YaRN). moe_intermediate_size 768. hidden_size (2048) is smaller than heads x head_dim (4096). Vocab 151,936.',
  },
  {
    id: 'qwen3-235b-a22b',
    name: 'Qwen3-235B-A22B',
    license: 'Apache-2.0',
    spec: {
      total_params_b: 235,
      active_params_b: 22,
      layers: 94,
      hidden_size: 4096,
      attention: { type: 'gqa', heads: 64, kv_heads: 4, head_dim: 128 },
      moe: { experts: 128, experts_per_token: 8, shared_experts: 0 },
      context_tokens: 32768,
    },
    sources: ['https://huggingface.co/Qwen/Qwen3-235B-A22B (config.json, model card)'],
    notes:
      'Native context 32,768 (131,072 with YaRN). moe_intermediate_size 1536. hidden_size (4096) is smaller than heads x head_dim (8192). Vocab 151,936.',
  },
  {
    id: 'gpt-oss-20b',
    name: 'gpt-oss-20b',
    license: 'Apache-2.0',
    spec: {
      total_params_b: 21,
      active_params_b: 3.6,
      layers: 24,
      hidden_size: 2880,
      attention: {
        type: 'gqa',
        heads: 64,
        kv_heads: 8,
        head_dim: 64,
        sliding_window_layers: 12,
        sliding_window_tokens: 128,
      },
      moe: { experts: 32, experts_per_token: 4, shared_experts: 0 },
      context_tokens: 131072,
      weight_precision: 'fp4',
      dense_weight_precision: 'bf16',
      activation_precision: 'fp8',
    },
    sources: [
      'https://huggingface.co/openai/gpt-oss-20b (config.json)',
      'TensorRT-LLM "Deployment Guide for GPT-OSS", MoE backend support matrix (nvidia.github.io/TensorRT-LLM/deployment-guide/deployment-guide-for-gpt-oss-on-trtllm.html): B200/GB200 MXFP8 activations x MXFP4 weights; H200 BF16 activations x MXFP4 weights (TRITON)',
      'OpenAI, gpt-oss-120b & gpt-oss-20b model card (openai.com)',
    ],
    notes:
      'MoE weights shipped in MXFP4, hence weight_precision fp4 (the routed experts) and dense_weight_precision bf16 (attention, embeddings and router stay BF16 in the checkpoint). The MXFP4 weights are weight-only (no FP4 activations): activation_precision fp8, the MXFP8 activations TensorRT-LLM runs on Blackwell (on Hopper, without FP4 tensor cores, W4A16 at bf16). hidden_size (2880) differs from heads x head_dim (4096). Attention alternates full and 128-token sliding-window layers (config layer_types, sliding_window 128): half the layers cache and attend over at most 128 tokens (sliding_window_layers/tokens). Vocab 201,088.',
  },
  {
    id: 'gpt-oss-120b',
    name: 'gpt-oss-120b',
    license: 'Apache-2.0',
    spec: {
      total_params_b: 117,
      active_params_b: 5.1,
      layers: 36,
      hidden_size: 2880,
      attention: {
        type: 'gqa',
        heads: 64,
        kv_heads: 8,
        head_dim: 64,
        sliding_window_layers: 18,
        sliding_window_tokens: 128,
      },
      moe: { experts: 128, experts_per_token: 4, shared_experts: 0 },
      context_tokens: 131072,
      weight_precision: 'fp4',
      dense_weight_precision: 'bf16',
      activation_precision: 'fp8',
    },
    sources: [
      'https://huggingface.co/openai/gpt-oss-120b (config.json)',
      'TensorRT-LLM "Deployment Guide for GPT-OSS", MoE backend support matrix (nvidia.github.io/TensorRT-LLM/deployment-guide/deployment-guide-for-gpt-oss-on-trtllm.html): B200/GB200 MXFP8 activations x MXFP4 weights; H200 BF16 activations x MXFP4 weights (TRITON)',
      'OpenAI, gpt-oss-120b & gpt-oss-20b model card (openai.com)',
    ],
    notes:
      'MoE weights in MXFP4 (checkpoint ~63 GB, fits one 80 GB GPU), hence weight_precision fp4 (the routed experts) and dense_weight_precision bf16 (attention, embeddings and router stay BF16 in the checkpoint). The MXFP4 weights are weight-only (no FP4 activations): activation_precision fp8, the MXFP8 activations TensorRT-LLM runs on Blackwell (on Hopper, without FP4 tensor cores, W4A16 at bf16). hidden_size (2880) differs from heads x head_dim (4096). Alternating full / 128-token sliding-window attention (config layer_types, sliding_window 128): half the layers cache and attend over at most 128 tokens (sliding_window_layers/tokens). Vocab 201,088.',
  },
  {
    id: 'deepseek-v3',
    name: 'DeepSeek-V3',
    license: 'MIT (code); DeepSeek-V3 weights under DeepSeek Model License',
    spec: {
      total_params_b: 671,
      active_params_b: 37,
      layers: 61,
      hidden_size: 7168,
      attention: { type: 'mla', heads: 128, kv_heads: 128, head_dim: 128, kv_lora_rank: 512, qk_rope_head_dim: 64 },
      moe: { experts: 256, experts_per_token: 8, shared_experts: 1 },
      context_tokens: 131072,
      weight_precision: 'fp8',
    },
    sources: [
      'https://huggingface.co/deepseek-ai/DeepSeek-V3 (config.json)',
      'https://huggingface.co/deepseek-ai/DeepSeek-R1 (config.json, same architecture)',
      'DeepSeek-V3 Technical Report, arXiv:2412.19437',
    ],
    notes:
      'q_lora_rank 1536, qk_nope_head_dim 128, v_head_dim 128 (q/k head = 128 + 64 = 192); first 3 layers dense (first_k_dense_replace 3); 671B excludes the 14B MTP module (685B on HF). Official checkpoint ships FP8 (block-scaled), hence weight_precision fp8. config max_position_embeddings 163840; 128K context per the report. MLA KV cache = (512 + 64) elements per layer per token. Vocab 129,280.',
  },
  {
    id: 'deepseek-r1',
    name: 'DeepSeek-R1',
    license: 'MIT (code and weights)',
    spec: {
      total_params_b: 671,
      active_params_b: 37,
      layers: 61,
      hidden_size: 7168,
      attention: { type: 'mla', heads: 128, kv_heads: 128, head_dim: 128, kv_lora_rank: 512, qk_rope_head_dim: 64 },
      moe: { experts: 256, experts_per_token: 8, shared_experts: 1 },
      context_tokens: 131072,
      weight_precision: 'fp8',
    },
    sources: [
      'https://huggingface.co/deepseek-ai/DeepSeek-V3 (config.json)',
      'https://huggingface.co/deepseek-ai/DeepSeek-R1 (config.json, same architecture)',
      'DeepSeek-V3 Technical Report, arXiv:2412.19437',
    ],
    notes:
      'Same architecture as DeepSeek-V3 (R1 is post-trained from V3-Base): q_lora_rank 1536, qk_nope_head_dim 128, v_head_dim 128; first 3 layers dense; 671B excludes the 14B MTP module (685B on HF). Official checkpoint ships FP8, hence weight_precision fp8. 128K context. MLA KV cache = (512 + 64) elements per layer per token. Reasoning model: set a reasoning mix for its thinking tokens. Vocab 129,280.',
  },
  {
    id: 'mistral-large-3',
    name: 'Mistral Large 3 (Mistral-Large-3-675B-Instruct-2512)',
    license: 'Apache-2.0',
    spec: {
      total_params_b: 675,
      active_params_b: 41,
      layers: 61,
      hidden_size: 7168,
      attention: { type: 'mla', heads: 128, kv_heads: 128, head_dim: 128, kv_lora_rank: 512, qk_rope_head_dim: 64 },
      moe: { experts: 128, experts_per_token: 4, shared_experts: 1 },
      context_tokens: 262144,
    },
    sources: [
      'https://huggingface.co/mistralai/Mistral-Large-3-675B-Instruct-2512 (params.json, model card)',
      'https://huggingface.co/mistralai/Mistral-Large-3-675B-Instruct-2512/discussions/6 (Mistral staff compare params.json with DeepSeek-V3)',
      'https://github.com/vllm-project/recipes/blob/main/Mistral/Mistral-Large-3.md (256k context, FP8 on 8xH200, NVFP4 on 4xB200)',
      'https://huggingface.co/collections/mistralai/mistral-large-3 (collection notes: a no-loss FP8 version, an NVFP4 version, base BF16 weights)',
    ],
    notes:
      'DeepSeek-V3-style MLA + MoE but fewer, larger experts (expert_hidden_dim 4096 vs 2048) and 4 routed per token. Values from params.json as quoted verbatim in open-source converter tests (not checked against the HF file itself): dim 7168, n_layers 61, n_heads 128, q_lora_rank 1536, kv_lora_rank 512, qk_nope_head_dim 128, qk_rope_head_dim 64, v_head_dim 128, first_k_dense_replace 3, vocab 131072, max_position_embeddings 294912 (yarn factor 36 over 8192). 675B total / 41B active per the model card; the total includes an integrated vision encoder whose size is not separated here. Context 256k per model card and vLLM recipe. weight_precision left at the bf16 default: Mistral also publishes FP8 and NVFP4 releases (the vLLM recipe serves FP8 on 8xH200), so set weight_precision fp8 or fp4 for those.',
    estimated: ['layers', 'hidden_size', 'attention'],
  },
];
