/**
 * Tensor-parallel communication: the all-reduces that join the partial sums
 * of a layer split across accelerators. A ring (or tree) all-reduce of B bytes
 * over n ranks moves 2(n − 1)/n × B bytes through each rank's link (NCCL
 * nccl-tests doc/PERFORMANCE.md, "bus bandwidth"), after a fixed latency α:
 *
 *   t = α + 2(n − 1)/n × B / (link bandwidth × link efficiency)
 *
 * Beyond one scale-up domain (an 8-GPU NVLink board, a 72-GPU NVL72 rack) the
 * reduction is hierarchical: inside each domain of g ranks over the scale-up
 * link, then across the N domains over the scale-out network, each rank
 * carrying 1/g of the message on its own NIC (NCCL's ring-of-rings / tree):
 *
 *   t = α_up + α_out + 2(g − 1)/g × B / up + 2(N − 1)/N × (B / g) / out
 *
 * Per-layer count: a Megatron-style layer all-reduces twice per forward step,
 * after attention and after the feed-forward/MoE block (Shoeybi et al.,
 * "Megatron-LM", arXiv:1909.08053, §3).
 */
export const ALL_REDUCES_PER_LAYER = 2;

export interface AllReduceLink {
  /** Fixed time of one all-reduce, s (0 for one accelerator). */
  readonly latencyS: number;
  /** Seconds per byte of message (0 for one accelerator). */
  readonly secondsPerByte: number;
  /** Whether the replica spans more than one scale-up domain. */
  readonly crossesNodes: boolean;
}

export interface LinkFigures {
  /** Ranks of the collective. */
  readonly accelerators: number;
  /** Accelerators the group's placement spans (a pipeline hop: the whole replica), for whether it leaves a domain; default: its ranks. */
  readonly spread?: number;
  /** Accelerators per scale-up domain. */
  readonly domain: number;
  readonly scaleUpBytesPerS: number;
  readonly scaleOutBytesPerS: number;
  /** Fraction of link bandwidth an all-reduce reaches. */
  readonly efficiency: number;
  readonly scaleUpLatencyS: number;
  readonly scaleOutLatencyS: number;
}

export function allReduceLink(f: LinkFigures): AllReduceLink {
  const n = f.accelerators;
  if (n <= 1) return { latencyS: 0, secondsPerByte: 0, crossesNodes: false };
  const g = Math.min(n, f.domain);
  const domains = Math.ceil(n / g);
  const intra = (2 * (g - 1)) / g / (f.scaleUpBytesPerS * f.efficiency);
  if (domains === 1) return { latencyS: f.scaleUpLatencyS, secondsPerByte: intra, crossesNodes: false };
  const inter = (2 * (domains - 1)) / domains / g / (f.scaleOutBytesPerS * f.efficiency);
  return { latencyS: f.scaleUpLatencyS + f.scaleOutLatencyS, secondsPerByte: intra + inter, crossesNodes: true };
}

/** Time of one all-reduce of `bytes`, s. */
export function allReduceSeconds(link: AllReduceLink, bytes: number): number {
  return link.latencyS === 0 && link.secondsPerByte === 0 ? 0 : link.latencyS + bytes * link.secondsPerByte;
}

/**
 * Expert-parallel token exchange: with experts spread over n ranks, each MoE
 * layer sends every token's k routed copies to the ranks holding those
 * experts (dispatch) and brings the results back (combine): two all-to-alls,
 * each rank sending (n − 1)/n of its tokens' copies over its link (DeepSeek-V3
 * technical report, arXiv:2412.19437, §3.2.2; DeepEP). Same link figures as
 * the all-reduce; beyond one domain the copies cross the scale-out network.
 */
export const ALL_TO_ALLS_PER_MOE_LAYER = 2;

export function allToAllLink(f: LinkFigures): AllReduceLink {
  const n = f.accelerators;
  if (n <= 1) return { latencyS: 0, secondsPerByte: 0, crossesNodes: false };
  const crossesNodes = n > f.domain;
  const bytesPerS = (crossesNodes ? f.scaleOutBytesPerS : f.scaleUpBytesPerS) * f.efficiency;
  return {
    latencyS: f.scaleUpLatencyS + (crossesNodes ? f.scaleOutLatencyS : 0),
    secondsPerByte: (n - 1) / n / bytesPerS,
    crossesNodes,
  };
}

/**
 * Pipeline parallelism: one stage hands a micro-batch's activations (tokens ×
 * hidden) to the next, point to point: one latency and the bytes over one
 * link. Stages are laid out domain by domain, so once the replica spans more
 * than one scale-up domain a hop crosses the scale-out network (vLLM and
 * TensorRT-LLM place pipeline stages across nodes, tensor parallelism within).
 */
export function pointToPointLink(f: LinkFigures): AllReduceLink {
  const crossesNodes = (f.spread ?? f.accelerators) > f.domain;
  const bytesPerS = (crossesNodes ? f.scaleOutBytesPerS : f.scaleUpBytesPerS) * f.efficiency;
  return {
    latencyS: f.scaleUpLatencyS + (crossesNodes ? f.scaleOutLatencyS : 0),
    secondsPerByte: 1 / bytesPerS,
    crossesNodes,
  };
}

/**
 * Routed copies of one token a dispatch sends over the scale-out network when
 * the expert ranks span `domains` scale-up domains: a hierarchical all-to-all
 * sends a token once to each destination domain and forwards it to that
 * domain's ranks over the scale-up link (DeepEP internode kernels: RDMA to
 * each node once, NVLink within it; DeepSeek-V3 report, arXiv:2412.19437,
 * §3.2.2). With its k experts chosen uniformly, the expected number of
 * distinct domains is domains × (1 − (1 − 1/domains)^k); within one domain
 * every copy travels (k).
 */
export function dispatchCopies(k: number, domains: number): number {
  return domains <= 1 ? k : domains * -Math.expm1(k * Math.log1p(-1 / domains));
}
