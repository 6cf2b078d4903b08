/**
 * Why no replica size works, and what would make one work, in words a user
 * can act on.
 */
import { BYTES_PER_ELEMENT, PRECISIONS } from '../scenario/precision.js';
import type { Scenario } from '../scenario/schema.js';
import { kvBytesPerToken } from './architecture.js';
import type { Deployment, Rejection } from './deployment.js';
import type { Workload } from './workload.js';

const GB = 1e9;
/** In GB to a tenth; the figure worded last kept (every evaluation words its replicas that do not fit). */
let lastBytes = NaN;
let lastGb = '';
function gb(bytes: number): string {
  if (bytes !== lastBytes) {
    lastGb = `${(bytes / GB).toFixed(1)} GB`;
    lastBytes = bytes;
  }
  return lastGb;
}
const ms = (s: number): string => `${(s * 1000).toFixed(2)} ms`;

export function rejectionReason(r: Rejection): string {
  switch (r.reason) {
    case 'weights':
      return `weights do not fit in ${gb(r.usableMemoryBytes)} usable memory`;
    case 'kv-cache':
      return `only ${gb(r.kvBudgetBytes)} left for KV cache, less than one sequence at full context`;
    case 'time-per-output-token':
      return `decode step at batch 1 takes ${ms(r.stepS)}, above the time-per-output-token limit`;
    case 'time-to-first-token':
      return `time to first token ${ms(r.ttftS)}, above the limit`;
  }
}

export function explainInfeasible(
  scenario: Scenario,
  workload: Workload,
  tried: readonly (Deployment | Rejection)[],
): string {
  const { model, hardware, serving } = scenario;
  const rejections = tried.filter((d): d is Rejection => !d.ok);
  const largest = rejections[rejections.length - 1];
  const hwName = hardware.name ?? 'the accelerator';
  if (largest === undefined) return 'no replica size was tried';
  const n = largest.accelerators;
  switch (largest.reason) {
    case 'weights':
    case 'kv-cache': {
      const weights = model.total_params_b * GB * BYTES_PER_ELEMENT[model.weight_precision];
      const kv = workload.maxContextTokens * kvBytesPerToken(model);
      const lower = PRECISIONS.filter((p) => BYTES_PER_ELEMENT[p] < BYTES_PER_ELEMENT[model.weight_precision]).map(
        (p) => `${p}: ${gb(model.total_params_b * GB * BYTES_PER_ELEMENT[p])}`,
      );
      return (
        `the model does not fit: ${model.total_params_b}B parameters at ${model.weight_precision} need ${gb(weights)} of weights ` +
        `plus ${gb(kv)} of KV cache for one sequence of ${Math.round(workload.maxContextTokens)} tokens, ` +
        `but ${n} × ${hwName} hold ${gb(n * hardware.memory_gb * GB * serving.efficiency.memory_usable)} usable ` +
        `(memory_gb ${hardware.memory_gb} × serving.efficiency.memory_usable ${serving.efficiency.memory_usable}). ` +
        `Use a lower model.weight_precision${lower.length ? ` (${lower.join(', ')})` : ''}, ` +
        `an accelerator with more memory, or ${serving.accelerators_per_replica === undefined ? 'a shorter context' : 'more serving.accelerators_per_replica'}`
      );
    }
    case 'time-per-output-token': {
      const fastest = Math.min(
        ...rejections
          .filter((r) => r.reason === 'time-per-output-token')
          .map((r) => (r.reason === 'time-per-output-token' ? r.stepS : Infinity)),
      );
      return (
        `no batch meets serving.max_time_per_output_token_ms = ${serving.max_time_per_output_token_ms}: ` +
        `even one sequence takes ${ms(fastest)} per output token on the replica sizes tried (up to ${n} × ${hwName}). ` +
        `Raise the limit to at least ${Math.ceil(fastest * 1000)} ms, use a lower model.weight_precision, or faster hardware`
      );
    }
    case 'time-to-first-token':
      return (
        `no replica meets serving.max_time_to_first_token_ms = ${serving.max_time_to_first_token_ms}: ` +
        `a ${workload.inputTokens}-token prompt takes ${ms(largest.ttftS)} on ${n} × ${hwName}. ` +
        `Raise the limit, shorten traffic.input_tokens, or use faster hardware`
      );
  }
}
