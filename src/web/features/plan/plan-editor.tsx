import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PlanContent, updatePlanBody } from '../../../areas/plan/plan.contract.ts';
import { checkPlanForAgreement } from '../../../areas/plan/plan.rules.ts';
import type { SmartProblem } from '../../../areas/plan/smart-goal.rules.ts';
import { ApiError } from '../../api.ts';
import { formatDate, todayIsoDate } from '../../format.ts';
import { AutosaveStatus } from '../../ui/autosave-status.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { CollapsibleSection, useOpenSections } from '../../ui/collapsible-section.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { TextAreaField, TextField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { useForm } from '../../ui/use-form.ts';
import { useVersionConflict } from '../admin/conflict-notice.tsx';
import { focusLater } from '../admin/edit-panel.tsx';
import type { Need } from '../assessment/assessment-api.ts';
import { useAutosave } from '../intake/use-autosave.ts';
import {
  addGoal,
  addStep,
  ancestorsOf,
  buildTree,
  type Goal,
  move,
  type Removal,
  remove,
  restore,
  type Step,
  topNodes,
} from './goal-tree.ts';
import { planApi, type ServicePlan } from './plan-api.ts';
import { MeetingList, RiskList, ServiceList, ThemeList } from './plan-lists.tsx';
import { GoalPane, type PaneActions, StepPane, useGoalName, useStepName } from './plan-node-pane.tsx';
import { PlanTree, treeNodeId } from './plan-tree.tsx';

type Values = { content: PlanContent; changeReason: string; baseVersion: number };

/** The plan's parts besides its goals and steps, each a section that opens and closes. */
const sections = ['period', 'wishes', 'themes', 'services', 'meetings', 'risks', 'rights', 'evaluation'] as const;
type Section = (typeof sections)[number];
const sectionOfField: Record<string, Section> = {
  periodFrom: 'period',
  periodTo: 'period',
  reviewDate: 'period',
  personWishes: 'wishes',
  themes: 'themes',
  services: 'services',
  meetings: 'meetings',
  risks: 'risks',
  rightsAndDuties: 'rights',
  evaluationMethod: 'evaluation',
};
const listSections = ['themes', 'goals', 'steps', 'services', 'meetings', 'risks'] as const;
const criteriaOrder = ['specific', 'measurable', 'relevant', 'time_bound', 'structure'];
const paneHeadingId = 'plan-pane-heading';
const excerpt = (text: string, length = 90) => {
  const line = text.trim().replace(/\s+/g, ' ');
  return line.length > length ? `${line.slice(0, length - 1).trimEnd()}…` : line;
};

/**
 * The draft plan: its goals and steps as a tree beside the chosen one's details, with the SMART check
 * run as the goal is typed; its other parts in sections that open and close, each saying in a line
 * what it holds; and a bar that stays in view with the autosave status, "save" and "put to the
 * person". The draft is autosaved as a draft of its own.
 */
export function PlanEditor({
  plan,
  needs,
  onSaved,
}: {
  plan: ServicePlan;
  needs: Need[];
  /** A plan saved or put to the person; the message is for the page (null: the editor says it itself). */
  onSaved: (plan: ServicePlan, message: string | null) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = useForm('plan');
  const [values, setValues] = useState<Values>({ content: plan.content, changeReason: plan.changeReason, baseVersion: plan.version });
  const conflict = useVersionConflict();
  const autosave = useAutosave(`plan:${plan.id}`, values, (draft) => setValues((v) => ({ ...v, ...draft })));
  const content = values.content;
  const setContent = useCallback((patch: Partial<PlanContent>) => setValues((v) => ({ ...v, content: { ...v.content, ...patch } })), []);
  const open = useOpenSections<Section>();
  const [savedMessage, setSavedMessage] = useState<string | null>(null);

  // Goals and steps
  const tree = useMemo(() => buildTree(content.goals, content.steps), [content.goals, content.steps]);
  const today = todayIsoDate();
  const smart = useMemo(() => {
    const byGoal = new Map<string, SmartProblem[]>();
    for (const { goalId, ...problem } of checkPlanForAgreement(content, { today }).goals)
      byGoal.set(goalId, [...(byGoal.get(goalId) ?? []), problem]);
    return byGoal;
  }, [content, today]);
  const missing = useMemo(() => {
    const out = new Map<string, string>();
    for (const [goalId, problems] of smart) {
      const criteria = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.criterion));
      out.set(goalId, criteriaOrder.filter((c) => criteria.has(c as SmartProblem['criterion'])).join(','));
    }
    return out;
  }, [smart]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = (selectedId ? tree.byId.get(selectedId) : undefined) ?? topNodes(tree)[0];
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [view, setView] = useState<'tree' | 'details'>('tree');
  const [announcement, setAnnouncement] = useState('');
  const [removed, setRemoved] = useState<{ removal: Removal; name: string } | null>(null);
  const paneHeading = useRef<HTMLHeadingElement>(null);
  const layout = useRef<HTMLDivElement>(null);
  /** The tree and the details share one column (a phone): they are shown one at a time. */
  const oneColumn = () => !!layout.current && getComputedStyle(layout.current).gridTemplateColumns.trim().split(/\s+/).length < 2;
  const goalName = useGoalName();
  const stepName = useStepName();
  const nodeName = (id: string) => {
    const node = tree.byId.get(id);
    return !node ? '' : node.kind === 'goal' ? goalName(node) : stepName(node, tree);
  };

  const setOpenNode = useCallback(
    (id: string, isOpen: boolean) =>
      setExpanded((current) => {
        if (current.has(id) === isOpen) return current;
        const next = new Set(current);
        if (isOpen) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  const showNodes = (ids: Iterable<string>, within = tree) =>
    setExpanded((current) => new Set([...current, ...[...ids].flatMap((id) => ancestorsOf(within, id))]));
  /** Opens a goal and those above it: where a node just moved to stays in sight. */
  const showUnder = (goalId: string) => setExpanded((current) => new Set([...current, goalId, ...ancestorsOf(tree, goalId)]));
  /** Opens a node in the pane; on a phone the pane takes the screen, so focus goes to it. */
  const select = (id: string, focus: 'pane' | 'field' = 'pane') => {
    setSelectedId(id);
    setAnnouncement('');
    if (oneColumn()) {
      setView('details');
      if (focus === 'pane') focusLater(paneHeadingId);
    }
    requestAnimationFrame(() => {
      const heading = paneHeading.current;
      if (heading && heading.getBoundingClientRect().top < 0) heading.scrollIntoView({ block: 'start' });
    });
  };
  const setGoal = useCallback(
    (id: string, patch: Partial<Goal>) =>
      setValues((v) => ({ ...v, content: { ...v.content, goals: v.content.goals.map((g) => (g.id === id ? { ...g, ...patch } : g)) } })),
    [],
  );
  const setStep = useCallback(
    (id: string, patch: Partial<Step>) =>
      setValues((v) => ({ ...v, content: { ...v.content, steps: v.content.steps.map((s) => (s.id === id ? { ...s, ...patch } : s)) } })),
    [],
  );
  const addGoalUnder = (parentId: string | null) => {
    const id = crypto.randomUUID();
    const goals = addGoal(content.goals, tree, parentId, id);
    setContent({ goals });
    showNodes([id], buildTree(goals, content.steps));
    select(id, 'field');
    setView('details');
    focusLater(form.id(`content.goals.${goals.findIndex((g) => g.id === id)}.description`));
  };
  const actions: PaneActions = {
    addGoal: addGoalUnder,
    addStep: (goalId) => {
      const id = crypto.randomUUID();
      const steps = addStep(content.steps, tree, goalId, id);
      setContent({ steps });
      showNodes([id], buildTree(content.goals, steps));
      select(id, 'field');
      focusLater(form.id(`content.steps.${steps.findIndex((s) => s.id === id)}.what`));
    },
    move: (id, by) => {
      const node = tree.byId.get(id);
      if (!node) return;
      const moved = node.kind === 'goal' ? move(content.goals, tree, id, by) : move(content.steps, tree, id, by);
      if (!moved) {
        setAnnouncement(by < 0 ? t('plan.pane.alreadyFirst') : t('plan.pane.alreadyLast'));
        return;
      }
      const next = node.kind === 'goal' ? buildTree(moved as Goal[], content.steps) : buildTree(content.goals, moved as Step[]);
      setContent(node.kind === 'goal' ? { goals: moved as Goal[] } : { steps: moved as Step[] });
      const now = next.byId.get(id)!;
      setAnnouncement(t('plan.pane.moved', { name: now.kind === 'goal' ? goalName(now) : stepName(now, next) }));
    },
    remove: (id) => {
      const name = nodeName(id);
      const node = tree.byId.get(id);
      const { content: after, removal } = remove(content, tree, id);
      setContent(after);
      setRemoved({ removal, name });
      // The pane shows the parent now, or the first goal.
      setSelectedId(node?.parentId ?? null);
      setView('tree');
      focusLater('plan-undo');
    },
  };
  const undo = () => {
    if (!removed) return;
    const back = restore(content, removed.removal);
    setContent(back);
    setRemoved(null);
    setSelectedId(removed.removal.id);
    showNodes([removed.removal.id], buildTree(back.goals, back.steps));
    focusLater(treeNodeId(removed.removal.id));
  };

  // Problems: where they are, how they are named in the summary, and showing them.
  const invalidNodes = useMemo(() => {
    const out = new Set<string>();
    for (const path of Object.keys(form.errors)) {
      const [, list, index] = path.split('.');
      const item = list === 'goals' ? content.goals[Number(index)] : list === 'steps' ? content.steps[Number(index)] : undefined;
      if (item) out.add(item.id);
    }
    return out;
  }, [form.errors, content.goals, content.steps]);
  const invalidSections = new Set(
    Object.keys(form.errors).flatMap((path) => {
      const section = sectionOfField[path.split('.')[1] ?? ''];
      return section ? [section] : [];
    }),
  );
  const reveal = (path: string) => {
    const [, list, index] = path.split('.');
    const section = sectionOfField[list ?? ''];
    if (section) open.set(section, true);
    const item = list === 'goals' ? content.goals[Number(index)] : list === 'steps' ? content.steps[Number(index)] : undefined;
    if (item) {
      setSelectedId(item.id);
      showNodes([item.id]);
      setView('details');
    } else if (list === 'goals' || list === 'steps') setView('tree');
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a check finds problems, not on every edit
  useEffect(() => {
    const paths = Object.keys(form.errors);
    if (paths.length === 0) return;
    open.reveal(paths.flatMap((path) => sectionOfField[path.split('.')[1] ?? ''] ?? []));
    showNodes(invalidNodes);
  }, [form.errors]);
  const labelOf = (path: string) => {
    const [, list, index, field] = path.split('.');
    if (list && (listSections as readonly string[]).includes(list) && index !== undefined && field) {
      const item = list === 'goals' ? content.goals[Number(index)] : list === 'steps' ? content.steps[Number(index)] : undefined;
      const key = list === 'themes' && field === 'title' ? 'titleField' : field;
      return t('plan.itemField', {
        item: item ? nodeName(item.id) : t(`plan.${list}.itemN`, { n: Number(index) + 1 }),
        field: t(`plan.${list}.${key}`, { defaultValue: field }),
      });
    }
    if (list && (listSections as readonly string[]).includes(list)) return t(`plan.${list}.title`);
    return t(`plan.field.${list ?? path}`, { defaultValue: path });
  };
  const labels = Object.fromEntries(Object.keys(form.errors).map((key) => [key, labelOf(key)]));

  const save = (submit: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    setSavedMessage(null);
    const body = form.check(
      updatePlanBody,
      { content, ...(plan.previousId ? { changeReason: values.changeReason } : {}), version: values.baseVersion },
      {
        'content.periodTo': 'plan.periodEndsBeforeStart',
        'content.reviewDate': 'plan.reviewOutsidePeriod',
      },
    );
    if (!body) return;
    void form.submit(async () => {
      try {
        await conflict.guard(async () => {
          const saved = await planApi.update(plan.id, body);
          setValues((v) => ({ ...v, baseVersion: saved.version }));
          onSaved(saved, null);
          setSavedMessage(
            saved.smartProblems.length > 0 ? t('plan.savedWithProblems', { count: saved.smartProblems.length }) : t('plan.saved'),
          );
          if (!submit) return;
          const submitted = await planApi.submit(plan.id, saved.version);
          await autosave.discard();
          onSaved(submitted, t('plan.submitted'));
        });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        // The SMART check refuses a submission with its own codes; say them in the reader's language.
        throw new ApiError({
          status: error.status,
          code: error.code,
          title: error.title,
          ...(error.detail ? { detail: error.detail } : {}),
          fieldErrors: error.fieldErrors.map((e) => ({ ...e, message: t(`smart.problem.${e.code}`, { defaultValue: e.message }) })),
        });
      }
    });
  };

  const date = (d: string | null) => (d ? formatDate(d, locale) : '–');
  const textSummary = (text: string) => (text.trim() ? excerpt(text) : t('plan.summary.empty'));
  const listSummary = (section: 'themes' | 'services' | 'meetings' | 'risks', names: string[]) =>
    names.length === 0
      ? t('plan.summary.none')
      : t(`plan.summary.${section}`, { count: names.length, names: excerpt(names.filter(Boolean).join(', '), 70) });
  const section = (name: Section, title: string, summary: string) => ({
    id: `plan-section-${name}`,
    title,
    summary,
    invalid: invalidSections.has(name),
    invalidLabel: t('plan.hasProblem'),
    ...open.props(name),
  });
  const dateField = (path: 'periodFrom' | 'periodTo' | 'reviewDate') => (
    <TextField
      {...form.field(`content.${path}`)}
      label={t(`plan.field.${path}`)}
      type="date"
      value={content[path]}
      onChange={(e) => setContent({ [path]: e.target.value })}
      className="field--short"
    />
  );
  const textArea = (path: 'personWishes' | 'rightsAndDuties' | 'evaluationMethod', hint?: string) => (
    <TextAreaField
      {...form.field(`content.${path}`)}
      label={t(`plan.field.${path}`)}
      hint={hint}
      value={content[path]}
      onChange={(e) => setContent({ [path]: e.target.value })}
      rows={5}
    />
  );
  const setThemes = useCallback((themes: PlanContent['themes']) => setContent({ themes }), [setContent]);
  const setServices = useCallback((services: PlanContent['services']) => setContent({ services }), [setContent]);
  const setMeetings = useCallback((meetings: PlanContent['meetings']) => setContent({ meetings }), [setContent]);
  const setRisks = useCallback((risks: PlanContent['risks']) => setContent({ risks }), [setContent]);
  const goalsMet = content.goals.filter((g) => !missing.get(g.id)).length;
  const openable = [...tree.byId.values()].filter((n) => n.kind === 'goal' && (n.goals.length > 0 || n.steps.length > 0));

  const paneProps = {
    tree,
    field: form.field,
    actions,
    headingId: paneHeadingId,
    headingRef: paneHeading,
    announcement,
    onBack: () => {
      setView('tree');
      if (selected) focusLater(treeNodeId(selected.id));
    },
  };

  return (
    <>
      <ErrorSummary form={form} labels={labels} reveal={reveal} />
      {conflict.notice}
      <form noValidate onSubmit={save(false)} className="plan-form">
        {plan.previousId && (
          <TextAreaField
            {...form.field('changeReason')}
            label={t('plan.field.changeReason')}
            value={values.changeReason}
            onChange={(e) => setValues((v) => ({ ...v, changeReason: e.target.value }))}
          />
        )}
        <div className="sections">
          <CollapsibleSection
            {...section(
              'period',
              t('plan.sections.period'),
              t('plan.summary.period', { from: date(content.periodFrom), to: date(content.periodTo), review: date(content.reviewDate) }),
            )}
          >
            <div className="field-row">
              {dateField('periodFrom')}
              {dateField('periodTo')}
              {dateField('reviewDate')}
            </div>
          </CollapsibleSection>
          <CollapsibleSection {...section('wishes', t('plan.field.personWishes'), textSummary(content.personWishes))}>
            {textArea('personWishes', t('plan.personWishesHint'))}
          </CollapsibleSection>
          <CollapsibleSection
            {...section(
              'themes',
              t('plan.themes.title'),
              listSummary(
                'themes',
                content.themes.map((th) => th.title),
              ),
            )}
          >
            <ThemeList items={content.themes} onChange={setThemes} field={form.field} />
          </CollapsibleSection>
        </div>

        <section aria-labelledby={form.id('content.goals')} className="plan-goals-editor" data-view={view}>
          <h3 id={form.id('content.goals')} tabIndex={-1} className="plan-goals-editor__title">
            {t('plan.sections.goals')}
          </h3>
          <p className="plan-goals-editor__summary">
            <strong>
              {t('plan.summary.goals', {
                goals: t('plan.tree.goalCount', { count: content.goals.length }),
                steps: t('plan.tree.stepCount', { count: content.steps.length }),
              })}{' '}
              {content.goals.length > 0 && t('plan.summary.smartMet', { count: content.goals.length, met: goalsMet })}
            </strong>{' '}
            <span className="field__hint">{t('plan.goals.hint')}</span>
          </p>
          {form.errors['content.goals'] && <p className="field__error">{form.errors['content.goals']}</p>}
          <div ref={layout} className="plan-goals-editor__layout">
            <div className="plan-tree-column" id={form.id('content.steps')} tabIndex={-1}>
              <div className="plan-tree-column__tools">
                <button type="button" className="button button--secondary button--small" onClick={() => addGoalUnder(null)}>
                  {t('plan.tree.addGoal')}
                </button>
                {openable.length > 0 && (
                  <span className="plan-tree-column__toggles">
                    <button type="button" className="link-button" onClick={() => setExpanded(new Set(openable.map((n) => n.id)))}>
                      {t('plan.tree.openAll')}
                    </button>
                    <button type="button" className="link-button" onClick={() => setExpanded(new Set())}>
                      {t('plan.tree.closeAll')}
                    </button>
                  </span>
                )}
              </div>
              <div id="plan-undo-status" role="status" className="plan-undo">
                {removed && (
                  <p className="notice notice--info plan-undo__notice">
                    {t('plan.tree.removed', { name: removed.name })}{' '}
                    <button id="plan-undo" type="button" className="button button--secondary button--small" onClick={undo}>
                      {t('plan.tree.undo')}
                    </button>
                  </p>
                )}
              </div>
              {topNodes(tree).length === 0 ? (
                <p>{t('plan.tree.empty')}</p>
              ) : (
                <PlanTree
                  tree={tree}
                  label={t('plan.sections.goals')}
                  open={expanded}
                  onOpenChange={setOpenNode}
                  selectedId={selected?.id ?? null}
                  onSelect={(id) => select(id)}
                  missing={missing}
                  invalid={invalidNodes}
                />
              )}
            </div>
            <section
              aria-labelledby={selected ? paneHeadingId : undefined}
              aria-label={selected ? undefined : t('plan.pane.label')}
              className="plan-pane"
            >
              {selected?.kind === 'goal' ? (
                <GoalPane
                  {...paneProps}
                  node={selected}
                  themes={content.themes}
                  needs={needs}
                  problems={smart.get(selected.id) ?? []}
                  onChange={(id, patch) => {
                    setGoal(id, patch);
                    if (patch.parentGoalId) showUnder(patch.parentGoalId);
                  }}
                />
              ) : selected?.kind === 'step' ? (
                <StepPane
                  {...paneProps}
                  node={selected}
                  onChange={(id, patch) => {
                    setStep(id, patch);
                    if (patch.goalId) showUnder(patch.goalId);
                  }}
                />
              ) : (
                <p className="list-status">{t('plan.pane.nothing')}</p>
              )}
            </section>
          </div>
        </section>

        <div className="sections">
          <CollapsibleSection
            {...section(
              'services',
              t('plan.services.title'),
              listSummary(
                'services',
                content.services.map((s) => s.type),
              ),
            )}
          >
            <ServiceList items={content.services} onChange={setServices} field={form.field} needs={needs} />
          </CollapsibleSection>
          <CollapsibleSection
            {...section(
              'meetings',
              t('plan.meetings.title'),
              listSummary(
                'meetings',
                content.meetings.map((m) => [m.date && date(m.date), m.purpose].filter(Boolean).join(' ')),
              ),
            )}
          >
            <MeetingList items={content.meetings} onChange={setMeetings} field={form.field} />
          </CollapsibleSection>
          <CollapsibleSection
            {...section(
              'risks',
              t('plan.risks.title'),
              listSummary(
                'risks',
                content.risks.map((r) => r.risk),
              ),
            )}
          >
            <RiskList items={content.risks} onChange={setRisks} field={form.field} />
          </CollapsibleSection>
          <CollapsibleSection {...section('rights', t('plan.field.rightsAndDuties'), textSummary(content.rightsAndDuties))}>
            {textArea('rightsAndDuties')}
          </CollapsibleSection>
          <CollapsibleSection {...section('evaluation', t('plan.field.evaluationMethod'), textSummary(content.evaluationMethod))}>
            {textArea('evaluationMethod')}
          </CollapsibleSection>
        </div>

        <div className="sticky-bar">
          <div className="sticky-bar__status">
            <AutosaveStatus autosave={autosave} />
            <p role="status" className="sticky-bar__message">
              {savedMessage}
            </p>
          </div>
          <div className="button-row">
            <SubmitButton submitting={form.submitting} variant="secondary">
              {t('plan.save')}
            </SubmitButton>
            <button type="button" className="button button--primary" disabled={form.submitting} onClick={() => save(true)()}>
              {t('plan.submit')}
            </button>
          </div>
        </div>
      </form>
    </>
  );
}
