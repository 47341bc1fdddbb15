import { describe, expect, it } from 'vitest';
import { type GasResult, gasLevelMeanings, gasLevels, gasTScore, type ScaledGoal } from './goal-attainment.rules.ts';

const twoDecimals = (result: GasResult) => (result.ok ? result.tScore.toFixed(2) : result.problems.map((p) => p.code).join(','));
const goals = (levels: number[], weights?: number[]): ScaledGoal[] =>
  levels.map((level, i) => (weights ? { level, weight: weights[i]! } : { level }));

describe('the Goal Attainment Scaling T-score', () => {
  it.each([
    ['all goals at the expected level', goals([0, 0, 0]), '50.00'],
    ['three goals of weight 1 at +1', goals([1, 1, 1]), '63.69'],
    ['one goal at -2', goals([-2]), '30.00'],
    ['five goals at +2', goals([2, 2, 2, 2, 2]), '80.15'],
    ['weights 3, 1, 2 at +1, -1, +2', goals([1, -1, 2], [3, 1, 2]), '63.22'],
  ])('is as the standard says for %s', (_, scaled, expected) => {
    expect(twoDecimals(gasTScore(scaled))).toBe(expected);
  });

  it('is 50 for a single goal at its expected level, whatever its weight', () => {
    expect(twoDecimals(gasTScore([{ level: 0, weight: 7 }]))).toBe('50.00');
  });

  it('treats a missing weight as 1', () => {
    expect(gasTScore([{ level: 1 }, { level: -1, weight: 1 }])).toEqual(gasTScore(goals([1, -1], [1, 1])));
  });

  it('rises with attainment and falls below 50 when goals are missed', () => {
    const scores = gasLevels.map((level) => gasTScore(goals([level, 0])));
    const values = scores.map((s) => (s.ok ? s.tScore : Number.NaN));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(values[0]).toBeLessThan(50);
  });

  it('takes another correlation when one is given', () => {
    expect(twoDecimals(gasTScore(goals([1, 1, 1]), 0))).toBe('67.32');
  });

  it('rejects levels outside -2..+2 and levels between the steps, naming the goal', () => {
    expect(gasTScore(goals([0, 3, -3, 0.5]))).toEqual({
      ok: false,
      problems: [
        { index: 1, code: 'level_out_of_range', message: '3 is not a level: use -2, -1, 0, +1 or +2' },
        { index: 2, code: 'level_out_of_range', message: '-3 is not a level: use -2, -1, 0, +1 or +2' },
        { index: 3, code: 'level_out_of_range', message: '0.5 is not a level: use -2, -1, 0, +1 or +2' },
      ],
    });
  });

  it('rejects weights below 1', () => {
    expect(gasTScore(goals([0, 1, 1], [1, 0.5, 0]))).toMatchObject({
      ok: false,
      problems: [
        { index: 1, code: 'weight_too_small' },
        { index: 2, code: 'weight_too_small' },
      ],
    });
    expect(twoDecimals(gasTScore(goals([0], [Number.NaN])))).toBe('weight_too_small');
    expect(twoDecimals(gasTScore(goals([0], [-2])))).toBe('weight_too_small');
  });

  it('needs at least one goal and a correlation from 0 up to 1', () => {
    expect(twoDecimals(gasTScore([]))).toBe('no_goals');
    expect(twoDecimals(gasTScore(goals([0]), 1))).toBe('correlation_out_of_range');
    expect(twoDecimals(gasTScore(goals([0]), -0.1))).toBe('correlation_out_of_range');
  });

  it('names the meaning of every level', () => {
    expect(gasLevels.map((level) => gasLevelMeanings[level])).toEqual([
      'Much less than expected',
      'Somewhat less than expected',
      'Expected outcome',
      'Somewhat more than expected',
      'Much more than expected',
    ]);
  });
});
