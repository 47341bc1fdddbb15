/**
 * The stages of a case and the moves between them, as data: what may follow what, who may make
 * the move, and when a reason must be given. Checked by `transition`, pure.
 */
import { isSupervision } from '../../core/access-policy.ts';
import type { Role } from '../../core/roles.contract.ts';
import { caseStage } from './case.contract.ts';

export const caseStages = caseStage.options;
export type CaseStage = (typeof caseStages)[number];
export type OpenStage = Exclude<CaseStage, 'closed'>;
export const openStages = caseStages.filter((s): s is OpenStage => s !== 'closed');

/**
 * forward: the next step of the process; revisePlan / continue: what an evaluation can lead to;
 * close: from any open stage; reopen: a closed case starts again with a new assessment.
 */
export type StageMove = 'forward' | 'revise_plan' | 'continue' | 'close' | 'reopen';

/** Who may make a move: the case's responsible worker or supervision, or supervision only. */
export type StageMover = 'responsible_or_supervision' | 'supervision';

export interface StageTransition {
  from: CaseStage;
  to: CaseStage;
  move: StageMove;
  who: StageMover;
  reasonRequired: boolean;
}

const everyday = (from: CaseStage, to: CaseStage, move: StageMove): StageTransition => ({
  from,
  to,
  move,
  who: 'responsible_or_supervision',
  reasonRequired: false,
});

export const stageTransitions: readonly StageTransition[] = [
  everyday('intake', 'assessment', 'forward'),
  everyday('assessment', 'planning', 'forward'),
  everyday('planning', 'implementation', 'forward'),
  everyday('implementation', 'evaluation', 'forward'),
  everyday('evaluation', 'planning', 'revise_plan'),
  everyday('evaluation', 'implementation', 'continue'),
  // Ending or restarting someone's case is a decision the person may contest: supervision
  // makes it, and the reason is kept with the case's history.
  ...openStages.map((from): StageTransition => ({ from, to: 'closed', move: 'close', who: 'supervision', reasonRequired: true })),
  { from: 'closed', to: 'assessment', move: 'reopen', who: 'supervision', reasonRequired: true },
];

/** The shortest reason accepted where one is required, as for reassignment and links. */
export const minimumReasonLength = 3;

export interface StageActor {
  roles: readonly Role[];
  /** Whether the actor is the case's responsible worker. */
  isResponsible: boolean;
  reason?: string;
}

export type TransitionProblem = 'same_stage' | 'transition_not_allowed' | 'role_not_allowed' | 'reason_required';

export type TransitionOutcome = { ok: true; move: StageMove } | { ok: false; code: TransitionProblem; message: string };

export function findTransition(from: CaseStage, to: CaseStage): StageTransition | undefined {
  return stageTransitions.find((t) => t.from === from && t.to === to);
}

function mayMake(rule: StageTransition, actor: Pick<StageActor, 'roles' | 'isResponsible'>): boolean {
  const supervises = isSupervision(actor);
  return rule.who === 'supervision' ? supervises : supervises || actor.isResponsible;
}

/** Whether the actor may move a case from `current` to `target`, and if not, why. */
export function transition(current: CaseStage, target: CaseStage, actor: StageActor): TransitionOutcome {
  if (current === target) return { ok: false, code: 'same_stage', message: `The case is already in ${current}` };
  const rule = findTransition(current, target);
  if (!rule) return { ok: false, code: 'transition_not_allowed', message: `A case cannot move from ${current} to ${target}` };
  if (!mayMake(rule, actor)) {
    const who = rule.who === 'supervision' ? 'a supervisor or the agency head' : 'the responsible worker, a supervisor or the agency head';
    return { ok: false, code: 'role_not_allowed', message: `Only ${who} may move a case from ${current} to ${target}` };
  }
  if (rule.reasonRequired && (actor.reason ?? '').trim().length < minimumReasonLength) {
    return { ok: false, code: 'reason_required', message: `Give a reason to ${rule.move} the case` };
  }
  return { ok: true, move: rule.move };
}

/** The stages this actor may move the case to from `current` (a reason may still be needed). */
export function availableTargets(current: CaseStage, actor: Pick<StageActor, 'roles' | 'isResponsible'>): CaseStage[] {
  return stageTransitions.filter((rule) => rule.from === current && mayMake(rule, actor)).map((rule) => rule.to);
}

/**
 * The stages a case passes through from `from` to `to` by "forward" moves alone, `to` included;
 * empty when `to` is not ahead of `from` (or the case is closed).
 */
export function forwardPath(from: CaseStage, to: CaseStage): CaseStage[] {
  const path: CaseStage[] = [];
  let stage = from;
  while (stage !== to) {
    const next = stageTransitions.find((t) => t.from === stage && t.move === 'forward');
    if (!next) return [];
    path.push(next.to);
    stage = next.to;
  }
  return path;
}
