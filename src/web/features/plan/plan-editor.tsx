import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { goalLevel, type PlanContent, stepResponsible, updatePlanBody } from '../../../areas/plan/plan.contract.ts';
import { ApiError } from '../../api.ts';
import { AutosaveStatus } from '../../ui/autosave-status.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useVersionConflict } from '../admin/conflict-notice.tsx';
import type { Need } from '../assessment/assessment-api.ts';
import { useAutosave } from '../intake/use-autosave.ts';
import { ItemList } from './item-list.tsx';
import { planApi, type ServicePlan } from './plan-api.ts';
import { SmartProblems } from './smart-problems.tsx';

type Goal = PlanContent['goals'][number];
type Values = { content: PlanContent; changeReason: string; baseVersion: number };

const newId = () => crypto.randomUUID();
/** Levels a goal of this level may serve: a goal serves one of a longer term. */
const parentLevels: Record<Goal['level'], Goal['level'][]> = {
  long_term: [],
  intermediate: ['long_term'],
  short_term: ['long_term', 'intermediate'],
};
const listSections = ['themes', 'goals', 'steps', 'services', 'meetings', 'risks'] as const;

/** "Goal 2: indicator" – the name of a field in the error summary, from its path. */
function useFieldLabel() {
  const { t } = useTranslation();
  return (path: string) => {
    const [, section, index, field] = path.split('.');
    if (section && (listSections as readonly string[]).includes(section) && index !== undefined && field) {
      const key = section === 'themes' && field === 'title' ? 'titleField' : field;
      return t('plan.itemField', {
        item: t(`plan.${section}.itemN`, { n: Number(index) + 1 }),
        field: t(`plan.${section}.${key}`, { defaultValue: field }),
      });
    }
    if (section && (listSections as readonly string[]).includes(section)) return t(`plan.${section}.title`);
    return t(`plan.field.${section ?? path}`, { defaultValue: path });
  };
}

/**
 * The draft plan: period, the person's wishes, themes, goals (with the server's SMART check next
 * to each), steps, services, meetings, risks, rights and duties, evaluation. Autosaved as a draft
 * of its own; "save" stores it in the plan, "put to the person" saves and submits it.
 */
