import type { PlanContent } from '../../../areas/plan/plan.contract.ts';

export type Goal = PlanContent['goals'][number];
export type Step = PlanContent['steps'][number];

export interface StepNode {
  kind: 'step';
  id: string;
  step: Step;
  /** Where the step is in `content.steps`. */
  index: number;
  /** Its place among the steps of its goal (or among the steps that serve no goal), from 1. */
  position: number;
  parentId: string | null;
}

export interface GoalNode {
  kind: 'goal';
  id: string;
  goal: Goal;
  /** Where the goal is in `content.goals`. */
  index: number;
  /** Its place in the outline: "2", "2.1", "2.1.3". */
  number: string;
  parentId: string | null;
  goals: GoalNode[];
  steps: StepNode[];
}

export type TreeNode = GoalNode | StepNode;

export interface PlanTree {
  /** Goals that serve no goal of the plan, in the plan's order. */
  goals: GoalNode[];
  /** Steps that serve no goal of the plan. */
  steps: StepNode[];
  byId: Map<string, TreeNode>;
}

/**
 * The plan's goals as the outline they form: each goal under the goal it serves, its steps with it.
 * The order among siblings is their order in the plan; a goal whose parent is not in the plan, or that
 * is caught in a loop of parents, stands at the top.
 */
export function buildTree(goals: readonly Goal[], steps: readonly Step[]): PlanTree {
  const byId = new Map<string, TreeNode>();
  const ids = new Set(goals.map((g) => g.id));
  const childGoals = new Map<string | null, number[]>();
  goals.forEach((goal, index) => {
    const parent = goal.parentGoalId && goal.parentGoalId !== goal.id && ids.has(goal.parentGoalId) ? goal.parentGoalId : null;
    childGoals.set(parent, [...(childGoals.get(parent) ?? []), index]);
  });
  const stepsOf = new Map<string | null, StepNode[]>();
  steps.forEach((step, index) => {
    const parentId = step.goalId && ids.has(step.goalId) ? step.goalId : null;
    const siblings = stepsOf.get(parentId) ?? [];
    const node: StepNode = { kind: 'step', id: step.id, step, index, position: siblings.length + 1, parentId };
    siblings.push(node);
    stepsOf.set(parentId, siblings);
    byId.set(step.id, node);
  });

  const visit = (index: number, number: string, parentId: string | null): GoalNode => {
    const goal = goals[index]!;
    const node: GoalNode = { kind: 'goal', id: goal.id, goal, index, number, parentId, goals: [], steps: stepsOf.get(goal.id) ?? [] };
    byId.set(goal.id, node);
    for (const child of childGoals.get(goal.id) ?? []) {
      if (!byId.has(goals[child]!.id)) node.goals.push(visit(child, `${number}.${node.goals.length + 1}`, goal.id));
    }
    return node;
  };
  const roots: GoalNode[] = [];
  for (const index of childGoals.get(null) ?? []) roots.push(visit(index, String(roots.length + 1), null));
  // Goals in a loop of parents reach no top: they stand at the top themselves.
  goals.forEach((goal, index) => {
    if (!byId.has(goal.id)) roots.push(visit(index, String(roots.length + 1), null));
  });
  return { goals: roots, steps: stepsOf.get(null) ?? [], byId };
}

/** What is under a node in the outline: its steps, then the goals that serve it. */
export function childrenOf(node: TreeNode): TreeNode[] {
  return node.kind === 'goal' ? [...node.steps, ...node.goals] : [];
}

export function topNodes(tree: PlanTree): TreeNode[] {
  return [...tree.goals, ...tree.steps];
}

/** The nodes a reader sees, top to bottom, with the given goals open. */
export function visibleNodes(tree: PlanTree, open: ReadonlySet<string>): TreeNode[] {
  const out: TreeNode[] = [];
  const walk = (nodes: TreeNode[]) => {
    for (const node of nodes) {
      out.push(node);
      if (open.has(node.id)) walk(childrenOf(node));
    }
  };
  walk(topNodes(tree));
  return out;
}

/** The goals above a node, nearest first. */
export function ancestorsOf(tree: PlanTree, id: string): string[] {
  const out: string[] = [];
  let parent = tree.byId.get(id)?.parentId ?? null;
  while (parent && !out.includes(parent)) {
    out.push(parent);
    parent = tree.byId.get(parent)?.parentId ?? null;
  }
  return out;
}

/** A goal and every goal under it. */
function subtreeGoals(node: GoalNode): GoalNode[] {
  return [node, ...node.goals.flatMap(subtreeGoals)];
}

const nextLevel: Record<Goal['level'], Goal['level']> = { long_term: 'intermediate', intermediate: 'short_term', short_term: 'short_term' };

