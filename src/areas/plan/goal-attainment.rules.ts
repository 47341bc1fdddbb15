/**
 * Goal Attainment Scaling (Kiresuk & Sherman). Each goal of a plan is scored at evaluation on
 * five levels, 0 being the outcome expected when the goal was set, and carries a weight of at
 * least 1. The T-score sums them up: 50 when every goal came out as expected, about 10 points
 * per standard deviation above or below.
 *
 *   T = 50 + 10·Σ(w·x) / sqrt((1 − ρ)·Σw² + ρ·(Σw)²),  ρ = 0.3
 */

export const gasLevels = [-2, -1, 0, 1, 2] as const;
export type GasLevel = (typeof gasLevels)[number];

export const gasLevelMeanings: Record<GasLevel, string> = {
  [-2]: 'Much less than expected',
  [-1]: 'Somewhat less than expected',
  0: 'Expected outcome',
  1: 'Somewhat more than expected',
  2: 'Much more than expected',
};

/** ρ, the assumed correlation between goals' scores. */
export const defaultGasCorrelation = 0.3;

export interface ScaledGoal {
  level: number;
  /** 1 when not given. */
  weight?: number;
}

export type GasProblemCode = 'no_goals' | 'level_out_of_range' | 'weight_too_small' | 'correlation_out_of_range';

/** index: the goal concerned, or null for the whole set. */
export interface GasProblem {
  index: number | null;
  code: GasProblemCode;
  message: string;
}

export type GasResult = { ok: true; tScore: number } | { ok: false; problems: GasProblem[] };

export function isGasLevel(value: number): value is GasLevel {
  return (gasLevels as readonly number[]).includes(value);
}

/** The T-score of a set of scaled goals, unrounded (show it to 2 decimals), or why there is none. */
export function gasTScore(goals: readonly ScaledGoal[], correlation: number = defaultGasCorrelation): GasResult {
  const problems: GasProblem[] = [];
  if (goals.length === 0) problems.push({ index: null, code: 'no_goals', message: 'Score at least one goal' });
  if (!(correlation >= 0 && correlation < 1))
    problems.push({ index: null, code: 'correlation_out_of_range', message: 'The correlation is at least 0 and below 1' });
  goals.forEach(({ level, weight = 1 }, index) => {
    if (!isGasLevel(level))
      problems.push({ index, code: 'level_out_of_range', message: `${level} is not a level: use -2, -1, 0, +1 or +2` });
    if (!(Number.isFinite(weight) && weight >= 1))
      problems.push({ index, code: 'weight_too_small', message: `${weight} is not a weight: use a number of at least 1` });
  });
  if (problems.length > 0) return { ok: false, problems };

  const weights = goals.map((goal) => goal.weight ?? 1);
  const weighted = goals.reduce((sum, goal, i) => sum + weights[i]! * goal.level, 0);
  const sumOfSquares = weights.reduce((sum, w) => sum + w * w, 0);
  const sum = weights.reduce((total, w) => total + w, 0);
  const tScore = 50 + (10 * weighted) / Math.sqrt((1 - correlation) * sumOfSquares + correlation * sum * sum);
  return { ok: true, tScore };
}
