/**
 * GEMM efficiency against the rows a matmul sees. A matmul over M rows
 * (tokens in the step, or tokens routed to one expert) fills the tensor
 * cores' row tiles only partly when M is small: its achievable fraction of
 * peak rises with M and saturates,
 *
 *   η(M) = compute × M / (M + gemm_half_rows)
 *
 * the ceiling `compute` at many rows and half of it at `gemm_half_rows`
 * (scenario/defaults.ts: both from kernel tables, docs/methodology.md §3).
 * The same curve serves dense and grouped expert GEMMs, so decode (few rows)
 * against prefill (thousands) and a fine-grained mixture of experts (a few
 * tokens per expert) follow from the rows, with no factor per phase or model.
 */
export function gemmEfficiency(ceiling: number, halfRows: number, rows: number): number {
  return (ceiling * rows) / (rows + halfRows);
}
