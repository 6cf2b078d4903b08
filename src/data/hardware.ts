/**
 * Hardware preset catalog: public spec-sheet figures and rental prices for AI
 * accelerators. Every figure cites a source in `sources` or
 * `priceSource`; `notes` keeps the counting conventions and caveats, and
 * `estimated` names the fields that are derived, third-party or unverified.
 *
 * Conventions (as in the reference data):
 * - `dense_tflops`: dense peak tensor throughput per accelerator, TFLOP/s
 *   (TOP/s for int8), WITHOUT 2:4 structured sparsity. Where a vendor publishes
 *   only "with sparsity" figures the dense value is half of that. null = not
 *   supported or not published; a scenario that needs it gets an error asking
 *   for the figure.
 * - `price_usd_per_hour`: ONE on-demand price per accelerator-hour with its
 *   provider, offer and date in `priceSource`/`priceAsOf`; null where no
 *   on-demand figure was found. Prices differ 2-3x between providers for the
 *   same chip: set your own in the scenario. Where there is a choice, the row
 *   is a specialty-cloud on-demand list price (Nebius, Lambda), the same tier
 *   as the H100 SXM market median, so that chips compare like for like;
 *   hyperscaler list prices for the same chip are quoted in `priceSource`.
 * - `accelerators_per_node`: the scale-up (NVLink / Infinity Fabric /
 *   NeuronLink) domain, set only where the reference data states it; omitted
 *   otherwise, so the scenario default (8) applies and the notes say so.
 */
import type { HardwarePreset } from './types.js';

const SKYPILOT_UNDATED = 'undated: skypilot-catalog bot snapshot (commit date not known; read 2026-11)';

