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

/**
 * DeepSeek-V3's architecture, shared by V3, R1 (post-trained from V3-Base) and V3.1 (the V3 base
 * extended to 128K): each preset cites its own config.json for it.
 */
const DEEPSEEK_V3_SPEC: ModelPreset['spec'] = {
  total_params_b: 671,
  active_params_b: 37,
  layers: 61,
  hidden_size: 7168,
  attention: { type: 'mla', heads: 128, kv_heads: 128, head_dim: 128, kv_lora_rank: 512, qk_rope_head_dim: 64 },
  moe: { experts: 256, experts_per_token: 8, shared_experts: 1, layers: 58 },
  context_tokens: 131072,
  weight_precision: 'fp8',
};

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
    spec: DEEPSEEK_V3_SPEC,
    sources: [
      'https://huggingface.co/deepseek-ai/DeepSeek-V3 (config.json)',
      'https://huggingface.co/deepseek-ai/DeepSeek-R1 (config.json, same architecture)',
      'DeepSeek-V3 Technical Report, arXiv:2412.19437',
    ],
    notes:
      'q_lora_rank 1536, qk_nope_head_dim 128, v_head_dim 128 (q/k head = 128 + 64 = 192); first 3 layers dense (first_k_dense_replace 3: moe.layers 58); 671B excludes the 14B MTP module (685B on HF). Official checkpoint ships FP8 (block-scaled), hence weight_precision fp8. config max_position_embeddings 163840; 128K context per the report. MLA KV cache = (512 + 64) elements per layer per token. Vocab 129,280.',
  },
  {
    id: 'deepseek-r1',
    name: 'DeepSeek-R1',
    license: 'MIT (code and weights)',
    spec: DEEPSEEK_V3_SPEC,
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
      moe: { experts: 128, experts_per_token: 4, shared_experts: 1, layers: 58 },
      context_tokens: 262144,
    },
    sources: [
      'https://huggingface.co/mistralai/Mistral-Large-3-675B-Instruct-2512 (params.json, model card)',
      'https://huggingface.co/mistralai/Mistral-Large-3-675B-Instruct-2512/discussions/6 (Mistral staff compare params.json with DeepSeek-V3)',
      'https://github.com/vllm-project/recipes/blob/main/Mistral/Mistral-Large-3.md (256k context, FP8 on 8xH200, NVFP4 on 4xB200)',
      'https://huggingface.co/collections/mistralai/mistral-large-3 (collection notes: a no-loss FP8 version, an NVFP4 version, base BF16 weights)',
    ],
    notes:
      'DeepSeek-V3-style MLA + MoE but fewer, larger experts (expert_hidden_dim 4096 vs 2048) and 4 routed per token. Values from params.json as quoted verbatim in open-source converter tests (not checked against the HF file itself): dim 7168, n_layers 61, n_heads 128, q_lora_rank 1536, kv_lora_rank 512, qk_nope_head_dim 128, qk_rope_head_dim 64, v_head_dim 128, first_k_dense_replace 3 (moe.layers 58), vocab 131072, max_position_embeddings 294912 (yarn factor 36 over 8192). 675B total / 41B active per the model card; the total includes an integrated vision encoder whose size is not separated here. Context 256k per model card and vLLM recipe. weight_precision left at the bf16 default: Mistral also publishes FP8 and NVFP4 releases (the vLLM recipe serves FP8 on 8xH200), so set weight_precision fp8 or fp4 for those.',
    estimated: ['layers', 'hidden_size', 'attention'],
  },

  // ---------------------------------------------------------------- Llama 4
  {
    id: 'llama-4-scout',
    name: 'Llama 4 Scout (Llama-4-Scout-17B-16E-Instruct)',
    license: 'Llama 4 Community License',
    spec: {
      total_params_b: 109,
      active_params_b: 17,
      layers: 48,
      hidden_size: 5120,
      attention: {
        type: 'gqa',
        heads: 40,
        kv_heads: 8,
        head_dim: 128,
        sliding_window_layers: 36,
        sliding_window_tokens: 8192,
      },
      moe: { experts: 16, experts_per_token: 1, shared_experts: 1 },
      context_tokens: 10485760,
    },
    sources: [
      'https://huggingface.co/meta-llama/Llama-4-Scout-17B-16E-Instruct (config.json text_config, model card)',
      'Model card table (as copied at https://www.fitmyllm.com/model/llama-4-scout-109b): Llama 4 Scout (17Bx16E) 17B activated / 109B total, 10M context',
      'github.com/huggingface/transformers:src/transformers/models/llama4/configuration_llama4.py@008e574391258935f3ecc3035c882e73bbcac419 (Llama4TextConfig defaults = Scout: vocab 202048, hidden 5120, intermediate_size 8192, intermediate_size_mlp 16384, 48 layers, 40 heads, 8 KV heads, head_dim 128, 16 local experts, top-1, interleave_moe_layer_step 1, no_rope_layer_interval 4, attention_chunk_size 8192; layer_types = "chunked_attention" for RoPE layers, "full_attention" for NoPE layers)',
      'aws-neuron neuronx-distributed-inference unit test LLAMA4_SCOUT_MINIMAL_MOCK_CONFIG (copy of the Scout text_config: hidden 5120, max_position_embeddings 10485760, 40 heads, 8 KV heads, 48 layers, 16 local experts, top-1, vocab 202048)',
      'https://huggingface.co/docs/transformers/model_doc/llama4 (17B active of ~109B total, 16 experts; Llama 4 Community License)',
    ],
    notes:
      'MoE in every layer (interleave_moe_layer_step 1): 16 routed experts, top-1 routing, plus one always-on shared expert per layer (expert FFN 8192). hidden_size 5120 = heads x head_dim (40 x 128). Attention: iRoPE, 3 of every 4 layers use RoPE with chunked attention (attention_chunk_size 8192), every 4th layer (no_rope_layers = 0, NoPE) attends globally: 36 chunked + 12 global of 48 (from the transformers default no_rope_layer_interval 4; the checkpoint config was not opened to confirm its no_rope_layers list). A chunked layer attends only within its own 8,192-token block, so it caches and reads at most 8,192 tokens per sequence (vLLM allocates it like a local window): modelled as sliding_window_layers 36 / sliding_window_tokens 8192. This is an upper bound: a token attends to 1..8,192 tokens (about 4,096 on average), where a true sliding window always reads 8,192. Checkpoint weights BF16 (Meta states Scout fits one H100 with on-the-fly int4). Context 10M per model card (config max_position_embeddings 10,485,760); providers serve far less. Vocab 202,048. Vision encoder (early-fusion VLM) not counted separately. Sanity check: routed expert FFN per layer 3 x 5120 x 8192 = 125.8M, x 48 layers = 6.04B per expert; (109 - 17) / 15 = 6.1B, consistent.',
    estimated: ['attention'],
  },
  {
    id: 'llama-4-maverick',
    name: 'Llama 4 Maverick (Llama-4-Maverick-17B-128E-Instruct)',
    license: 'Llama 4 Community License',
    spec: {
      total_params_b: 400,
      active_params_b: 17,
      layers: 48,
      hidden_size: 5120,
      attention: {
        type: 'gqa',
        heads: 40,
        kv_heads: 8,
        head_dim: 128,
        sliding_window_layers: 36,
        sliding_window_tokens: 8192,
      },
      moe: { experts: 128, experts_per_token: 1, shared_experts: 1, layers: 24 },
      context_tokens: 1048576,
    },
    sources: [
      'https://huggingface.co/meta-llama/Llama-4-Maverick-17B-128E-Instruct (config.json text_config, model card)',
      'Model card table (as copied at https://www.fitmyllm.com/model/llama-4-scout-109b): Llama 4 Maverick (17Bx128E) 17B activated / 400B total, 1M context',
      'TensorRT-LLM unit test LLAMA_4_MAVERICK_TWO_LAYER_CONFIG ("This is Llama4 Maverick config but with only 2 layers"; reduced from 48): attention_chunk_size 8192, head_dim 128, hidden 5120, interleave_moe_layer_step 2, intermediate_size 8192, intermediate_size_mlp 16384, max_position_embeddings 1048576, 40 heads, 8 KV heads, top-1, 128 local experts, torch_dtype bfloat16, vocab 202048',
      'github.com/huggingface/transformers:src/transformers/models/llama4/configuration_llama4.py@008e574391258935f3ecc3035c882e73bbcac419 (moe_layers = range(step - 1, layers, step); layer_types chunked for RoPE layers)',
      'https://huggingface.co/docs/transformers/model_doc/llama4 (~400B total, 17B active, 128 experts; BF16 and FP8 releases; "two flavors: 109B, and 402B parameters")',
    ],
    notes:
      'interleave_moe_layer_step 2: only every second layer is MoE (moe_layers 1, 3, ..., 47: 24 MoE layers, each 128 routed experts of FFN 8192, top-1, plus one shared expert); the other 24 layers are dense SwiGLU MLPs of 16,384 (intermediate_size_mlp). moe.layers 24: routing, expert and all-to-all costs are charged on those layers only. hidden_size 5120 = heads x head_dim. Chunked attention as Scout: 36 of 48 layers RoPE + chunked (attention_chunk_size 8192), every 4th layer NoPE global (layer split from the transformers default no_rope_layer_interval 4, not checked against the checkpoint list); modelled as sliding_window_layers 36 / tokens 8192, an upper bound on the chunked reads (average about 4,096). The main checkpoint is BF16 (torch_dtype bfloat16); Meta also publishes Llama-4-Maverick-17B-128E-Instruct-FP8 (set weight_precision fp8 for it). 400B per model card (402B on HF / transformers docs). Context 1M per model card (config 1,048,576). Vocab 202,048. Sanity check: routed expert FFN per MoE layer 3 x 5120 x 8192 = 125.8M, x 24 layers = 3.02B per expert; (400 - 17) / 127 = 3.02B, consistent.',
    estimated: ['attention'],
  },

  // ---------------------------------------------------------------- Qwen
  {
    id: 'qwen3-32b',
    name: 'Qwen3-32B',
    license: 'Apache-2.0',
    spec: {
      total_params_b: 32.8,
      active_params_b: 32.8,
      layers: 64,
      hidden_size: 5120,
      attention: { type: 'gqa', heads: 64, kv_heads: 8, head_dim: 128 },
      moe: null,
      context_tokens: 32768,
    },
    sources: [
      'https://huggingface.co/Qwen/Qwen3-32B (config.json, model card)',
      'Qwen3 Technical Report, arXiv:2505.09388',
      'verl (Ascend) docs, verbatim copy of the Qwen3-32B config.json with num_hidden_layers cut from 64 to 16 for an experiment: head_dim 128, hidden 5120, intermediate 25600, max_position_embeddings 40960, 64 heads, 8 KV heads, rope_theta 1e6, tie_word_embeddings false, torch_dtype bfloat16, vocab 151936',
      'github.com/zyzshishui/slime:scripts/models/qwen3-32B.sh@1fc0fae8a89f10942c12146f87c467d88e445cd8 (fork of THUDM/slime: 64 layers, hidden 5120, FFN 25600, 64 heads, 8 query groups, kv-channels 128, vocab 151936)',
    ],
    notes:
      'Dense. 32.8B per the model card (64 layers, 64 Q / 8 KV heads). hidden_size (5120) is smaller than heads x head_dim (8192). Native context 32,768 (config max_position_embeddings 40960); 131,072 with YaRN per the model card (override context_tokens to use it). Vocab 151,936. Untied embeddings.',
  },
  {
    id: 'qwen3-14b',
    name: 'Qwen3-14B',
    license: 'Apache-2.0',
    spec: {
      total_params_b: 14.8,
      active_params_b: 14.8,
      layers: 40,
      hidden_size: 5120,
      attention: { type: 'gqa', heads: 40, kv_heads: 8, head_dim: 128 },
      moe: null,
      context_tokens: 32768,
    },
    sources: [
      'https://huggingface.co/Qwen/Qwen3-14B (config.json, model card: 14.8B parameters, 13.2B non-embedding, 40 layers, 40 Q / 8 KV heads, 32,768 native and 131,072 with YaRN)',
      'Qwen3 Technical Report, arXiv:2505.09388',
      'github.com/zyzshishui/slime:scripts/models/qwen3-14B.sh@aa3375040b9b7fd90832fb03099776d0a34ce41c (fork of THUDM/slime: 40 layers, hidden 5120, FFN 17408, 40 heads, 8 query groups, kv-channels 128, vocab 151936, untied embeddings)',
    ],
    notes:
      'Dense. hidden_size 5120 = heads x head_dim (40 x 128). Native context 32,768 (131,072 with YaRN per the model card). Vocab 151,936.',
  },
  {
    id: 'qwen2.5-72b-instruct',
    name: 'Qwen2.5-72B-Instruct',
    license: 'Qwen License (tongyi-qianwen)',
    spec: {
      total_params_b: 72.7,
      active_params_b: 72.7,
      layers: 80,
      hidden_size: 8192,
      attention: { type: 'gqa', heads: 64, kv_heads: 8, head_dim: 128 },
      moe: null,
      context_tokens: 32768,
    },
    sources: [
      'https://huggingface.co/Qwen/Qwen2.5-72B-Instruct (config.json, model card)',
      'Qwen2.5 Technical Report, arXiv:2412.15115',
      'https://huggingface.co/raphgg/test4-2.5-72B/blob/main/config.json (copy of the Qwen2.5-72B-Instruct config.json with YaRN factor 4 added: hidden 8192, intermediate 29568, max_position_embeddings 32768, 64 heads, 80 layers, 8 KV heads, vocab 152064, tie_word_embeddings false, bfloat16)',
      'https://www.fitmygpu.com/models/qwen-2.5-72b (model card summary: 72.7B total, 70.0B non-embedding, 80 layers, 64 Q / 8 KV heads, 131,072 context, 8,192 generation)',
      'https://huggingface.co/billatsectorflow/Qwen2.5-72B-Instruct-GPTQ-Int4-64K (license_name qwen; 128K needs rope scaling factor 4.0 in config.json)',
    ],
    notes:
      'Dense. head_dim = 8192 / 64. The model card states full context 131,072 tokens (generation 8,192), but the shipped config.json is 32,768 and >32K needs YaRN (rope_scaling factor 4.0) added by the user, hence context_tokens 32768 (override to 131072 with YaRN). QKV bias. Vocab 152,064 (config; tokenizer 151,643 + control tokens). License: Qwen License Agreement (the 72B is not Apache-2.0, unlike smaller Qwen2.5 sizes).',
  },

  // ---------------------------------------------------------------- Kimi
  {
    id: 'kimi-k2-instruct',
    name: 'Kimi K2 Instruct (Kimi-K2-Instruct)',
    license: 'Modified MIT (code and weights)',
    spec: {
      total_params_b: 1000,
      active_params_b: 32,
      layers: 61,
      hidden_size: 7168,
      attention: { type: 'mla', heads: 64, kv_heads: 64, head_dim: 128, kv_lora_rank: 512, qk_rope_head_dim: 64 },
      moe: { experts: 384, experts_per_token: 8, shared_experts: 1, layers: 60 },
      context_tokens: 131072,
      weight_precision: 'fp8',
    },
    sources: [
      'https://huggingface.co/moonshotai/Kimi-K2-Instruct (config.json, model card)',
      'github.com/MoonshotAI/Kimi-K2:README.md@11062d119a82873f7f786cd2733c57d42ee65b79 (Model Summary: 1T total, 32B activated, 61 layers incl. 1 dense, attention hidden 7168, MoE hidden 2048 per expert, 64 heads, 384 experts, 8 selected, 1 shared, vocab 160K, context 128K, MLA, SwiGLU; "Our model checkpoints are stored in block-fp8 format"; code and weights under the Modified MIT License)',
      'github.com/zyzshishui/slime:scripts/models/kimi-k2.sh@34bba0b8fc1fd5614636a2b8157d17037cd5f47f (fork of THUDM/slime: 61 layers, first_k_dense_replace 1, hidden 7168, dense FFN 18432, 64 heads, vocab 163840, q_lora_rank 1536, kv_lora_rank 512, qk head 128, rope head 64, v head 128, 384 experts, expert FFN 2048, top-8, shared expert 2048, routed scaling 2.827)',
      'Kimi K2 Technical Report, arXiv:2507.20534',
    ],
    notes:
      'DeepSeek-V3 architecture (MLA + DeepSeekMoE) with 64 heads instead of 128 and 384 routed experts instead of 256; first layer dense (first_k_dense_replace 1), 60 MoE layers (moe.layers 60). q_lora_rank 1536, qk_nope_head_dim 128, qk_rope_head_dim 64, v_head_dim 128 (q/k head = 128 + 64 = 192). MLA KV cache = (512 + 64) elements per layer per token, the same as DeepSeek-V3. 1T / 32B as the vendor states it (a config count gives about 1.03T). Official checkpoint ships block-FP8, hence weight_precision fp8. Context 128K (config max_position_embeddings 131072; the later Kimi-K2-Instruct-0905 extends to 256K). Vocab 163,840 (card: 160K).',
  },

  // ---------------------------------------------------------------- GLM
  {
    id: 'glm-4.5',
    name: 'GLM-4.5',
    license: 'MIT',
    spec: {
      total_params_b: 355,
      active_params_b: 32,
      layers: 92,
      hidden_size: 5120,
      attention: { type: 'gqa', heads: 96, kv_heads: 8, head_dim: 128 },
      moe: { experts: 160, experts_per_token: 8, shared_experts: 1, layers: 89 },
      context_tokens: 131072,
    },
    sources: [
      'https://huggingface.co/zai-org/GLM-4.5 (config.json, model card: 355B total / 32B active; base, hybrid-reasoning and FP8 versions released under MIT)',
      'GLM-4.5: Agentic, Reasoning, and Coding (ARC) Foundation Models, arXiv:2508.06471',
      'github.com/zyzshishui/slime:scripts/models/glm4.5-355B-A32B.sh@ffec53408dc6eac7ed6af9a17dc090e0458a7260 (fork of THUDM/slime, the GLM team RL framework: 3 dense + 89 MoE layers, 96 heads, 8 query groups, kv-channels 128, hidden 5120, dense FFN 12288, expert FFN 1536, shared expert 1536, 160 experts, top-8, rotary-percent 0.5, vocab 151552)',
      'Third-party config copies (exact-string search): GLM-4.5 config num_hidden_layers 92, 96 heads, 8 KV heads, head_dim 128, hidden 5120, max_position_embeddings 131072; a GLM-4.7 (same architecture) config with n_routed_experts 160, num_experts_per_tok 8, n_shared_experts 1, moe_intermediate_size 1536, first_k_dense_replace 3, num_nextn_predict_layers 1, vocab 151552, bfloat16',
    ],
    notes:
      'GQA (not MLA) with many heads: hidden_size (5120) is smaller than heads x head_dim (12288). Partial RoPE (half the head dim), QK-norm. 92 decoder layers (first 3 dense, 89 MoE with 160 routed experts, top-8, plus 1 shared expert of 1536); one extra MTP layer (num_nextn_predict_layers 1) for speculative decoding is not in layers. 355B / 32B as the model card states it (whether that includes the MTP layer is not stated). moe.layers 89. Main checkpoint BF16; zai-org/GLM-4.5-FP8 is the FP8 release (set weight_precision fp8 for it). Context 128K (config max_position_embeddings 131072). Vocab 151,552.',
  },
  {
    id: 'glm-4.5-air',
    name: 'GLM-4.5-Air',
    license: 'MIT',
    spec: {
      total_params_b: 106,
      active_params_b: 12,
      layers: 46,
      hidden_size: 4096,
      attention: { type: 'gqa', heads: 96, kv_heads: 8, head_dim: 128 },
      moe: { experts: 128, experts_per_token: 8, shared_experts: 1, layers: 45 },
      context_tokens: 131072,
    },
    sources: [
      'https://huggingface.co/zai-org/GLM-4.5-Air (config.json, model card: 106B total / 12B active, MIT)',
      'GLM-4.5: Agentic, Reasoning, and Coding (ARC) Foundation Models, arXiv:2508.06471',
      'github.com/zyzshishui/slime_:scripts/models/glm4.5-106B-A12B.sh@78327e3fd943bc50ad7c7e40e2bf62dfdb338138 (fork of THUDM/slime: 1 dense + 45 MoE layers, 96 heads, 8 query groups, kv-channels 128, hidden 4096, dense FFN 10944, expert FFN 1408, shared expert 1408, 128 experts, top-8, rotary-percent 0.5, vocab 151552)',
      'github.com/huggingface/transformers:src/transformers/models/glm4_moe/configuration_glm4_moe.py@008c726d1655845afb7ca71013b984ceac231e57 (Glm4MoeConfig defaults match Air: vocab 151552, hidden 4096, intermediate 10944, 46 layers, 96 heads, 8 KV heads, partial_rotary_factor 0.5, max_position_embeddings 131072, moe_intermediate_size 1408, top-8, 128 experts)',
    ],
    notes:
      'Same design as GLM-4.5, smaller: 46 layers (first dense, 45 MoE with 128 routed experts, top-8, plus 1 shared expert of 1408), plus one MTP layer not counted in layers. hidden_size (4096) is smaller than heads x head_dim (12288). moe.layers 45. Main checkpoint BF16; zai-org/GLM-4.5-Air-FP8 is the FP8 release. Context 128K. Vocab 151,552.',
  },

  // ---------------------------------------------------------------- Mistral / Llama 3.2
  {
    id: 'mixtral-8x22b',
    name: 'Mixtral 8x22B (v0.1)',
    license: 'Apache-2.0',
    spec: {
      total_params_b: 141,
      active_params_b: 39,
      layers: 56,
      hidden_size: 6144,
      attention: { type: 'gqa', heads: 48, kv_heads: 8, head_dim: 128 },
      moe: { experts: 8, experts_per_token: 2, shared_experts: 0 },
      context_tokens: 65536,
    },
    sources: [
      'https://huggingface.co/mistralai/Mixtral-8x22B-v0.1 (config.json)',
      'https://huggingface.co/mistralai/Mixtral-8x22B-Instruct-v0.1 (model card)',
      'Mistral AI, "Cheaper, Better, Faster, Stronger" (https://mistral.ai/news/mixtral-8x22b): sparse MoE using 39B active parameters out of 141B, 64K context, Apache 2.0',
      'microsoft/superbenchmark model registry (pytorch-mixtral-8x22b, "Ref: https://huggingface.co/mistralai/Mixtral-8x22B-v0.1/blob/main/config.json"): hidden 6144, 56 layers, 48 heads, intermediate 16384, 8 KV heads, max_position_embeddings 65536',
      'Third-party MoE table citing the same config.json: Mixtral-8x22B, 8 experts, top-2, hidden 6144, 48 heads, 8 KV heads, head_dim 128, expert FFN 16384',
    ],
    notes:
      '141B total / 39B active per Mistral. Every layer MoE (8 experts, top-2, no shared expert), expert FFN 16,384. head_dim = 6144 / 48. No sliding window (unlike Mistral 7B v0.1). Context 64K (config max_position_embeddings 65536).',
  },
  {
    id: 'mistral-7b-instruct-v0.3',
    name: 'Mistral 7B Instruct v0.3',
    license: 'Apache-2.0',
    spec: {
      total_params_b: 7.25,
      active_params_b: 7.25,
      layers: 32,
      hidden_size: 4096,
      attention: { type: 'gqa', heads: 32, kv_heads: 8, head_dim: 128 },
      moe: null,
      context_tokens: 32768,
    },
    sources: [
      'https://huggingface.co/mistralai/Mistral-7B-Instruct-v0.3 (config.json, model card)',
      'Mistral 7B, arXiv:2310.06825',
      'Lightning-AI litgpt config registry ("https://huggingface.co/mistralai/Mistral-7B-Instruct-v0.3/blob/main/config.json"): padded_vocab_size 32768, block_size 32768, 32 layers, 8 query groups, intermediate 14336, RMSNorm',
      'Third-party KV-cache table citing the same config.json: Mistral-7B-v0.3, 32 layers, hidden 4096, 32 / 8 heads, head_dim 128, 7.25B parameters',
    ],
    notes:
      'Dense. v0.3 = v0.2 architecture with the vocabulary extended to 32,768 (v3 tokenizer) and function calling. head_dim = 4096 / 32. Context 32,768; v0.2/v0.3 dropped the 4,096-token sliding window of v0.1, so no sliding_window fields. 7.25B is the Hugging Face parameter count (marketed as 7B). Vocab 32,768.',
  },
  {
    id: 'llama-3.2-1b',
    name: 'Llama 3.2 1B',
    license: 'Llama 3.2 Community License',
    spec: {
      total_params_b: 1.24,
      active_params_b: 1.24,
      layers: 16,
      hidden_size: 2048,
      attention: { type: 'gqa', heads: 32, kv_heads: 8, head_dim: 64 },
      moe: null,
      context_tokens: 131072,
    },
    sources: [
      'https://huggingface.co/meta-llama/Llama-3.2-1B (config.json, model card)',
      'apple/axlearn param-converter test, config_dict_1b "based on https://huggingface.co/meta-llama/Llama-3.2-1B/blob/main/config.json": vocab 128256, hidden 2048, intermediate 8192, 16 layers, 32 heads, 8 KV heads, max_position_embeddings 131072, tie_word_embeddings true, rope llama3 factor 32 over 8192, bfloat16',
      'Third-party torchtitan config for Llama 3.2 1B (same config.json): d_head 64, shared embedding, 1,235,746,816 params',
    ],
    notes:
      'Dense. head_dim 64 (= 2048 / 32). Tied input/output embeddings (the 262M-parameter embedding counted once). 1.24 = 1,235,746,816 counted from the config (model card: 1.23B). Context 128K (config 131,072, llama3 rope scaling). Vocab 128,256.',
    estimated: ['total_params_b', 'active_params_b'],
  },
  {
    id: 'llama-3.2-3b',
    name: 'Llama 3.2 3B',
    license: 'Llama 3.2 Community License',
    spec: {
      total_params_b: 3.21,
      active_params_b: 3.21,
      layers: 28,
      hidden_size: 3072,
      attention: { type: 'gqa', heads: 24, kv_heads: 8, head_dim: 128 },
      moe: null,
      context_tokens: 131072,
    },
    sources: [
      'https://huggingface.co/meta-llama/Llama-3.2-3B (config.json, model card)',
      'github.com/zyzshishui/slime:scripts/models/llama3.2-3B.sh@21631acb3181adc3ac648489133ed574f5dbe59e (fork of THUDM/slime: 28 layers, hidden 3072, FFN 8192, 24 heads, 8 query groups, kv-channels 128, max_position_embeddings 131072, rope base 500000 with scaling factor 32, vocab 128256)',
      'Third-party torchtitan config for Llama 3.2 3B (same config.json): dim 3072, 28 layers, 24 heads, 8 KV heads, FFN 8192, shared embedding, 3,212,574,720 params',
    ],
    notes:
      'Dense. head_dim 128 = 3072 / 24. Tied input/output embeddings (the slime script unties them; the torchtitan count assumes them shared). 3.21 = 3,212,574,720 counted from the config (model card: 3.21B). Context 128K. Vocab 128,256.',
    estimated: ['total_params_b', 'active_params_b'],
  },

  // ---------------------------------------------------------------- DeepSeek / Qwen3-Coder
  {
    id: 'deepseek-v3.1',
    name: 'DeepSeek-V3.1',
    license: 'MIT (code and weights)',
    spec: DEEPSEEK_V3_SPEC,
    sources: [
      'https://huggingface.co/deepseek-ai/DeepSeek-V3.1 (config.json, model card)',
      'https://huggingface.co/deepseek-ai/DeepSeek-V3 (config.json; same DeepseekV3ForCausalLM architecture)',
      'DeepSeek-V3 Technical Report, arXiv:2412.19437',
      'https://openrouter.ai/deepseek/deepseek-chat-v3.1 (671B parameters, 37B active; two-phase long-context extension of the V3 base to 128K; FP8 microscaling)',
    ],
    notes:
      'Same architecture as DeepSeek-V3 (V3.1-Base is the V3 base checkpoint with two-phase long-context extension; model_type deepseek_v3): q_lora_rank 1536, qk_nope_head_dim 128, v_head_dim 128; first 3 layers dense; 671B excludes the 14B MTP module. Hybrid thinking / non-thinking via chat template: set a reasoning mix for its thinking tokens. Official checkpoint ships FP8 (block-scaled), hence weight_precision fp8. Context 128K (config max_position_embeddings 163840). MLA KV cache = (512 + 64) elements per layer per token. Vocab 129,280.',
    estimated: ['layers', 'hidden_size', 'attention'],
  },
  {
    id: 'qwen3-coder-480b-a35b',
    name: 'Qwen3-Coder-480B-A35B-Instruct',
    license: 'Apache-2.0',
    spec: {
      total_params_b: 480,
      active_params_b: 35,
      layers: 62,
      hidden_size: 6144,
      attention: { type: 'gqa', heads: 96, kv_heads: 8, head_dim: 128 },
      moe: { experts: 160, experts_per_token: 8, shared_experts: 0 },
      context_tokens: 262144,
    },
    sources: [
      'https://huggingface.co/Qwen/Qwen3-Coder-480B-A35B-Instruct (config.json, model card)',
      'Model card as copied at https://huggingface.co/unsloth/Qwen3-Coder-480B-A35B-Instruct-1M: 480B total / 35B activated, 62 layers, 96 Q / 8 KV heads, 160 experts, 8 activated, 262,144 native context (1M with YaRN), non-thinking only',
      'https://featherless.ai/models/Qwen/Qwen3-Coder-480B-A35B-Instruct/readme (license apache-2.0)',
      'Third-party parameter-counter test embedding the config: qwen3_moe, hidden 6144, intermediate 8192, 62 layers, 96 heads, 8 KV heads, head_dim 128, vocab 151936, 160 experts, top-8, moe_intermediate_size 2560, no shared expert, bfloat16',
    ],
    notes:
      'All 62 layers MoE, 160 routed experts (FFN 2560), top-8, no shared expert. hidden_size (6144) is smaller than heads x head_dim (12288). Main checkpoint BF16; Qwen also ships Qwen3-Coder-480B-A35B-Instruct-FP8 (set weight_precision fp8 for it). Context 262,144 native (1M with YaRN per the card). Vocab 151,936.',
  },

  // ---------------------------------------------------------------- Gemma
  {
    id: 'gemma-3-27b-it',
    name: 'Gemma 3 27B IT (gemma-3-27b-it)',
    license: 'Gemma Terms of Use',
    spec: {
      total_params_b: 27,
      active_params_b: 27,
      layers: 62,
      hidden_size: 5376,
      attention: {
        type: 'gqa',
        heads: 32,
        kv_heads: 16,
        head_dim: 128,
        sliding_window_layers: 52,
        sliding_window_tokens: 1024,
      },
      moe: null,
      context_tokens: 131072,
    },
    sources: [
      'https://huggingface.co/google/gemma-3-27b-it (config.json text_config, model card)',
      'Gemma 3 Technical Report, arXiv:2503.19786 (5 local : 1 global layers, local window 1024, 128K context)',
      'Third-party test fixture gemma3_27b_config_dict (copy of the 27B text config): head_dim 128, hidden 5376, intermediate 21504, max_position_embeddings 131072, 32 heads, 62 layers, 16 KV heads, query_pre_attn_scalar 168, sliding_window 1024, rope_local_base_freq 10000, rope_theta 1e6, linear rope scaling 8, vocab 262208',
      'Third-party test GEMMA3_27B_CONFIG (Gemma3ForConditionalGeneration, text_config sliding_window_pattern 6, SigLIP vision_config)',
    ],
    notes:
      'Dense. hidden_size (5376) differs from heads x head_dim (4096). Interleaved attention, sliding_window_pattern 6 (5 local : 1 global): of 62 layers, every 6th is global (10 global), the other 52 attend over and cache at most 1,024 tokens (sliding_window_layers 52 / tokens 1024). Context 128K (config 131,072). Vocab 262,208 (config; 262,144 tokenizer + image tokens). Weights BF16. 27B as the model card names it; the checkpoint is a VLM (SigLIP vision encoder, about 0.4B) not counted separately.',
    estimated: ['total_params_b', 'active_params_b'],
  },
];
