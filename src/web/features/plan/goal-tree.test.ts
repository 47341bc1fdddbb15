import { describe, expect, it } from 'vitest';
import { addGoal, addStep, ancestorsOf, buildTree, type Goal, move, remove, restore, type Step, visibleNodes } from './goal-tree.ts';

const goal = (id: string, level: Goal['level'], parentGoalId: string | null = null): Goal => ({
  id,
  level,
  parentGoalId,
  themeId: null,
  needId: null,
  description: `Goal ${id}`,
  indicator: '',
  baseline: '',
  target: '',
  dueDate: null,
});
const step = (id: string, goalId: string | null): Step => ({
  id,
  goalId,
  what: `Step ${id}`,
  responsibleKind: 'person',
  responsibleName: '',
  responsibleStaffId: null,
  dueDate: null,
  instructions: '',
});

// home (long) ← flat (intermediate) ← apply (short); work (long)
const goals = [
  goal('home', 'long_term'),
  goal('work', 'long_term'),
  goal('flat', 'intermediate', 'home'),
  goal('apply', 'short_term', 'flat'),
];
const steps = [step('form', 'apply'), step('call', 'work'), step('letter', 'apply'), step('loose', null)];

describe('the outline of a plan', () => {
  it('numbers each goal by its place under the goal it serves', () => {
    const tree = buildTree(goals, steps);
    expect([...tree.byId.values()].flatMap((n) => (n.kind === 'goal' ? [`${n.number} ${n.id}`] : []))).toEqual([
      '1 home',
      '1.1 flat',
      '1.1.1 apply',
      '2 work',
    ]);
  });

  it('puts each step under its goal, and a step that serves no goal at the top', () => {
    const tree = buildTree(goals, steps);
    const apply = tree.byId.get('apply');
    expect(apply?.kind === 'goal' && apply.steps.map((s) => `${s.position} ${s.id}`)).toEqual(['1 form', '2 letter']);
    expect(tree.steps.map((s) => s.id)).toEqual(['loose']);
  });

  it('puts a goal whose parent is missing, or that is its own ancestor, at the top instead of losing it', () => {
    const tree = buildTree([goal('a', 'intermediate', 'b'), goal('b', 'intermediate', 'a'), goal('c', 'short_term', 'gone')], []);
    expect(tree.byId.size).toBe(3);
    expect(tree.goals.map((g) => g.id)).toEqual(['c', 'a']);
  });

  it('shows the nodes under a goal only while it is open', () => {
    const tree = buildTree(goals, steps);
    expect(visibleNodes(tree, new Set()).map((n) => n.id)).toEqual(['home', 'work', 'loose']);
    expect(visibleNodes(tree, new Set(['home', 'flat'])).map((n) => n.id)).toEqual(['home', 'flat', 'apply', 'work', 'loose']);
  });

  it('names the goals above a node, nearest first', () => {
    expect(ancestorsOf(buildTree(goals, steps), 'letter')).toEqual(['apply', 'flat', 'home']);
  });
});

describe('changing the outline', () => {
  it('adds a goal one level below its parent, after the goals already under it', () => {
    const next = addGoal(goals, buildTree(goals, steps), 'home', 'new');
    expect(next.map((g) => g.id)).toEqual(['home', 'work', 'flat', 'apply', 'new']);
    expect(next.at(-1)).toMatchObject({ level: 'intermediate', parentGoalId: 'home' });
    expect(addGoal(goals, buildTree(goals, steps), null, 'top').at(-1)).toMatchObject({ level: 'long_term', parentGoalId: null });
  });

  it("adds a step after the goal's other steps", () => {
    const next = addStep(steps, buildTree(goals, steps), 'apply', 'new');
    expect(next.map((s) => s.id)).toEqual(['form', 'call', 'letter', 'new', 'loose']);
    expect(next[3]).toMatchObject({ goalId: 'apply', what: '' });
  });

  it('moves a step among the steps of its goal, passing over the steps of other goals', () => {
    const tree = buildTree(goals, steps);
    expect(move(steps, tree, 'letter', -1)?.map((s) => s.id)).toEqual(['letter', 'call', 'form', 'loose']);
    expect(move(steps, tree, 'form', -1)).toBeNull();
    expect(move(steps, tree, 'letter', 1)).toBeNull();
  });

  it('moves a goal among the goals that serve the same goal', () => {
    expect(move(goals, buildTree(goals, steps), 'work', -1)?.map((g) => g.id)).toEqual(['work', 'home', 'flat', 'apply']);
    expect(move(goals, buildTree(goals, steps), 'flat', 1)).toBeNull();
  });

  it('removes a goal with the goals under it and their steps, and puts them all back where they were', () => {
    const content = { goals, steps };
    const { content: after, removal } = remove(content, buildTree(goals, steps), 'flat');
    expect(after.goals.map((g) => g.id)).toEqual(['home', 'work']);
    expect(after.steps.map((s) => s.id)).toEqual(['call', 'loose']);
    expect(restore(after, removal)).toEqual(content);
  });
});
