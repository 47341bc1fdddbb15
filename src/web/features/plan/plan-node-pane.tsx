import type { ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { goalLevel, stepResponsible } from '../../../areas/plan/plan.contract.ts';
import type { SmartProblem } from '../../../areas/plan/smart-goal.rules.ts';
import { SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import type { FormState } from '../../ui/use-form.ts';
import type { Need } from '../assessment/assessment-api.ts';
import { type Goal, type GoalNode, type PlanTree, type Step, type StepNode, siblingsOf, takesGoals } from './goal-tree.ts';
import { NeedOptions } from './plan-lists.tsx';
import { SmartProblems } from './smart-problems.tsx';

/** Levels a goal of this level may serve: a goal serves one of a longer term. */
const parentLevels: Record<Goal['level'], Goal['level'][]> = {
  long_term: [],
  intermediate: ['long_term'],
  short_term: ['long_term', 'intermediate'],
};

export interface PaneActions {
  addGoal: (parentId: string) => void;
  addStep: (goalId: string) => void;
  move: (id: string, by: -1 | 1) => void;
  remove: (id: string) => void;
}

interface PaneProps {
  tree: PlanTree;
  field: FormState['field'];
  actions: PaneActions;
  headingId: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  /** What the last action in the pane did, said politely (a move, say). */
  announcement: string;
  onBack: () => void;
}

/** "Goal 1.2: Finds a flat of her own", for the selects that name a goal. */
export function useGoalName() {
  const { t } = useTranslation();
  return (node: GoalNode) =>
    node.goal.description
      ? t('plan.goals.named', { n: node.number, description: node.goal.description })
      : t('plan.goals.itemN', { n: node.number });
}

/** "Step 2 of goal 1.2", or "Step 2" for a step that serves no goal. */
export function useStepName() {
  const { t } = useTranslation();
  return (node: StepNode, tree: PlanTree) => {
    const goal = node.parentId ? tree.byId.get(node.parentId) : undefined;
    return goal?.kind === 'goal'
      ? t('plan.steps.ofGoal', { n: node.position, goal: goal.number })
      : t('plan.steps.itemN', { n: node.position });
  };
}

function PaneFrame({
  headingId,
  headingRef,
  title,
  subtitle,
  announcement,
  onBack,
  children,
}: Pick<PaneProps, 'headingId' | 'headingRef' | 'announcement' | 'onBack'> & { title: string; subtitle: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="button button--secondary button--small plan-pane__back" onClick={onBack}>
        {t('plan.pane.back')}
      </button>
      <h4 id={headingId} ref={headingRef} tabIndex={-1} className="plan-pane__title">
        {title} <span className="plan-pane__subtitle">{subtitle}</span>
      </h4>
      {children}
      <p role="status" className="list-status plan-pane__status">
        {announcement}
      </p>
    </>
  );
}

/** Move up, move down and remove, for a goal or a step; a move that cannot be made says so instead of vanishing. */
function OrderActions({
  tree,
  node,
  actions,
  removeLabel,
}: {
  tree: PlanTree;
  node: GoalNode | StepNode;
  actions: PaneActions;
  removeLabel: string;
}) {
  const { t } = useTranslation();
  const siblings = siblingsOf(tree, node);
  const at = siblings.indexOf(node);
  return (
    <>
      <button
        type="button"
        className="button button--secondary button--small"
        aria-disabled={at <= 0 || undefined}
        onClick={() => actions.move(node.id, -1)}
      >
        {t('plan.pane.moveUp')}
      </button>
      <button
        type="button"
        className="button button--secondary button--small"
        aria-disabled={at >= siblings.length - 1 || undefined}
        onClick={() => actions.move(node.id, 1)}
      >
        {t('plan.pane.moveDown')}
      </button>
      <button type="button" className="button button--warning button--small" onClick={() => actions.remove(node.id)}>
        {removeLabel}
      </button>
    </>
  );
}

/** The fields of the chosen goal, in SMART order, its place in the plan, and what can be done with it. */
export function GoalPane({
  node,
  themes,
  needs,
  problems,
  onChange,
  ...pane
}: PaneProps & {
  node: GoalNode;
  themes: { id: string; title: string }[];
  needs: readonly Need[];
  problems: readonly SmartProblem[];
  onChange: (id: string, patch: Partial<Goal>) => void;
}) {
  const { t } = useTranslation();
  const goalName = useGoalName();
  const { goal, index } = node;
  const field = (name: keyof Goal) => ({ ...pane.field(`content.goals.${index}.${name}`), label: t(`plan.goals.${name}`) });
  const set = (patch: Partial<Goal>) => onChange(goal.id, patch);
  const underneath = countUnder(node);
  const parents = [...pane.tree.byId.values()].filter(
    (n): n is GoalNode => n.kind === 'goal' && n.id !== goal.id && parentLevels[goal.level].includes(n.goal.level),
  );
  return (
    <PaneFrame {...pane} title={t('plan.goals.itemN', { n: node.number })} subtitle={t(`plan.level.${goal.level}`)}>
      <TextAreaField
        {...field('description')}
        hint={t('plan.goals.descriptionHint')}
        value={goal.description}
        onChange={(e) => set({ description: e.target.value })}
        rows={2}
      />
      <TextField
        {...field('indicator')}
        hint={t('plan.goals.indicatorHint')}
        value={goal.indicator}
        onChange={(e) => set({ indicator: e.target.value })}
      />
      <div className="field-row field-row--thirds">
        <TextField {...field('baseline')} value={goal.baseline} onChange={(e) => set({ baseline: e.target.value })} />
        <TextField {...field('target')} value={goal.target} onChange={(e) => set({ target: e.target.value })} />
        <TextField
          {...field('dueDate')}
          type="date"
          value={goal.dueDate ?? ''}
          onChange={(e) => set({ dueDate: e.target.value || null })}
        />
      </div>
      <SmartProblems problems={problems} />
      <div className="field-row field-row--halves">
        <SelectField {...field('needId')} value={goal.needId ?? ''} onChange={(e) => set({ needId: e.target.value || null })}>
          <option value="">{node.parentId ? t('plan.pane.needFromParent') : t('common.choose')}</option>
          <NeedOptions needs={needs} />
        </SelectField>
        <SelectField
          {...field('level')}
          value={goal.level}
          onChange={(e) =>
            set({ level: e.target.value as Goal['level'], ...(e.target.value === 'long_term' ? { parentGoalId: null } : {}) })
          }
        >
          {goalLevel.options.map((l) => (
            <option key={l} value={l}>
              {t(`plan.level.${l}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {(goal.level !== 'long_term' || themes.length > 0) && (
        <div className="field-row field-row--halves">
          {goal.level !== 'long_term' && (
            <SelectField
              {...field('parentGoalId')}
              value={goal.parentGoalId ?? ''}
              onChange={(e) => set({ parentGoalId: e.target.value || null })}
            >
              <option value="">{t('common.choose')}</option>
              {parents.map((g) => (
                <option key={g.id} value={g.id}>
                  {goalName(g)}
                </option>
              ))}
            </SelectField>
          )}
          {themes.length > 0 && (
            <SelectField {...field('themeId')} value={goal.themeId ?? ''} onChange={(e) => set({ themeId: e.target.value || null })}>
              <option value="">{t('plan.noTheme')}</option>
              {themes.map((th) => (
                <option key={th.id} value={th.id}>
                  {th.title}
                </option>
              ))}
            </SelectField>
          )}
        </div>
      )}
      <div className="plan-pane__actions">
        <div className="button-row">
          {takesGoals(goal) && (
            <button type="button" className="button button--secondary button--small" onClick={() => pane.actions.addGoal(goal.id)}>
              {t('plan.pane.addGoal')}
            </button>
          )}
          <button type="button" className="button button--secondary button--small" onClick={() => pane.actions.addStep(goal.id)}>
            {t('plan.pane.addStep')}
          </button>
        </div>
        <div className="button-row">
          <OrderActions tree={pane.tree} node={node} actions={pane.actions} removeLabel={t('plan.pane.removeGoal')} />
        </div>
        {underneath > 0 && <p className="field__hint">{t('plan.pane.removeGoalHint', { count: underneath })}</p>}
      </div>
    </PaneFrame>
  );
}

/** How many goals and steps stand under a goal, all the way down. */
function countUnder(node: GoalNode): number {
  return node.steps.length + node.goals.reduce((sum, g) => sum + 1 + countUnder(g), 0);
}

/** The fields of the chosen step and what can be done with it. */
export function StepPane({
  node,
  onChange,
  ...pane
}: PaneProps & { node: StepNode; onChange: (id: string, patch: Partial<Step>) => void }) {
  const { t } = useTranslation();
  const goalName = useGoalName();
  const stepName = useStepName();
  const { step, index } = node;
  const field = (name: keyof Step) => ({ ...pane.field(`content.steps.${index}.${name}`), label: t(`plan.steps.${name}`) });
  const set = (patch: Partial<Step>) => onChange(step.id, patch);
  const goals = [...pane.tree.byId.values()].filter((n): n is GoalNode => n.kind === 'goal');
  const parent = node.parentId ? pane.tree.byId.get(node.parentId) : undefined;
  return (
    <PaneFrame
      {...pane}
      title={stepName(node, pane.tree)}
      subtitle={parent?.kind === 'goal' ? parent.goal.description || t('plan.tree.untitled') : t('plan.noGoal')}
    >
      <TextAreaField {...field('what')} value={step.what} onChange={(e) => set({ what: e.target.value })} rows={2} />
      <div className="field-row field-row--halves">
        <SelectField
          {...field('responsibleKind')}
          value={step.responsibleKind}
          onChange={(e) => set({ responsibleKind: e.target.value as Step['responsibleKind'] })}
        >
          {stepResponsible.options.map((r) => (
            <option key={r} value={r}>
              {t(`plan.responsible.${r}`)}
            </option>
          ))}
        </SelectField>
        <TextField {...field('responsibleName')} value={step.responsibleName} onChange={(e) => set({ responsibleName: e.target.value })} />
      </div>
      <div className="field-row field-row--halves">
        <TextField
          {...field('dueDate')}
          type="date"
          value={step.dueDate ?? ''}
          onChange={(e) => set({ dueDate: e.target.value || null })}
        />
        <SelectField {...field('goalId')} value={step.goalId ?? ''} onChange={(e) => set({ goalId: e.target.value || null })}>
          <option value="">{t('plan.noGoal')}</option>
          {goals.map((g) => (
            <option key={g.id} value={g.id}>
              {goalName(g)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        {...field('instructions')}
        hint={t('plan.steps.instructionsHint')}
        value={step.instructions}
        onChange={(e) => set({ instructions: e.target.value })}
      />
      <div className="plan-pane__actions">
        <div className="button-row">
          <OrderActions tree={pane.tree} node={node} actions={pane.actions} removeLabel={t('plan.pane.removeStep')} />
        </div>
      </div>
    </PaneFrame>
  );
}
