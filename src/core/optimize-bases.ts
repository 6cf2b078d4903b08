/** What `optimize` ranks by (its own file: the CLI's flag table loads it without the search). */
export const OPTIMIZE_BASES = ['provisioned', 'target'] as const;
export type OptimizeBasis = (typeof OPTIMIZE_BASES)[number];
