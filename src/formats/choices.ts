/**
 * The formats each output kind can be written in: declared once, here (a
 * module without imports, so `--help` needs nothing else). The command specs
 * offer these as `--format` choices, and each kind's renderer table is typed
 * by its list, so a format without a renderer does not compile.
 */
export const SIMULATION_FORMATS = ['table', 'json', 'csv', 'html'] as const;
export const EXPLANATION_FORMATS = ['table', 'json', 'html'] as const;
export const CHECK_FORMATS = ['table', 'json', 'github', 'junit', 'markdown'] as const;
export const COMPARISON_FORMATS = ['table', 'json', 'markdown', 'csv', 'html'] as const;
export const SWEEP_FORMATS = ['csv', 'jsonl', 'html'] as const;
export const FLEET_FORMATS = ['table', 'json', 'csv'] as const;
export const PROJECTION_FORMATS = ['table', 'json', 'csv'] as const;
export const CALIBRATION_FORMATS = ['table', 'json', 'csv'] as const;
export const PRESET_FORMATS = ['table', 'json'] as const;
export const OPTIMIZATION_FORMATS = ['table', 'json', 'csv', 'html'] as const;

/** What every renderer may use besides its data. */
export interface RenderContext {
  /** ANSI colour (a terminal that wants it, not --output). */
  readonly color: boolean;
  /** Unicode bars (a terminal). */
  readonly bars: boolean;
  /** `infercost 0.3.0`, for documents that record what wrote them. */
  readonly generator: string;
}

/** One renderer per format of `F`, for data `T`. */
export type Renderers<F extends readonly string[], T> = {
  readonly [K in F[number]]: (data: T, ctx: RenderContext) => string | Promise<string>;
};
