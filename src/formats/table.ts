/**
 * The human format: per-level table, deployment and fleet summary, budget
 * checks and the inputs the run assumed. Colour only when asked (TTY, no NO_COLOR).
 */
import { formatSpan, rangeBasis, withRange } from './range.js';
import { tableLook } from './table-style.js';
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { LatencyUnderLoad, Percentiles } from '../core/latency.js';
import type { ExplainResult } from '../core/explain.js';
import type { DisaggregationResult, PoolResult, QueryCost, SimulationResult } from '../core/result.js';
import { formatBreakdown } from './breakdown.js';
import { budgetCells } from './check.js';
import { formatWaterfall } from './explain.js';
import { formatBytes, formatNumber, formatPct, formatRatio, formatSeconds, formatUsd } from './numbers.js';

export interface TableOptions {
  readonly color: boolean;
  /** Draw the waterfall as Unicode bars too (on a terminal). */
  readonly bars?: boolean;
}

const LEVEL_HEADERS = [
  'reasoning',
  'share',
  'out tokens',
  'thinking',
  'TTFT',
  'TPOT',
  'latency',
  'tok/s/acc',
  '$/query',
  'prompt',
  '$/1M out',
  '$/month',
] as const;

/** Rows without separators between them: a denser table. */
function levelRow(q: QueryCost): string[] {
  return [
    q.level,
    formatPct(q.share),
    formatNumber(q.outputTokens, 4),
    formatNumber(q.thinkingTokens, 4),
    formatSeconds(q.timeToFirstTokenS),
    formatSeconds(q.timePerOutputTokenS),
    formatSeconds(q.latencyS),
    formatNumber(q.outputTokensPerSPerAccelerator, 4),
    formatUsd(q.costPerQueryUsd),
    formatPct(q.costPerQueryUsd === 0 ? 0 : q.prefillCostPerQueryUsd / q.costPerQueryUsd),
    formatUsd(q.costPerMillionOutputTokensUsd),
    formatUsd(q.monthlyCostUsd),
  ];
}

/** The two pools, the KV transfer between them and their ratio. */
function disaggregationLines(g: DisaggregationResult): string[] {
  const pool = (name: string, p: PoolResult, what: string) =>
    `  ${name} pool: ${p.replicas} × (${p.acceleratorsPerReplica} × ${p.hardwareName}, ${p.parallelismLabel}) at ${formatUsd(p.priceUsdPerHour)}/h: ${what}, ${formatSeconds(p.replicaSecondsPerQuery)} of replica time per query; ${formatUsd(p.provisionedMonthlyCostUsd)}/month`;
  const t = g.kvTransfer;
  return [
    pool(
      'prefill',
      g.prefill,
      g.prefill.boundBy === 'kv-transfer' ? 'bound by sending the KV cache' : 'bound by prefill',
    ),
    pool('decode', g.decode, `batch ${g.decode.batch}`),
    `  KV cache ${formatBytes(t.bytesPerQuery)} per query over the ${t.link === 'scale-up' ? 'scale-up link' : 'scale-out network'} at ${formatNumber(t.gbPerS, 3)} GB/s: ${formatSeconds(t.seconds)} of each time to first token; ${formatNumber(g.prefillPerDecodeAccelerator, 3)} prefill accelerators per decode accelerator`,
  ];
}

/** The blended figures with their ranges, and what the ranges rest on. */
function rangeLine(r: SimulationResult): string {
  const b = r.blended;
  const u = r.uncertainty;
  return (
    `  80% range: ${withRange(b.costPerQueryUsdRange, formatUsd)}/query, TPOT ${withRange(b.timePerOutputTokenSRange, formatSeconds)}` +
    ` — ${rangeBasis(u)}`
  );
}