/** May a goal of this level have goals under it? Nothing serves a short-term goal. */
export const takesGoals = (goal: Goal) => goal.level !== 'short_term';

/**
 * A new, empty goal under `parentId` (a long-term goal at the top), one level down, put in the plan
 * after the goals already under that parent.
 */
export function addGoal(goals: readonly Goal[], tree: PlanTree, parentId: string | null, id: string): Goal[] {
  const parent = parentId ? tree.byId.get(parentId) : undefined;
  const goal: Goal = {
    id,
    level: parent?.kind === 'goal' ? nextLevel[parent.goal.level] : 'long_term',
    parentGoalId: parent?.kind === 'goal' ? parent.id : null,
    themeId: parent?.kind === 'goal' ? parent.goal.themeId : null,
    needId: null,
    description: '',
    indicator: '',
    baseline: '',
    target: '',
    dueDate: null,
  };
  const at = parent?.kind === 'goal' ? Math.max(...subtreeGoals(parent).map((g) => g.index)) + 1 : goals.length;
  return [...goals.slice(0, at), goal, ...goals.slice(at)];
}

/** A new, empty step for the goal (or for no goal), put in the plan after that goal's other steps. */
export function addStep(steps: readonly Step[], tree: PlanTree, goalId: string | null, id: string): Step[] {
  const goal = goalId ? tree.byId.get(goalId) : undefined;
  const siblings = goal?.kind === 'goal' ? goal.steps : tree.steps;
  const step: Step = {
    id,
    goalId: goal?.kind === 'goal' ? goal.id : null,
    what: '',
    responsibleKind: 'person',
    responsibleName: '',
    responsibleStaffId: null,
    dueDate: null,
    instructions: '',
  };
  const at = siblings.length > 0 ? siblings[siblings.length - 1]!.index + 1 : steps.length;
  return [...steps.slice(0, at), step, ...steps.slice(at)];
}

/** The node's siblings in the outline, itself among them: goals with goals, steps with steps. */
export function siblingsOf(tree: PlanTree, node: TreeNode): TreeNode[] {
  const parent = node.parentId ? tree.byId.get(node.parentId) : undefined;
  if (node.kind === 'goal') return parent?.kind === 'goal' ? parent.goals : tree.goals;
  return parent?.kind === 'goal' ? parent.steps : tree.steps;
}

/**
 * Moves a goal or step one place up (-1) or down (+1) among its siblings, by trading places with its
 * neighbour in the plan's list; null when it is already first or last.
 */
export function move<T>(items: readonly T[], tree: PlanTree, id: string, by: -1 | 1): T[] | null {
  const node = tree.byId.get(id);
  if (!node) return null;
  const siblings = siblingsOf(tree, node);
  const neighbour = siblings[siblings.indexOf(node) + by];
  if (!neighbour) return null;
  const next = [...items];
  next[node.index] = items[neighbour.index]!;
  next[neighbour.index] = items[node.index]!;
  return next;
}

/** What a removal took out, with where each item stood, so that it can be put back. */
export interface Removal {
  id: string;
  goals: { index: number; goal: Goal }[];
  steps: { index: number; step: Step }[];
}

type GoalsAndSteps = Pick<PlanContent, 'goals' | 'steps'>;

/** Removes a goal with the goals under it and all their steps, or one step; says what it took out. */
export function remove(content: GoalsAndSteps, tree: PlanTree, id: string): { content: GoalsAndSteps; removal: Removal } {
  const node = tree.byId.get(id);
  const goalIds = new Set(node?.kind === 'goal' ? subtreeGoals(node).map((g) => g.id) : []);
  const stepGone = (step: Step) => step.id === id || (step.goalId !== null && goalIds.has(step.goalId));
  return {
    content: { goals: content.goals.filter((g) => !goalIds.has(g.id)), steps: content.steps.filter((s) => !stepGone(s)) },
    removal: {
      id,
      goals: content.goals.flatMap((goal, index) => (goalIds.has(goal.id) ? [{ index, goal }] : [])),
      steps: content.steps.flatMap((step, index) => (stepGone(step) ? [{ index, step }] : [])),
    },
  };
}

/** Puts back what a removal took out, each item where it stood (or at the end, if the list is shorter now). */
export function restore(content: GoalsAndSteps, removal: Removal): GoalsAndSteps {
  const putBack = <T>(items: readonly T[], removed: { index: number; item: T }[]) => {
    const next = [...items];
    for (const { index, item } of removed) next.splice(Math.min(index, next.length), 0, item);
    return next;
  };
  return {
    goals: putBack(
      content.goals,
      removal.goals.map(({ index, goal }) => ({ index, item: goal })),
    ),
    steps: putBack(
      content.steps,
      removal.steps.map(({ index, step }) => ({ index, item: step })),
    ),
  };
}