export function PlanEditor({
  plan,
  needs,
  onSaved,
}: {
  plan: ServicePlan;
  needs: Need[];
  onSaved: (plan: ServicePlan, message: string) => void;
}) {
  const { t } = useTranslation();
  const form = useForm('plan');
  const labelOf = useFieldLabel();
  const [values, setValues] = useState<Values>({ content: plan.content, changeReason: plan.changeReason, baseVersion: plan.version });
  const conflict = useVersionConflict();
  const autosave = useAutosave(`plan:${plan.id}`, values, (draft) => setValues((v) => ({ ...v, ...draft })));
  const content = values.content;
  const setContent = (patch: Partial<PlanContent>) => setValues((v) => ({ ...v, content: { ...v.content, ...patch } }));
  const labels = Object.fromEntries(Object.keys(form.errors).map((key) => [key, labelOf(key)]));

  const goalName = (g: Goal) => {
    const n = content.goals.indexOf(g) + 1;
    return g.description ? t('plan.goals.named', { n, description: g.description }) : t('plan.goals.itemN', { n });
  };
  const needOptions = needs.map((n) => <option key={n.id} value={n.id}>{`${t(`lifeDomain.${n.domain}`)}: ${n.description}`}</option>);

  const save = (submit: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
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
          onSaved(
            saved,
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

  const dateField = (path: keyof PlanContent & ('periodFrom' | 'periodTo' | 'reviewDate')) => (
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
    />
  );
  /** The props of a field of the n-th item of a list. */
  const itemField = (section: (typeof listSections)[number], index: number, field: string) => ({
    ...form.field(`content.${section}.${index}.${field}`),
    label: t(`plan.${section}.${field}`),
  });
  const list = <S extends (typeof listSections)[number]>(section: S) => ({
    form,
    name: `content.${section}`,
    legend: t(`plan.${section}.title`),
    itemLegend: (n: number) => t(`plan.${section}.itemN`, { n }),
    items: content[section] as PlanContent[S],
    onChange: (items: PlanContent[S]) => setContent({ [section]: items }),
    addLabel: t(`plan.${section}.add`),
    removeLabel: (n: number) => t(`plan.${section}.remove`, { n }),
  });

  return (
    <>
      <AutosaveStatus autosave={autosave} />
      <ErrorSummary form={form} labels={labels} />
      {conflict.notice}
      <form noValidate onSubmit={save(false)} className="form form--wide plan-form">
        {plan.previousId && (
          <TextAreaField
            {...form.field('changeReason')}
            label={t('plan.field.changeReason')}
            value={values.changeReason}
            onChange={(e) => setValues((v) => ({ ...v, changeReason: e.target.value }))}
          />
        )}
        <fieldset className="field fieldset">
          <legend className="field__label plan-section__legend">{t('plan.periodTitle')}</legend>
          <div className="field-row">
            {dateField('periodFrom')}
            {dateField('periodTo')}
            {dateField('reviewDate')}
          </div>
        </fieldset>
        {textArea('personWishes', t('plan.personWishesHint'))}
        <ItemList {...list('themes')} create={() => ({ id: newId(), title: '' })}>
          {(theme, i, set) => (
            <TextField
              {...itemField('themes', i, 'title')}
              label={t('plan.themes.titleField')}
              value={theme.title}
              onChange={(e) => set({ title: e.target.value })}
            />
          )}
        </ItemList>
        <ItemList
          {...list('goals')}
          hint={t('plan.goals.hint')}
          create={(): Goal => ({
            id: newId(),
            level: 'short_term',
            parentGoalId: null,
            themeId: null,
            needId: null,
            description: '',
            indicator: '',
            baseline: '',
            target: '',
            dueDate: null,
          })}
        >
          {(goal, i, set) => (
            <>
              <SelectField
                {...itemField('goals', i, 'level')}
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
              {goal.level !== 'long_term' && (
                <SelectField
                  {...itemField('goals', i, 'parentGoalId')}
                  value={goal.parentGoalId ?? ''}
                  onChange={(e) => set({ parentGoalId: e.target.value || null })}
                >
                  <option value="">{t('common.choose')}</option>
                  {content.goals
                    .filter((g) => g.id !== goal.id && parentLevels[goal.level].includes(g.level))
                    .map((g) => (
                      <option key={g.id} value={g.id}>
                        {goalName(g)}
                      </option>
                    ))}
                </SelectField>
              )}
              {content.themes.length > 0 && (
                <SelectField
                  {...itemField('goals', i, 'themeId')}
                  value={goal.themeId ?? ''}
                  onChange={(e) => set({ themeId: e.target.value || null })}
                >
                  <option value="">{t('plan.noTheme')}</option>
                  {content.themes.map((th) => (
                    <option key={th.id} value={th.id}>
                      {th.title}
                    </option>
                  ))}
                </SelectField>
              )}
              <SelectField
                {...itemField('goals', i, 'needId')}
                value={goal.needId ?? ''}
                onChange={(e) => set({ needId: e.target.value || null })}
              >
                <option value="">{t('common.choose')}</option>
                {needOptions}
              </SelectField>
              <TextAreaField
                {...itemField('goals', i, 'description')}
                hint={t('plan.goals.descriptionHint')}
                value={goal.description}
                onChange={(e) => set({ description: e.target.value })}
              />
              <TextField
                {...itemField('goals', i, 'indicator')}
                hint={t('plan.goals.indicatorHint')}
                value={goal.indicator}
                onChange={(e) => set({ indicator: e.target.value })}
              />
              <div className="field-row">
                <TextField
                  {...itemField('goals', i, 'baseline')}
                  value={goal.baseline}
                  onChange={(e) => set({ baseline: e.target.value })}
                />
                <TextField {...itemField('goals', i, 'target')} value={goal.target} onChange={(e) => set({ target: e.target.value })} />
              </div>
              <TextField
                {...itemField('goals', i, 'dueDate')}
                type="date"
                value={goal.dueDate ?? ''}
                onChange={(e) => set({ dueDate: e.target.value || null })}
                className="field--short"
              />
              <SmartProblems
                problems={plan.smartProblems.filter((p) => p.goalId === goal.id)}
                checked={plan.content.goals.some((g) => g.id === goal.id)}
              />
            </>
          )}
        </ItemList>
        <ItemList
          {...list('steps')}
          create={(): PlanContent['steps'][number] => ({
            id: newId(),
            goalId: null,
            what: '',
            responsibleKind: 'person',
            responsibleName: '',
            responsibleStaffId: null,
            dueDate: null,
            instructions: '',
          })}
        >
          {(step, i, set) => (
            <>
              <SelectField
                {...itemField('steps', i, 'goalId')}
                value={step.goalId ?? ''}
                onChange={(e) => set({ goalId: e.target.value || null })}
              >
                <option value="">{t('plan.noGoal')}</option>
                {content.goals.map((g) => (
                  <option key={g.id} value={g.id}>
                    {goalName(g)}
                  </option>
                ))}
              </SelectField>
              <TextAreaField {...itemField('steps', i, 'what')} value={step.what} onChange={(e) => set({ what: e.target.value })} />
              <div className="field-row">
                <SelectField
                  {...itemField('steps', i, 'responsibleKind')}
                  value={step.responsibleKind}
                  onChange={(e) => set({ responsibleKind: e.target.value as typeof step.responsibleKind })}
                >
                  {stepResponsible.options.map((r) => (
                    <option key={r} value={r}>
                      {t(`plan.responsible.${r}`)}
                    </option>
                  ))}
                </SelectField>
                <TextField
                  {...itemField('steps', i, 'responsibleName')}
                  value={step.responsibleName}
                  onChange={(e) => set({ responsibleName: e.target.value })}
                />
              </div>
              <TextField
                {...itemField('steps', i, 'dueDate')}
                type="date"
                value={step.dueDate ?? ''}
                onChange={(e) => set({ dueDate: e.target.value || null })}
                className="field--short"
              />
              <TextAreaField
                {...itemField('steps', i, 'instructions')}
                hint={t('plan.steps.instructionsHint')}
                value={step.instructions}
                onChange={(e) => set({ instructions: e.target.value })}
              />
            </>
          )}
        </ItemList>
        <ItemList
          {...list('services')}
          create={() => ({ id: newId(), type: '', provider: '', form: '', frequency: '', duration: '', place: '', needId: null })}
        >
          {(service, i, set) => (
            <>
              {(['type', 'provider', 'form', 'frequency', 'duration', 'place'] as const).map((f) => (
                <TextField key={f} {...itemField('services', i, f)} value={service[f]} onChange={(e) => set({ [f]: e.target.value })} />
              ))}
              <SelectField
                {...itemField('services', i, 'needId')}
                value={service.needId ?? ''}
                onChange={(e) => set({ needId: e.target.value || null })}
              >
                <option value="">{t('common.notStated')}</option>
                {needOptions}
              </SelectField>
            </>
          )}
        </ItemList>
        <ItemList {...list('meetings')} create={() => ({ id: newId(), date: '', purpose: '', place: '' })}>
          {(meeting, i, set) => (
            <>
              <TextField
                {...itemField('meetings', i, 'date')}
                type="date"
                value={meeting.date}
                onChange={(e) => set({ date: e.target.value })}
                className="field--short"
              />
              <TextField
                {...itemField('meetings', i, 'purpose')}
                value={meeting.purpose}
                onChange={(e) => set({ purpose: e.target.value })}
              />
              <TextField {...itemField('meetings', i, 'place')} value={meeting.place} onChange={(e) => set({ place: e.target.value })} />
            </>
          )}
        </ItemList>
        <ItemList {...list('risks')} create={() => ({ id: newId(), risk: '', contingency: '' })}>
          {(risk, i, set) => (
            <>
              <TextAreaField {...itemField('risks', i, 'risk')} value={risk.risk} onChange={(e) => set({ risk: e.target.value })} />
              <TextAreaField
                {...itemField('risks', i, 'contingency')}
                value={risk.contingency}
                onChange={(e) => set({ contingency: e.target.value })}
              />
            </>
          )}
        </ItemList>
        {textArea('rightsAndDuties')}
        {textArea('evaluationMethod')}
        <div className="button-row">
          <SubmitButton submitting={form.submitting} variant="secondary">
            {t('plan.save')}
          </SubmitButton>
          <button type="button" className="button button--primary" disabled={form.submitting} onClick={() => save(true)()}>
            {t('plan.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