/** Self-hosting against the hosted API: both figures, which one decides, and the break-even traffic. */
function apiLines(r: SimulationResult): string[] {
  const api = r.api;
  if (api === null) return [];
  const lines = [
    `  vs ${api.name} ($${api.inputUsdPerMillionTokens} in / $${api.outputUsdPerMillionTokens} out per 1M tokens): ${formatUsd(api.blendedCostPerQueryUsd)}/query blended`,
  ];
  if (api.selfHostedOverApi === null || api.selfHostedAtTargetOverApi === null) {
    lines.push('    self-hosted is not comparable with a free API');
    return lines;
  }
  const provisioned = r.fleet.provisionedCostPerQueryUsd;
  if (provisioned !== null)
    lines.push(
      `    as provisioned for the peak: ${formatUsd(provisioned)}/query = ${formatRatio(api.selfHostedOverApi)} the API's — the decision figure: the fleet is paid for whether busy or not`,
    );
  lines.push(
    `    at the utilisation target: ${formatUsd(r.blended.costPerQueryUsd)}/query = ${formatRatio(api.selfHostedAtTargetOverApi)} the API's — the best self-hosting can do, with every replica as busy as planned`,
  );
  const b = api.breakEven;
  if (b.wins) {
    const first = formatNumber(Math.ceil(b.firstWinRequestsPerDay), 3);
    const always = formatNumber(Math.ceil(b.alwaysWinsFromRequestsPerDay), 3);
    lines.push(
      `    break-even: self-hosting is cheaper from ${first} requests/day` +
        (b.alwaysWinsFromRequestsPerDay > b.firstWinRequestsPerDay * 1.0001
          ? ` and at every traffic above ${always} requests/day (between, whole replicas added for the peak can tip it back)`
          : ' and at every traffic above that') +
        ` (this scenario: ${formatNumber(r.fleet.averageRequestsPerS * 86_400, 3)})`,
    );
  } else {
    const peakNeeded = api.blendedCostPerQueryUsd / r.blended.costPerQueryUsd;
    lines.push(
      `    break-even: never at this peak and utilisation — however much traffic, the fleet costs at least ${formatUsd(b.floorCostPerQueryUsd)}/query ` +
        `(peak_to_average × the at-target cost) against the API's ${formatUsd(api.blendedCostPerQueryUsd)}; it would take ` +
        (peakNeeded > 1 ? `a peak_to_average below ${formatNumber(peakNeeded, 3)}, ` : '') +
        'a cheaper accelerator or replica, or a higher utilisation target',
    );
  }
  return lines;
}