export const HARDWARE_PRESETS: readonly HardwarePreset[] = [
  {
    id: 'a100-80gb-sxm',
    name: 'NVIDIA A100 80GB SXM',
    vendor: 'NVIDIA',
    year: 2020,
    interconnect: 'NVLink 3 (600 GB/s per GPU), PCIe Gen4',
    priceAsOf: SKYPILOT_UNDATED,
    priceSource:
      'Lambda, gpu_8x_a100_80gb_sxm4 on-demand (one price for every Lambda region): $22.32/h for 8 GPUs = $2.79/GPU-h; github.com/skypilot-org/skypilot-catalog:catalogs/v8/lambda/vms.csv@0f4070387edc953d7004cff197940e1918a1d6aa. Same chip elsewhere: GCP a2-ultragpu-8g us-central1 $2.9458/GPU-h, AWS p4de.24xlarge us-east-1 $3.4309/GPU-h.',
    spec: {
      dense_tflops: { fp16: 312, bf16: 312, fp8: null, fp4: null, int8: 624 },
      memory_gb: 80,
      memory_bandwidth_tb_per_s: 2.039,
      power_w: 400,
      price_usd_per_hour: 2.79,
      accelerators_per_node: 8,
      scale_up_gb_per_s: 300,
      scale_out_gb_per_s: 50,
      gemm_fraction_of_peak: 0.81,
    },
    sources: ['NVIDIA A100 Tensor Core GPU datasheet (nvidia.com/en-us/data-center/a100/)'],
    notes:
      'Dense figures (datasheet gives 624 FP16/BF16 and 1248 INT8 with sparsity). No FP8/FP4 tensor support (Ampere). 8 GPUs per HGX/DGX A100 board. Third-party tier ranges (Mercatus, May 2026): $1.50-3.00 hyperscaler, $1.10-1.50 specialty, $0.80-1.10 long-tail per GPU-hour. Links (docs/sources-interconnect.md §1-2): NVLink 3: 12 links x 25 GB/s per direction = 300 GB/s (NCCL maintainer, nccl-tests#149).',
  },
  {
    id: 'h100-sxm',
    name: 'NVIDIA H100 SXM5 80GB',
    vendor: 'NVIDIA',
    year: 2022,
    interconnect: 'NVLink 4 (900 GB/s per GPU), PCIe Gen5',
    priceAsOf: '2026-05',
    priceSource:
      'https://aimultiple.com/gpu-index (Cloud GPU Rental Price Index, median on-demand H100 $/GPU-hour across 37 providers; third-party aggregate). Matches Nebius gpu-h100-sxm on-demand ($2.95/GPU-h, eu-north1, skypilot-catalog nebius/vms.csv@0082b0435f3912ae4c566856b272455cc78f4f61); Lambda $3.99, GCP a3-highgpu-8g us-central1 $5.3833, AWS p5.48xlarge us-east-1 $6.88 per GPU-h.',
    spec: {
      dense_tflops: { fp16: 989.5, bf16: 989.5, fp8: 1979, fp4: null, int8: 1979 },
      memory_gb: 80,
      memory_bandwidth_tb_per_s: 3.35,
      power_w: 700,
      price_usd_per_hour: 2.95,
      accelerators_per_node: 8,
      scale_up_gb_per_s: 450,
      scale_out_gb_per_s: 50,
    },
    sources: [
      'Measured GEMM share 0.81: stas00/ml-engineering @744d01e1, compute/accelerator/README.md, "Maximum Achievable Matmul FLOPS comparison table": A100 SXM 271.2 of 312 bf16 (0.869), in the same table as H100 SXM at 794.5 of 989 (0.803); in the terms of REFERENCE_GEMM_FRACTION (0.75, the H100/H200 8192³ GEMM of measured-kernels.md) 0.869 × 0.75 / 0.803 = 0.81',
      'NVIDIA H100 Tensor Core GPU datasheet (nvidia.com/en-us/data-center/h100/)',
      'https://github.com/scaleway/docs-content/pull/5834.diff (3.35 TB/s SXM vs 2 TB/s PCIe, 900 GB/s NVLink)',
      'https://www.mercatus-ai.com/blog/cloud-gpu-pricing (May 2026 on-demand ranges by provider tier; third-party)',
    ],
    notes:
      'Datasheet lists 1979 BF16 / 3958 FP8 / 3958 INT8 "with sparsity"; dense = half. No FP4 (Hopper). 8 GPUs per HGX/DGX H100 board. Price is a THIRD-PARTY MEDIAN, not one provider\'s list price; Mercatus (May 2026) gives on-demand ranges of $3.50-5.00 (hyperscalers), $2.50-3.50 (specialty clouds), $1.99-2.50 (long-tail). Links (docs/sources-interconnect.md §1-2): NVLink 4: 900 GB/s both directions = 450 GB/s per direction (NCCL maintainer, nvidia/nccl#1442); one ConnectX-7 400 Gb/s NIC per GPU = 50 GB/s.',
    estimated: ['price_usd_per_hour'],
  },
  {
    id: 'h100-pcie',
    name: 'NVIDIA H100 PCIe 80GB',
    vendor: 'NVIDIA',
    year: 2022,
    interconnect: 'PCIe Gen5 (128 GB/s); optional NVLink bridge (600 GB/s)',
    priceAsOf: SKYPILOT_UNDATED,
    priceSource:
      'Lambda, gpu_1x_h100_pcie on-demand (one price for every Lambda region): $3.29/GPU-h; github.com/skypilot-org/skypilot-catalog:catalogs/v8/lambda/vms.csv@0f4070387edc953d7004cff197940e1918a1d6aa. (Higher than the H100 SXM median above: different sources, not a like-for-like comparison.)',
    spec: {
      dense_tflops: { fp16: 756, bf16: 756, fp8: 1513, fp4: null, int8: 1513 },
      memory_gb: 80,
      memory_bandwidth_tb_per_s: 2.0,
      power_w: 350,
      price_usd_per_hour: 3.29,
      scale_up_gb_per_s: 64,
      scale_out_gb_per_s: 50,
    },
    sources: [
      'NVIDIA H100 Tensor Core GPU datasheet (nvidia.com/en-us/data-center/h100/)',
      'https://github.com/scaleway/docs-content/pull/5834.diff',
    ],
    notes:
      'Datasheet PCIe column 1513 BF16 / 3026 FP8 with sparsity; dense = half. TDP 300-350 W configurable (upper bound used). Not the H100 NVL (94 GB) part. GPUs per server not stated in the reference data: accelerators_per_node is left to the default (8); GPUs talk over PCIe (NVLink bridges join pairs only), so tensor parallelism beyond 2 GPUs is slower than on SXM parts. Links (docs/sources-interconnect.md §1-2): PCIe Gen5 x16: 64 GB/s per direction (NVLink bridges join pairs only).',
  },
  {
    id: 'h200',
    name: 'NVIDIA H200 SXM 141GB',
    vendor: 'NVIDIA',
    year: 2024,
    interconnect: 'NVLink 4 (900 GB/s per GPU), PCIe Gen5',
    priceAsOf: SKYPILOT_UNDATED,
    priceSource:
      'Nebius, gpu-h200-sxm_8gpu-128vcpu-1600gb on-demand (eu-north1, eu-west1, us-central1): $28.00/h for 8 GPUs = $3.50/GPU-h; github.com/skypilot-org/skypilot-catalog:catalogs/v8/nebius/vms.csv@0082b0435f3912ae4c566856b272455cc78f4f61. Same chip elsewhere: AWS p5en.48xlarge us-east-1 $7.912/GPU-h; GCP a3-ultragpu-8g us-central1 $10.845/GPU-h (GCP GPU split unverified; europe-west4 $6.1852).',
    spec: {
      dense_tflops: { fp16: 989.5, bf16: 989.5, fp8: 1979, fp4: null, int8: 1979 },
      memory_gb: 141,
      memory_bandwidth_tb_per_s: 4.8,
      power_w: 700,
      price_usd_per_hour: 3.5,
      accelerators_per_node: 8,
      scale_up_gb_per_s: 450,
      scale_out_gb_per_s: 50,
    },
    sources: [
      'NVIDIA H200 Tensor Core GPU datasheet (nvidia.com/en-us/data-center/h200/)',
      'https://aiwiki.ai/wiki/nvidia_h200 (third-party summary)',
    ],
    notes:
      'Same GH100 compute as H100 SXM; datasheet FP8 3958 TFLOPS is with sparsity. 8 GPUs per HGX H200 board. H200 NVL (PCIe) is up to 600 W. Third-party tier ranges (Mercatus, May 2026): $4.50-7.00 hyperscaler, $3.50-4.50 specialty, $2.50-3.50 long-tail per GPU-hour. Links (docs/sources-interconnect.md §1-2): NVLink 4 as H100 SXM: 450 GB/s per direction; one ConnectX-7 400 Gb/s NIC per GPU = 50 GB/s.',
  },
  {
    id: 'l40s',
    name: 'NVIDIA L40S',
    vendor: 'NVIDIA',
    year: 2023,
    interconnect: 'PCIe Gen4 x16 (64 GB/s bidirectional); no NVLink',
    priceAsOf: SKYPILOT_UNDATED,
    priceSource:
      'Nebius, gpu-l40s-a_1gpu-8vcpu-32gb on-demand eu-north1 (smallest L40S preset): $1.5484/GPU-h; github.com/skypilot-org/skypilot-catalog:catalogs/v8/nebius/vms.csv@0082b0435f3912ae4c566856b272455cc78f4f61. Larger vCPU/RAM presets cost more (gpu-l40s-d_4gpu-128vcpu-768gb $2.2844/GPU-h). No US-region row found.',
    spec: {
      dense_tflops: { fp16: 362.05, bf16: 362.05, fp8: 733, fp4: null, int8: 733 },
      memory_gb: 48,
      memory_bandwidth_tb_per_s: 0.864,
      power_w: 350,
      price_usd_per_hour: 1.5484,
      scale_up_gb_per_s: 32,
      scale_out_gb_per_s: 50,
    },
    sources: [
      'NVIDIA L40S datasheet (nvidia.com/en-us/data-center/l40s/)',
      'https://www.mullet.se/product.html?product_id=355414 (reseller copy of the datasheet table)',
    ],
    notes:
      'GDDR6, not HBM. Datasheet 733 BF16 / 1466 FP8 / 1466 INT8 with sparsity; dense = half. GPUs per server not stated in the reference data: accelerators_per_node is left to the default (8); no NVLink, so multi-GPU tensor parallelism runs over PCIe. Links (docs/sources-interconnect.md §1-2): PCIe Gen4 x16: 32 GB/s per direction; no NVLink.',
  },
  {
    id: 'b200',
    name: 'NVIDIA B200 (HGX B200, 1000 W)',
    vendor: 'NVIDIA',
    year: 2024,
    interconnect: 'NVLink 5 (1.8 TB/s per GPU), PCIe Gen6',
    priceAsOf: SKYPILOT_UNDATED,
    priceSource:
      'Nebius, gpu-b200-sxm_8gpu-160vcpu-1792gb on-demand us-central1: $44.00/h for 8 GPUs = $5.50/GPU-h; github.com/skypilot-org/skypilot-catalog:catalogs/v8/nebius/vms.csv@0082b0435f3912ae4c566856b272455cc78f4f61. Same chip elsewhere: Lambda gpu_8x_b200_sxm6 $6.69, GCP a4-highgpu-8g us-central1 $11.277, AWS p6-b200.48xlarge us-east-1 $14.2416 per GPU-h.',
    spec: {
      dense_tflops: { fp16: 2250, bf16: 2250, fp8: 4500, fp4: 9000, int8: 4500 },
      memory_gb: 180,
      memory_bandwidth_tb_per_s: 7.7,
      power_w: 1000,
      price_usd_per_hour: 5.5,
      accelerators_per_node: 8,
      scale_up_gb_per_s: 900,
      scale_out_gb_per_s: 50,
      gemm_fraction_of_peak: 0.725,
      mma_tile_rows: 128,
    },
    sources: [
      'Measured GEMM share 0.725: stas00/ml-engineering @744d01e1, compute/accelerator/README.md, "Maximum Achievable Matmul FLOPS comparison table": B200 SXM 1,745 of 2,250 bf16 (0.776), in the same table as H100 SXM at 794.5 of 989 (0.803); in the terms of REFERENCE_GEMM_FRACTION (0.75, the H100/H200 8192³ GEMM of measured-kernels.md) 0.776 × 0.75 / 0.803 = 0.725',
      'MMA tile: 128 rows, tcgen05.mma with cta_group::1 (M = 64 or 128; 128 or 256 with cta_group::2), NVIDIA PTX ISA 8.7+, "tcgen05.mma" valid shapes; CUTLASS SM100 GEMMs tile M at 128 or 256',
      'NVIDIA HGX B200 / DGX B200 datasheets (nvidia.com/en-us/data-center/hgx/, dgx-b200)',
      'https://glennklockwood.com/garden/processors/B200 (third-party table, HGX B200 @1000 W)',
      'https://verda.com/blog/gb300-nvl72-architecture (third-party per-GPU table)',
    ],
    notes:
      'Dense values; NVIDIA headline figures (e.g. 18 PF FP4) are with sparsity. Marketed as 192 GB HBM3e at launch; HGX/DGX B200 ship 180 GB usable (1.44 TB per 8 GPUs). Bandwidth quoted as 8 TB/s (launch) and 7.7 TB/s (HGX spec, 62 TB/s per 8). 8 GPUs per HGX/DGX B200. Third-party range (lyceum.technology, Mar 2026): $4.50-6.00 on-demand on specialized clouds. Links (docs/sources-interconnect.md §1-2): NVLink 5: 1.8 TB/s both directions = 900 GB/s per direction (MLPerf system file: 18 links, 14.4 TB/s for 8 GPUs); 8 x ConnectX-7 400 Gb/s = 50 GB/s per GPU (same file).',
  },
  {
    id: 'gb200',
    name: 'NVIDIA GB200 (per Blackwell GPU, in GB200 NVL72)',
    vendor: 'NVIDIA',
    year: 2024,
    interconnect: 'NVLink 5 (1.8 TB/s per GPU, 72-GPU NVLink domain); NVLink-C2C to Grace CPU',
    spec: {
      dense_tflops: { fp16: 2500, bf16: 2500, fp8: 5000, fp4: 10000, int8: 5000 },
      memory_gb: 186,
      memory_bandwidth_tb_per_s: 8.0,
      power_w: 1200,
      price_usd_per_hour: null,
      accelerators_per_node: 72,
      scale_up_gb_per_s: 900,
      scale_out_gb_per_s: 50,
      gemm_fraction_of_peak: 0.681,
      mma_tile_rows: 128,
    },
    sources: [
      'Measured GEMM share 0.681: stas00/ml-engineering @744d01e1, compute/accelerator/README.md, "Maximum Achievable Matmul FLOPS comparison table": GB200 SXM 1,822 of 2,500 bf16 (0.729), in the same table as H100 SXM at 794.5 of 989 (0.803); in the terms of REFERENCE_GEMM_FRACTION (0.75, the H100/H200 8192³ GEMM of measured-kernels.md) 0.729 × 0.75 / 0.803 = 0.681',
      'MMA tile: 128 rows, tcgen05.mma with cta_group::1 (M = 64 or 128; 128 or 256 with cta_group::2), NVIDIA PTX ISA 8.7+, "tcgen05.mma" valid shapes; CUTLASS SM100 GEMMs tile M at 128 or 256',
      'NVIDIA GB200 NVL72 specifications (nvidia.com/en-us/data-center/gb200-nvl72/)',
      'https://glennklockwood.com/garden/processors/B200 (third-party, GB200 variant @1200 W)',
    ],
    notes:
      'Per-GPU values derived from rack totals (FP4 1,440 PF, FP8 720 PF, FP16 360 PF, INT8 720 POPS, all with sparsity; HBM3e up to 13.4 TB, 576 TB/s) divided by 72 and halved for dense. 1200 W per GPU is a third-party figure (glennklockwood). accelerators_per_node = the 72-GPU NVLink domain. No public per-GPU on-demand price found: price is null, set your own. Links (docs/sources-interconnect.md §1-2): NVLink 5: 900 GB/s per direction across the 72-GPU domain; one ConnectX-7 per GPU (Crusoe MLPerf v6.1 system file), 400 Gb/s assumed.',
    estimated: [
      'scale_up_gb_per_s',
      'scale_out_gb_per_s',
      'dense_tflops',
      'memory_gb',
      'memory_bandwidth_tb_per_s',
      'power_w',
    ],
  },
  {
    id: 'gb300',
    name: 'NVIDIA B300 / GB300 Blackwell Ultra (per GPU, GB300 NVL72)',
    vendor: 'NVIDIA',
    year: 2025,
    interconnect: 'NVLink 5 (1.8 TB/s per GPU, 72-GPU domain); ConnectX-8 800 Gb/s per GPU',
    spec: {
      dense_tflops: { fp16: 2500, bf16: 2500, fp8: 5000, fp4: 15000, int8: null },
      memory_gb: 288,
      memory_bandwidth_tb_per_s: 8.0,
      power_w: 1400,
      price_usd_per_hour: null,
      accelerators_per_node: 72,
      scale_up_gb_per_s: 900,
      scale_out_gb_per_s: 100,
      mma_tile_rows: 128,
    },
    sources: [
      'MMA tile: 128 rows, tcgen05.mma with cta_group::1 (M = 64 or 128; 128 or 256 with cta_group::2), NVIDIA PTX ISA 8.7+, "tcgen05.mma" valid shapes; CUTLASS SM100 GEMMs tile M at 128 or 256',
      'NVIDIA GB300 NVL72 specifications (nvidia.com/en-us/data-center/gb300-nvl72/)',
      'https://verda.com/blog/gb300-nvl72-architecture (third-party per-GPU dense table)',
      'https://glennklockwood.com/garden/processors/B300 (third-party)',
    ],
    notes:
      'Rack figures 1,080 PF dense FP4 (1,440 sparse), 720 PF FP8 (sparse), 20 TB HBM3e at 576 TB/s; per GPU = /72. INT8 is heavily cut on Blackwell Ultra (third-party ~165 TOPS dense), left null. HGX B300 (air/1100 W class) is lower: see the b300 preset. Use this entry for NVL72; accelerators_per_node = the 72-GPU NVLink domain. 1400 W per GPU is from third-party tables. No public per-GPU on-demand price found: price is null, set your own. Links (docs/sources-interconnect.md §1-2): NVLink 5: 900 GB/s per direction (assumed equal to GB200, not verified); ConnectX-8 800 Gb/s per GPU = 100 GB/s (reference data interconnect field).',
    estimated: ['scale_up_gb_per_s', 'scale_out_gb_per_s', 'dense_tflops', 'memory_bandwidth_tb_per_s', 'power_w'],
  },
  {
    id: 'b300',
    name: 'NVIDIA B300 (HGX B300, per GPU)',
    vendor: 'NVIDIA',
    year: 2025,
    interconnect: 'NVLink 5 (8-GPU HGX board)',
    spec: {
      dense_tflops: { fp16: null, bf16: 2250, fp8: 4500, fp4: 14000, int8: null },
      memory_gb: 288,
      memory_bandwidth_tb_per_s: 8.0,
      power_w: 1100,
      price_usd_per_hour: null,
      accelerators_per_node: 8,
      scale_up_gb_per_s: 900,
      scale_out_gb_per_s: 50,
      gemm_fraction_of_peak: 0.734,
      mma_tile_rows: 128,
    },
    sources: [
      'Measured GEMM share 0.734: stas00/ml-engineering @744d01e1, compute/accelerator/README.md, "Maximum Achievable Matmul FLOPS comparison table": B300 SXM 1,769 of 2,250 bf16 (0.786), in the same table as H100 SXM at 794.5 of 989 (0.803); in the terms of REFERENCE_GEMM_FRACTION (0.75, the H100/H200 8192³ GEMM of measured-kernels.md) 0.786 × 0.75 / 0.803 = 0.734',
      'MMA tile: 128 rows, tcgen05.mma with cta_group::1 (M = 64 or 128; 128 or 256 with cta_group::2), NVIDIA PTX ISA 8.7+, "tcgen05.mma" valid shapes; CUTLASS SM100 GEMMs tile M at 128 or 256',
      'https://verda.com/blog/gb300-nvl72-architecture (third-party per-GPU dense table: HGX B300 2.25 PF BF16, 4.5 PF FP8, ~14 PF FP4)',
      'https://glennklockwood.com/garden/processors/B300 (third-party; lists 13.1 PF FP4)',
      'NVIDIA GB300 NVL72 specifications (nvidia.com/en-us/data-center/gb300-nvl72/) (288 GB HBM3e, 8 TB/s per Blackwell Ultra GPU)',
    ],
    notes:
      "ESTIMATED / THIRD-PARTY entry for the air-cooled HGX B300 (8 GPUs per board, ~1100 W class). Dense FLOPs are Verda's third-party figures (Klockwood lists 13.1 PF FP4); FP16 is not stated separately (bf16 is used for fp16 work); INT8 is cut on Blackwell Ultra and left null. Memory and bandwidth are the Blackwell Ultra per-GPU figures of the gb300 entry. Price null: the only row found is AWS p6-b300.48xlarge us-west-2 at $142.416/h for 8 GPUs = $17.802/GPU-h (hyperscaler list price, skypilot-catalog aws/vms.csv@00148f2af3672e2229b4f7bf8157d5a3f36e3c35, undated); not set because the other presets carry specialty-cloud prices and this would not compare like for like. Set it in the scenario if that is your provider. Links (docs/sources-interconnect.md §1-2): NVLink 5 generation: 900 GB/s per direction (inferred from the generation, not a primary spec).",
    estimated: [
      'scale_up_gb_per_s',
      'scale_out_gb_per_s',
      'dense_tflops',
      'memory_gb',
      'memory_bandwidth_tb_per_s',
      'power_w',
    ],
  },
  {
    id: 'rubin',
    name: 'NVIDIA Rubin GPU (Vera Rubin platform, per GPU)',
    vendor: 'NVIDIA',
    year: 2026,
    interconnect: 'NVLink 6 (3.6 TB/s per GPU); NVLink-C2C to Vera CPU',
    spec: {
      dense_tflops: { fp16: null, bf16: null, fp8: null, fp4: null, int8: null },
      memory_gb: 288,
      memory_bandwidth_tb_per_s: 22,
      power_w: null,
      price_usd_per_hour: null,
      accelerators_per_node: 72,
      scale_up_gb_per_s: 1800,
      scale_out_gb_per_s: 100,
    },
    sources: [
      'NVIDIA Vera Rubin NVL72 announcement, CES 2026 (nvidia.com/en-us/data-center/vera-rubin-nvl72/)',
      'https://mirrorfrog.com/en/blog/nvidia-vera-rubin-platform-6-chips-deep-dive (third-party)',
    ],
    notes:
      'Announced, not yet measured. NVIDIA quotes 50 PF NVFP4 "inference" and 35 PF NVFP4 "training" per GPU; whether these are dense is not clearly stated, so every FLOP/s figure is null: a scenario needing one must set it. 288 GB HBM4 per GPU is corroborated by several reports; 22 TB/s per GPU comes from third-party write-ups of the CES 2026 figures (mirrorfrog) and matches the ~1,580 TB/s rack figure / 72. Third-party sites list ~1,800 W and 12.5 PF BF16 / 25 PF FP8 (sparse) -- unverified, not used. accelerators_per_node = the 72-GPU NVLink domain of Vera Rubin NVL72. Links (docs/sources-interconnect.md §1-2): NVLink 6: 3.6 TB/s per GPU (reference data) = 1,800 GB/s per direction; scale-out 800 Gb/s assumed.',
    estimated: ['scale_up_gb_per_s', 'scale_out_gb_per_s', 'memory_bandwidth_tb_per_s'],
  },
  {
    id: 'vera-rubin-nvl72',
    name: 'NVIDIA Vera Rubin NVL72 (rack, 72 Rubin GPUs + 36 Vera CPUs)',
    vendor: 'NVIDIA',
    year: 2026,
    unit: 'rack',
    interconnect: 'NVLink 6, 260 TB/s rack-scale all-to-all',
    spec: {
      dense_tflops: { fp16: null, bf16: null, fp8: null, fp4: null, int8: null },
      memory_gb: 20736,
      memory_bandwidth_tb_per_s: 1580,
      power_w: null,
      price_usd_per_hour: null,
      accelerators_per_node: 1,
    },
    sources: [
      'NVIDIA Vera Rubin NVL72 announcement, CES 2026 (nvidia.com/en-us/data-center/vera-rubin-nvl72/)',
      'https://regantih.github.io/reports-lab/sand-to-superintelligence/chapters/14-nvl72-drills.tsv (third-party)',
    ],
    notes:
      'RACK-LEVEL entry (not per GPU): one "accelerator" here is the whole rack, and its price would be per rack-hour. 20.7 TB HBM4 = 72 x 288 GB; ~1,580 TB/s = 72 x 22 TB/s. NVIDIA claims 3.6 EF NVFP4 inference, 2.5 EF NVFP4 training (dense or sparse not stated, so FLOP/s are null), and ~10x lower cost per token vs Blackwell for MoE (vendor claim). Rack power ~190-230 kW is a third-party figure, not used.',
    estimated: ['memory_bandwidth_tb_per_s'],
  },
  {
    id: 'mi300x',
    name: 'AMD Instinct MI300X',
    vendor: 'AMD',
    year: 2023,
    interconnect: 'Infinity Fabric (7 links, 8-GPU fully connected, 896 GB/s aggregate), PCIe Gen5',
    priceAsOf: 'undated (aggregator page carries only a "2025-01-01" label of unclear meaning)',
    priceSource:
      'Vultr, MI300X on-demand as listed by a THIRD-PARTY aggregator: $1.85/GPU-h; https://gpu.blog/gpus/instinct-mi300x-mi300x (stored copy). Corroborated by https://www.cliffcenter.com/research/amd-inference-economics (2026-05-18, third-party: $1.50 TensorWave, $1.85 Vultr, ~$6/h Azure and Oracle). Same aggregator lists TensorWave at $1.71.',
    spec: {
      dense_tflops: { fp16: 1307.4, bf16: 1307.4, fp8: 2614.9, fp4: null, int8: 2614.9 },
      memory_gb: 192,
      memory_bandwidth_tb_per_s: 5.3,
      power_w: 750,
      price_usd_per_hour: 1.85,
      accelerators_per_node: 8,
      scale_up_gb_per_s: 448,
      scale_out_gb_per_s: 50,
      gemm_fraction_of_peak: 0.5,
      memory_fraction_of_peak: 0.77,
    },
    sources: [
      'AMD Instinct MI300X data sheet (amd.com/en/products/accelerators/instinct/mi300/mi300x.html)',
      "Measured GEMM share (0.50, the mean of four): AMD's own hipBLASLt max-achievable FLOPs, ROCm 6.3, 708 TFLOP/s bf16 (0.54) and 1,224-1,273 fp8 (0.47-0.49) (github.com/ROCm/rocm-blogs @8e011952, blogs/software-tools-optimization/measuring-max-achievable-flops-part2/README.md, Feb 2025); 668.4 bf16 best of a shape sweep, torch 2.5.1 + ROCm 6.3 (0.51; the same table has H100 at 0.80: github.com/stas00/ml-engineering @744d01e1, compute/accelerator/README.md); 1,222.9 fp8 at 8192³ on Azure ND MI300X v5 (0.47; the same method gives H100 0.65, H200 0.64: github.com/samuel-bohman/AI-benchmarking-guide @2b25b696, Azure_Results/ND_MI300X_v5_results.md)",
      'Measured memory share (0.77): 4,017 GB/s in a Triton copy kernel, SPX/NPS1 (0.76; rocm-blogs @20c92779, blogs/software-tools-optimization/compute-memory-modes/README.md, Feb 2025); 4.15 TB/s stream copy on Azure ND MI300X v5 (0.78; same Azure results file)',
      'https://yobitel.com/knowledge-base/amd-mi325x (third-party MI300X/MI325X table)',
    ],
    notes:
      "AMD figures without sparsity (sparsity doubles FP16/FP8/INT8). No FP4 (CDNA 3). 8 GPUs per platform (fully connected Infinity Fabric). Price is a third-party aggregator figure, not the provider's own page; hyperscalers list ~3x more. Links (docs/sources-interconnect.md §1-2): Infinity Fabric: 7 links x 64 GB/s per direction = 448 GB/s (AMD ROCm blog mi300x-rccl-xgmi; usable ~48 GB/s per link, which the link efficiency covers).",
    estimated: ['price_usd_per_hour'],
  },
  {
    id: 'mi325x',
    name: 'AMD Instinct MI325X',
    vendor: 'AMD',
    year: 2024,
    interconnect: 'Infinity Fabric (7 links, 8-GPU fully connected), PCIe Gen5',
    spec: {
      dense_tflops: { fp16: 1307.4, bf16: 1307.4, fp8: 2614.9, fp4: null, int8: 2614.9 },
      memory_gb: 256,
      memory_bandwidth_tb_per_s: 6.0,
      power_w: 1000,
      price_usd_per_hour: null,
      accelerators_per_node: 8,
      scale_up_gb_per_s: 448,
      scale_out_gb_per_s: 50,
      gemm_fraction_of_peak: 0.61,
      memory_fraction_of_peak: 0.77,
    },
    sources: [
      'AMD Instinct MI325X data sheet (amd.com/en/products/accelerators/instinct/mi300/mi325x.html)',
      "Measured GEMM share (0.61, the mean of three): AMD's hipBLASLt max-achievable FLOPs, ROCm 6.3, 843 TFLOP/s bf16 (0.64) and 1,519 fp8 (0.58) (rocm-blogs @8e011952, measuring-max-achievable-flops-part2); 784.9 bf16 best of a shape sweep at 1000 W, torch 2.6.0 + ROCm 6.2.4 (0.60; stas00/ml-engineering @744d01e1, compute/accelerator/README.md). Memory share: no MI325X measurement found; MI300X's 0.77 assumed (the same CDNA 3 memory system)",
      'https://awesomeagents.ai/hardware/amd-mi325x (third-party)',
    ],
    notes:
      "Same CDNA 3 compute as MI300X; HBM3E upgrade. 8 GPUs per platform. Third-party rental range $2.00-2.25/GPU-hour quoted by awesomeagents.ai (a range, not one provider's list price, so price left null). Links (docs/sources-interconnect.md §1-2): Infinity Fabric, 7 links: assumed equal to MI300X (a drop-in platform replacement); no primary per-link figure.",
    estimated: ['scale_up_gb_per_s', 'scale_out_gb_per_s', 'memory_fraction_of_peak'],
  },
  {
    id: 'mi355x',
    name: 'AMD Instinct MI355X',
    vendor: 'AMD',
    year: 2025,
    interconnect: 'Infinity Fabric (8-GPU platform), PCIe Gen5',
    spec: {
      dense_tflops: { fp16: 2516.6, bf16: 2516.6, fp8: 5033.2, fp4: 10066.3, int8: 5033.2 },
      memory_gb: 288,
      memory_bandwidth_tb_per_s: 8.0,
      power_w: 1400,
      price_usd_per_hour: null,
      accelerators_per_node: 8,
      scale_up_gb_per_s: 448,
      scale_out_gb_per_s: 50,
      gemm_fraction_of_peak: 0.62,
      memory_fraction_of_peak: 0.9,
    },
    sources: [
      'AMD Instinct MI355X product page / CDNA 4 whitepaper (amd.com/en/products/accelerators/instinct/mi350/mi355x.html)',
      'Measured GEMM share (0.62): hipBLASLt fp8 8192³ ~3,130 TFLOP/s, ROCm 7.1.0 (0.62 of 5,033; rocm-blogs @c9ef8066, blogs/software-tools-optimization/cdna4-gemm-kernels/README.md, Mar 2026); 1,565 bf16 best of a shape sweep, torch 2.8.0 + ROCm 7.0.2 (0.62 of 2,516.6; stas00/ml-engineering @744d01e1)',
      'Measured memory share (0.90): MI350X read-only TransferBench 7,200 of 8,000 GB/s (github.com/ROCm/rocm-systems PR #8480, 2026-07; MI350X is the same CDNA 4 chip at lower power)',
      'https://www.tomshardware.com/pc-components/gpus/amds-instinct-mi355x-accelerator-will-consume-1-400-watts',
      'https://www.theregister.com/2025/06/12/amd_mi355x/',
    ],
    notes:
      'Dense figures; FP4 = MXFP4 (MXFP6 same rate). Tom\'s Hardware quotes 20.1 PF FP4/FP6 "max" (with sparsity). 1400 W TBP, liquid cooled; MI350X is the 1000 W air-cooled sibling. No provider price found: null. Links (docs/sources-interconnect.md §1-2): Infinity Fabric: no primary per-link figure; assumed equal to MI300X.',
    estimated: ['scale_up_gb_per_s', 'scale_out_gb_per_s'],
  },
  {
    id: 'tpu-v5e',
    name: 'Google Cloud TPU v5e',
    vendor: 'Google',
    year: 2023,
    interconnect: 'ICI 400 GB/s bidirectional per chip (4 ports), 2D torus, 256-chip pod',
    priceAsOf: SKYPILOT_UNDATED,
    priceSource:
      'GCP, TPU v5e (tpu-v5litepod-1, 1 chip) on-demand us-central1: $1.20/chip-h; github.com/skypilot-org/skypilot-catalog:catalogs/v8/gcp/vms.csv@006059e0f18acb1341e22a27751e9f80df6ba92f. tpu-v5litepod-8 is the same per-chip rate; europe-west4 $1.56, asia-east1 $1.38948; spot $0.24493.',
    spec: {
      dense_tflops: { fp16: null, bf16: 197, fp8: null, fp4: null, int8: 393 },
      memory_gb: 16,
      memory_bandwidth_tb_per_s: 0.819,
      power_w: null,
      price_usd_per_hour: 1.2,
      scale_up_gb_per_s: 200,
      scale_out_gb_per_s: 50,
    },
    sources: ['https://docs.cloud.google.com/tpu/docs/v5e'],
    notes:
      'Per chip. bf16 only (no fp16 figure; fp16 work falls back to bf16). Docs list HBM bandwidth as 819 GBps (one table says 800 GiBps). Google does not publish TDP. Chips per host are not stated in the reference data (the 256-chip pod is a pod, not a node): accelerators_per_node is left to the default (8). Links (docs/sources-interconnect.md §1-2): ICI 400 GB/s both directions per chip = 200 per direction (Google Cloud TPU v5e docs).',
  },
  {
    id: 'tpu-v6e',
    name: 'Google Cloud TPU v6e (Trillium)',
    vendor: 'Google',
    year: 2024,
    interconnect: 'ICI 800 GB/s bidirectional per chip (4 ports), 2D torus, 256-chip pod',
    priceAsOf: SKYPILOT_UNDATED,
    priceSource:
      'GCP, TPU v6e / Trillium (tpu-v6e-1, 1 chip) on-demand us-central1: $2.70/chip-h; github.com/skypilot-org/skypilot-catalog:catalogs/v8/gcp/vms.csv@006059e0f18acb1341e22a27751e9f80df6ba92f. tpu-v6e-8 is the same per-chip rate; europe-west4 $2.97, asia-northeast1 $3.24; spot $0.54421.',
    spec: {
      dense_tflops: { fp16: null, bf16: 918, fp8: 918, fp4: null, int8: 1836 },
      memory_gb: 32,
      memory_bandwidth_tb_per_s: 1.638,
      power_w: null,
      price_usd_per_hour: 2.7,
      scale_up_gb_per_s: 400,
      scale_out_gb_per_s: 50,
    },
    sources: [
      'https://docs.cloud.google.com/tpu/docs/v6e',
      'https://docs.cloud.google.com/tpu/docs/tpu7x (comparison table lists v6e FP8 = 918, i.e. no FP8 speed-up)',
    ],
    notes:
      'Per chip. bf16 only among 16-bit formats (no fp16 figure). FP8 runs at the BF16 rate. Google does not publish TDP. Chips per host are not stated in the reference data (the 256-chip pod is a pod, not a node): accelerators_per_node is left to the default (8). Links (docs/sources-interconnect.md §1-2): ICI 800 GB/s both directions per chip = 400 per direction (Google Cloud TPU v6e docs).',
  },
  {
    id: 'tpu-7x-ironwood',
    name: 'Google Cloud TPU7x (Ironwood)',
    vendor: 'Google',
    year: 2025,
    interconnect: 'ICI 1.2 TB/s per chip, up to 9,216 chips per pod (optical circuit switches)',
    spec: {
      dense_tflops: { fp16: null, bf16: 2307, fp8: 4614, fp4: null, int8: null },
      memory_gb: 192,
      memory_bandwidth_tb_per_s: 7.3,
      power_w: null,
      price_usd_per_hour: null,
      scale_up_gb_per_s: 600,
      scale_out_gb_per_s: 50,
    },
    sources: [
      'https://docs.cloud.google.com/tpu/docs/tpu7x',
      'https://docs.cloud.google.com/tpu/docs/ironwood-performance',
      'https://mattfife.com/?p=15269 and https://pakinomist.com/?p=106349 (Hot Chips 2025 coverage via TechRadar; third-party)',
    ],
    notes:
      "Per chip (2 TensorCores + 4 SparseCores, 8 HBM3e stacks). Compute and 192 GiB HBM from Google Cloud docs (GiB as stated; 192 GiB = 206 GB, so memory_gb is conservative). Bandwidth 7.3 TB/s and ICI 1.2 TB/s are from third-party Hot Chips 2025 coverage (Google's own launch blog is commonly quoted as 7.37 TB/s; not re-checked). Google does not publish TDP. Price: see cloud.google.com/tpu/pricing (not captured), so null. Chips per host are not stated in the reference data (9,216 is a pod): accelerators_per_node is left to the default (8). Links (docs/sources-interconnect.md §1-2): ICI 1.2 TB/s per chip (third-party), taken as both directions: 600 per direction.",
    estimated: ['scale_up_gb_per_s', 'scale_out_gb_per_s', 'memory_bandwidth_tb_per_s'],
  },
  {
    id: 'trainium2',
    name: 'AWS Trainium2',
    vendor: 'AWS',
    year: 2024,
    interconnect: 'NeuronLink-v3 (4 links per chip; Trn2 server 16 chips, UltraServer 64)',
    spec: {
      dense_tflops: { fp16: 667, bf16: 667, fp8: 1299, fp4: null, int8: null },
      memory_gb: 96,
      memory_bandwidth_tb_per_s: 2.9,
      power_w: null,
      price_usd_per_hour: null,
      accelerators_per_node: 16,
    },
    sources: [
      'https://awsdocs-neuron.readthedocs-hosted.com/en/v2.29.0/_sources/about-neuron/arch/neuron-hardware/trainium2.rst',
      'https://awsdocs-neuron.readthedocs-hosted.com/en/latest/nki/arch/trainium2_arch.html',
    ],
    notes:
      'Per chip (8 NeuronCore-v3). 96 GiB HBM (GiB as stated; memory_gb is conservative). Neuron docs give 2,563 TFLOPS with sparsity (FP8/FP16/BF16/TF32). One NKI guide version says 3 TB/s; 2.9 TB/s used. AWS does not publish chip TDP. 16 chips per Trn2 server. Price null: only a SPOT figure was found (trn2.48xlarge us-east-2 spot $23.0631/h for 16 chips = $1.4414/chip-h, skypilot-catalog aws/vms.csv@00148f2af3672e2229b4f7bf8157d5a3f36e3c35); the on-demand column was empty.',
  },
  {
    id: 'mtia-300',
    name: 'Meta MTIA 300',
    vendor: 'Meta',
    year: 2026,
    spec: {
      dense_tflops: { fp16: null, bf16: 600, fp8: 1200, fp4: null, int8: null },
      memory_gb: 216,
      memory_bandwidth_tb_per_s: 6.1,
      power_w: 800,
      price_usd_per_hour: null,
    },
    sources: [
      'Meta MTIA roadmap announcement, March 2026 (about.fb.com; ai.meta.com blog)',
      'https://www.tomshardware.com/tech-industry/semiconductors/meta-reveals-four-new-mtia-chips-built-for-ai-inference',
      'https://the-decoder.com/meta-unveils-four-generations-of-custom-ai-chips-to-cut-inference-costs-for-billions-of-users/',
    ],
    notes:
      'Announced by Meta (internal-only, not rentable, so no price). Ranking/recommendation training focus; in production. Meta does not say whether FLOPs are dense: if they are sparse, dense is half. No MX4 figure. Interconnect and chips per node not stated: accelerators_per_node is left to the default (8).',
    estimated: ['dense_tflops'],
  },
  {
    id: 'mtia-400',
    name: 'Meta MTIA 400',
    vendor: 'Meta',
    year: 2026,
    interconnect: '72-chip rack scale-up domain',
    spec: {
      dense_tflops: { fp16: null, bf16: 3000, fp8: 6000, fp4: 12000, int8: null },
      memory_gb: 288,
      memory_bandwidth_tb_per_s: 9.2,
      power_w: 1200,
      price_usd_per_hour: null,
      accelerators_per_node: 72,
    },
    sources: [
      'Meta MTIA roadmap announcement, March 2026 (about.fb.com; ai.meta.com blog)',
      'https://www.tomshardware.com/tech-industry/semiconductors/meta-reveals-four-new-mtia-chips-built-for-ai-inference',
      'https://the-decoder.com/meta-unveils-four-generations-of-custom-ai-chips-to-cut-inference-costs-for-billions-of-users/',
    ],
    notes:
      'Announced (vendor figures, unmeasured; internal-only, no price). fp8 = FP8/MX8, fp4 = MX4. Dense vs sparse not stated: if sparse, dense is half. accelerators_per_node = the 72-chip rack scale-up domain. Meta calls it cost-competitive with leading commercial products (vendor claim).',
    estimated: ['dense_tflops'],
  },
  {
    id: 'mtia-450',
    name: 'Meta MTIA 450',
    vendor: 'Meta',
    year: 2027,
    spec: {
      dense_tflops: { fp16: null, bf16: 3500, fp8: 7000, fp4: 21000, int8: null },
      memory_gb: 288,
      memory_bandwidth_tb_per_s: 18.4,
      power_w: 1400,
      price_usd_per_hour: null,
    },
    sources: [
      'Meta MTIA roadmap announcement, March 2026 (about.fb.com; ai.meta.com blog)',
      'https://www.tomshardware.com/tech-industry/semiconductors/meta-reveals-four-new-mtia-chips-built-for-ai-inference',
    ],
    notes:
      'Announced; mass deployment planned early 2027 (internal-only, no price). fp8 = FP8/MX8, fp4 = MX4. Dense vs sparse not stated: if sparse, dense is half. Interconnect and chips per node not stated: accelerators_per_node is left to the default (8).',
    estimated: ['dense_tflops'],
  },
  {
    id: 'mtia-500',
    name: 'Meta MTIA 500',
    vendor: 'Meta',
    year: 2027,
    spec: {
      dense_tflops: { fp16: null, bf16: 5000, fp8: 10000, fp4: 30000, int8: null },
      memory_gb: 512,
      memory_bandwidth_tb_per_s: 27.6,
      power_w: 1700,
      price_usd_per_hour: null,
    },
    sources: [
      'Meta MTIA roadmap announcement, March 2026 (about.fb.com; ai.meta.com blog)',
      'https://www.tomshardware.com/tech-industry/semiconductors/meta-reveals-four-new-mtia-chips-built-for-ai-inference',
    ],
    notes:
      'Announced; planned for 2027 (internal-only, no price). HBM capacity stated as 384-512 GB (upper bound used). fp8 = FP8/MX8, fp4 = MX4. Dense vs sparse not stated: if sparse, dense is half. Interconnect and chips per node not stated: accelerators_per_node is left to the default (8).',
    estimated: ['dense_tflops', 'memory_gb'],
  },
];
