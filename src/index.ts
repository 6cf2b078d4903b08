/** infercost as a library: load a scenario, simulate it, read the result. */
export { loadScenario, type LoadedScenario, type LoadOptions } from './scenario/load.js';
export { simulate, type Origins } from './core/simulate.js';
export { missingFigures, requireFigures } from './core/requirements.js';
export {
  ScenarioSchema,
  type Scenario,
  type ScenarioInput,
  type Model,
  type Hardware,
  type Serving,
  type Reasoning,
  type Traffic,
  type Budget,
} from './scenario/schema.js';
export { PRECISIONS, BYTES_PER_ELEMENT, type Precision } from './scenario/precision.js';
export * from './core/result.js';
export { InputError, InfeasibleError, IoError, UsageError, UserError, type InputProblem } from './errors.js';
export { HARDWARE_PRESETS } from './data/hardware.js';
export { MODEL_PRESETS } from './data/models.js';
export { DEFAULT_SCENARIO_YAML } from './scenario/default-scenario.js';
export {
  explain,
  factorIds,
  type ExplainResult,
  type WaterfallStep,
  type StepFacts,
  type FactorId,
} from './core/explain.js';
export { worded, stepWords, type WordedExplanation, type StepWords } from './formats/explain-words.js';
export { compare, type Comparison } from './core/compare.js';
export { checkScenario, exitCodeOf, reportOf, type CheckReport } from './core/check.js';
export { loadFleet } from './scenario/fleet-schema.js';
export { compareFleet } from './core/fleet.js';
export { loadRoadmap } from './scenario/roadmap-schema.js';
export { project } from './core/project.js';