export function formatSimulationTable(r: SimulationResult, opts: TableOptions, explanation?: ExplainResult): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const d = r.deployment;
  const f = r.fleet;
  const out: string[] = [];
  out.push(c.bold(r.scenario.name));
  out.push(
    `  ${r.model.name}: ${formatNumber(r.model.totalParamsB)}B parameters, ${formatNumber(r.model.activeParamsB)}B active per token${r.model.moe ? ' (mixture of experts)' : ' (dense)'}`,
  );
  out.push(`  on ${r.hardware.name} at ${formatUsd(r.hardware.priceUsdPerHour)} per accelerator-hour`);
  out.push('');

  const table = new Table({
    head: [...LEVEL_HEADERS],
    ...tableLook(opts.color),
    colAligns: ['left', ...LEVEL_HEADERS.slice(1).map(() => 'right' as const)],
  });
  for (const q of r.levels) table.push(levelRow(q));
  table.push(levelRow(r.blended).map((cell) => c.bold(cell)));
  out.push(table.toString());
  out.push(
    '  TTFT: time to first token (prompt processed alone). TPOT: time per output token. $/query at the utilisation target; prompt: its share spent prefilling the prompt (the rest is decoding).',
  );
  out.push(rangeLine(r));
  const offers = r.hardware.priceOffers;
  if (offers !== null)
    out.push(
      `  at the ${offers.offers} listed prices for ${r.hardware.name} (${offers.kinds.join(', ')}; ${formatSpan(offers.lowUsdPerHour, offers.highUsdPerHour)} per accelerator-hour): ${formatSpan(offers.costPerQueryUsdAtLow, offers.costPerQueryUsdAtHigh)}/query`,
    );
  out.push('');

  out.push(
    c.bold(r.disaggregation === null ? 'Replica' : 'Replica (the decode pool; prefill lines: the prefill pool)'),
  );
  out.push(
    `  ${d.acceleratorsPerReplica} × ${r.hardware.name}${d.acceleratorsPerReplica > 1 || !d.parallelismChosen ? ` (${d.parallelismLabel}${d.parallelismChosen ? '' : ', as set'})` : ''}, ${d.computePrecision} arithmetic${d.computePrecisionWhy.startsWith('the weight precision') ? '' : ` (${d.computePrecisionWhy})`}; weights ${formatBytes(d.weightsBytes)}, ` +
      `KV cache ${formatNumber(d.kvCacheBytesPerToken / 1024, 3)} KiB/token with ${formatBytes(d.kvCacheBudgetBytes)} free for it`,
  );
  out.push(
    `  decode batch ${d.batch} (limited by ${d.batchLimitedBy}; memory would hold ${formatNumber(d.memoryBatch, 4)}), ` +
      `step ${formatSeconds(d.decodeStepS)}, ${d.decodeBound}-bound` +
      (r.blended.timePerOutputTokenS > d.decodeStepS * (1 + 1e-9)
        ? ` (${formatSeconds(r.blended.timePerOutputTokenS)} per output token with the prompts prefilled between steps)`
        : '') +
      (d.expertsTouchedPerLayer > 0
        ? `, touching ${formatNumber(d.expertsTouchedPerLayer, 3)} experts per MoE layer`
        : ''),
  );
  out.push(`    decode step: ${formatBreakdown(d.decodeStepBreakdown)}`);
  if (d.speculative !== null)
    out.push(
      `    speculative decoding (${d.speculative.method}, ${d.speculative.draftTokens} draft tokens): verify ${formatSeconds(d.speculative.verifyStepS)} + drafting ${formatSeconds(d.speculative.draftS)} per step, ${formatNumber(d.speculative.acceptedTokensPerStep, 3)} tokens per sequence per step`,
    );
  // A replica size that is dearer per query at the target but cheaper to provision for this traffic.
  const cheaperFleet = d.candidates
    .filter((x) => x.feasible && x.acceleratorsPerReplica !== d.acceleratorsPerReplica)
    .sort((a, b) => (a.feasible && b.feasible ? a.provisionedMonthlyCostUsd - b.provisionedMonthlyCostUsd : 0))[0];
  if (cheaperFleet?.feasible && cheaperFleet.provisionedMonthlyCostUsd < r.fleet.provisionedMonthlyCostUsd)
    out.push(
      `  also fits on ${cheaperFleet.acceleratorsPerReplica} × ${r.hardware.name} at ${formatUsd(cheaperFleet.costPerQueryUsd)}/query at the target, ` +
        `${formatUsd(cheaperFleet.provisionedMonthlyCostUsd)}/month provisioned for this traffic (chosen: ${formatUsd(r.fleet.provisionedMonthlyCostUsd)}/month; the choice minimises cost per query at the target)`,
    );
  out.push(
    `  prefill ${formatNumber(d.prefillTokensPerS, 4)} prompt tokens/s per replica, ${d.prefillBound}-bound; mean context ${formatNumber(d.meanContextTokens, 4)} tokens`,
  );
  out.push(`    prefill pass of ${d.prefillChunkTokens} tokens: ${formatBreakdown(d.prefillPassBreakdown)}`);
  const cache = d.prefixCache;
  if (cache !== null)
    out.push(
      `    prefix cache: ${formatNumber(cache.cachedTokensPerQuery, 4)} of each ${formatNumber(cache.cachedTokensPerQuery + cache.prefilledTokensPerQuery, 4)} prompt tokens found cached on average, ${formatNumber(cache.prefilledTokensPerQuery, 4)} prefilled` +
        (cache.sharedPrefixTokens > 0
          ? `; the shared ${formatNumber(cache.sharedPrefixTokens, 4)}-token prefix's KV cache is held once per replica (per data-parallel group)`
          : ''),
    );
  if (d.crossesNodes) {
    const smaller = d.candidates.filter((x) => !x.feasible && x.acceleratorsPerReplica < d.acceleratorsPerReplica);
    out.push(
      `  the replica spans more than one scale-up domain: its all-reduces cross the scale-out network (in "communication")` +
        (smaller.length > 0
          ? `; chosen because ${smaller.map((x) => `${x.acceleratorsPerReplica} would not do (${x.feasible ? '' : x.reason})`).join('; ')}`
          : ''),
    );
  }
  if (r.disaggregation !== null)
    out.push('', c.bold('Disaggregated prefill and decode'), ...disaggregationLines(r.disaggregation));
  out.push('');

  out.push(c.bold('Fleet'));
  out.push(
    `  ${formatNumber(f.averageRequestsPerS, 3)} requests/s on average, ${formatNumber(f.peakRequestsPerS, 3)} at peak; ` +
      `one replica serves ${formatNumber(f.queriesPerSPerReplica, 3)}/s`,
  );
  out.push(
    `  ${f.replicas} replicas = ${f.accelerators} accelerators: ${formatUsd(f.provisionedMonthlyCostUsd)}/month if kept running ` +
      `(${f.provisionedCostPerQueryUsd === null ? 'no traffic' : `${formatUsd(f.provisionedCostPerQueryUsd)}/query`}, average utilisation ${formatPct(f.averageUtilization)})`,
  );
  out.push(
    `  energy ${r.blended.energyPerQueryWh === null ? 'unknown (hardware.power_w not set)' : `${formatNumber(r.blended.energyPerQueryWh, 3)} Wh per query`} (accelerator board power while busy)`,
  );

  const a = r.autoscaled;
  if (a !== null) {
    out.push(
      `  autoscaled to the daily profile: ${formatNumber(a.replicaHoursPerDay, 4)} replica-hours a day (${Math.min(...a.hourlyReplicas)}-${Math.max(...a.hourlyReplicas)} replicas by hour): ` +
        `${formatUsd(a.monthlyCostUsd)}/month${a.costPerQueryUsd === null ? '' : ` (${formatUsd(a.costPerQueryUsd)}/query)`}, ` +
        `${a.savingUsdPerMonth >= 0 ? 'saving' : 'costing'} ${formatUsd(Math.abs(a.savingUsdPerMonth))} a month against the static fleet`,
      `    replicas by hour: ${a.hourlyReplicas.join(' ')}`,
    );
    if (a.coldStartS !== null && a.coldStartsPerDay > 0)
      out.push(
        `    scales to zero: ${a.coldStartsPerDay} cold start${a.coldStartsPerDay === 1 ? '' : 's'} a day, the first requests after an idle hour waiting ${formatSeconds(a.coldStartS)} (start-up delay + loading the weights)`,
        `    ${formatPct(a.coldStartRequestShare)} of the day's requests wait for a start: ` +
          (a.coldStartTtftFloorS.p99 > 0
            ? `over the day, TTFT p99 ≥ ${formatSeconds(a.coldStartTtftFloorS.p99)}${a.coldStartTtftFloorS.p90 > 0 ? `, p90 ≥ ${formatSeconds(a.coldStartTtftFloorS.p90)}` : ''} from cold starts alone`
            : "too few to move the day's p99 TTFT: they are its slowest 1%"),
      );
    if (a.hoursOverMax > 0)
      out.push(
        `    ${c.red(`${a.hoursOverMax} hours need more than max_replicas`)}: those hours are under-provisioned`,
      );
  }
  if (r.latency !== null) out.push('', ...latencyLines(r.latency, c));

  if (r.api !== null) out.push(...apiLines(r));

  if (explanation !== undefined) {
    out.push('');
    out.push(c.bold('Savings waterfall') + c.dim(' (infercost explain for the reasons)'));
    out.push(...formatWaterfall(explanation, opts));
  }

  if (r.budget.length > 0) {
    out.push('');
    out.push(c.bold('Budget'));
    const bt = new Table({
      ...tableLook(opts.color),
      head: ['budget', 'limit', 'actual', 'headroom', 'result'],
      colAligns: ['left', 'right', 'right', 'right', 'left'],
    });
    for (const b of r.budget) bt.push(budgetCells(b, c));
    out.push(bt.toString());
  }

  out.push('');
  out.push(c.bold('Assumed inputs'));
  const width = Math.max(...r.assumptions.map((a) => a.path.length));
  for (const a of r.assumptions)
    out.push(`  ${a.path.padEnd(width)}  ${String(a.value).padEnd(8)}  ${c.dim(a.origin)}`);
  return `${out.join('\n')}\n`;
}

/** Latency percentiles under load: p50 / p90 / p99 at the peak, the SLO checks, goodput. */
function latencyLines(l: LatencyUnderLoad, c: InstanceType<typeof Chalk>): string[] {
  const row = (label: string, p: Percentiles) =>
    `  ${label.padEnd(22)} p50 ${formatSeconds(p.p50)} · p90 ${formatSeconds(p.p90)} · p99 ${formatSeconds(p.p99)}`;
  const arrival = l.arrival.process === 'poisson' ? 'Poisson arrivals' : `gamma arrivals (cv ${l.arrival.cv})`;
  const out = [
    c.bold('Latency under load') +
      c.dim(
        ` (${arrival} at the peak, ${formatNumber(l.arrivalRatePerReplicaPerS, 3)} requests/s per replica; ${formatNumber(l.requests, 5)} requests simulated; mean batch ${formatNumber(l.meanBatch, 3)} of ${l.batchCap})`,
      ),
    ...(l.prefillPool === null
      ? []
      : [
          c.dim(
            `  disaggregated: ${l.prefillPool.replicas} prefill replica${l.prefillPool.replicas === 1 ? '' : 's'} at ${formatNumber(l.prefillPool.arrivalRatePerReplicaPerS, 3)} prompts/s each, ${l.replicas} decode at ${formatNumber(l.arrivalRatePerReplicaPerS, 3)}/s; TTFT includes the KV transfer (${formatSeconds(l.prefillPool.kvTransferS)})`,
          ),
        ]),
    row('time to first token', l.timeToFirstTokenS),
    row('time per output token', l.timePerOutputTokenS),
    row('end to end', l.endToEndS),
  ];
  for (const s of l.slo)
    out.push(
      `  SLO ${s.metric} ${s.percentile} ≤ ${s.limitMs} ms: ${formatNumber(s.actualMs, 3)} ms ${s.pass ? 'holds' : c.red('BREACHED')}`,
    );
  if (l.goodput !== null) out.push(`  goodput ${formatPct(l.goodput)} of requests within every SLO limit`);
  const plural = (n: number) => `${n} replica${n === 1 ? '' : 's'}`;
  const prefillAdded = l.prefillPool?.replicasAddedForSlo ?? 0;
  if (l.prefillPool !== null && (l.replicasAddedForSlo > 0 || prefillAdded > 0))
    out.push(
      `  the SLOs need ${plural(prefillAdded)} more in the prefill pool and ${plural(l.replicasAddedForSlo)} more in the decode pool than the peak at the utilisation target (fleet above includes them)`,
    );
  else if (l.replicasAddedForSlo > 0)
    out.push(
      `  the SLOs need ${plural(l.replicasAddedForSlo)} more than the peak at the utilisation target (fleet above includes them)`,
    );
  return out;
}
