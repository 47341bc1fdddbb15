import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createDecisionBody, decisionOutcome, updateDecisionBody } from '../../../areas/decision/decision.contract.ts';
import { supportedLocales } from '../../../core/common.contract.ts';
import { AutosaveStatus } from '../../ui/autosave-status.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { useForm } from '../../ui/use-form.ts';
import { type FieldErrors, validate } from '../../ui/validation.ts';
import { useVersionConflict } from '../admin/conflict-notice.tsx';
import { useAutosave } from '../intake/use-autosave.ts';
import { type ServiceDecision, serviceDecisionApi } from './decisions-api.ts';

type Outcome = (typeof decisionOutcome.options)[number];
type ItemValues = {
  key: string;
  service: string;
  outcome: Outcome | '';
  grantedScope: string;
  basis: string;
  justification: string;
  validFrom: string;
  validTo: string;
};
type Values = { items: ItemValues[]; language: string; appealInstructions: string };
const itemTextFields = ['service', 'basis', 'justification'] as const;

const emptyItem = (): ItemValues => ({
  key: crypto.randomUUID(),
  service: '',
  outcome: '',
  grantedScope: '',
  basis: '',
  justification: '',
  validFrom: '',
  validTo: '',
});

function valuesOf(d: ServiceDecision | null, keepAppeal: boolean): Values {
  return {
    items: d
      ? d.items.map((i) => ({ ...i, key: crypto.randomUUID(), validFrom: i.validFrom ?? '', validTo: i.validTo ?? '' }))
      : [emptyItem()],
    language: d?.language ?? '',
    appealInstructions: d && keepAppeal ? d.appealInstructions : '',
  };
}

/**
 * A decision on one or more requested services: a new one, a new one replacing a signed decision
 * (`replacing`), or a change to a draft (`decision`). Autosaved until it is saved.
 */
export function DecisionForm({
  caseId,
  decision,
  replacing,
  onSaved,
  onCancel,
}: {
  caseId: string;
  decision: ServiceDecision | null;
  replacing?: ServiceDecision;
  onSaved: (decision: ServiceDecision) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm(decision ? `decision-${decision.id}` : replacing ? `decision-replacing-${replacing.id}` : 'decision-new');
  const [values, setValues] = useState<Values>(() => valuesOf(decision ?? replacing ?? null, !!decision));
  const conflict = useVersionConflict();
  const draftKey = decision ? `decision:${decision.id}` : replacing ? `decision:replacing:${replacing.id}` : `decision:new:${caseId}`;
  const autosave = useAutosave(draftKey, values, (draft) => setValues((v) => ({ ...v, ...draft })));
  const setItem = (index: number, key: keyof ItemValues, value: string) =>
    setValues((v) => ({ ...v, items: v.items.map((item, i) => (i === index ? { ...item, [key]: value } : item)) }));

  const labels: Record<string, string> = {
    language: t('serviceDecision.language'),
    appealInstructions: t('serviceDecision.appealInstructions'),
    items: t('serviceDecision.items'),
  };
  values.items.forEach((_, i) => {
    const n = i + 1;
    for (const key of [...itemTextFields, 'outcome', 'grantedScope', 'validFrom', 'validTo'] as const) {
      labels[`items.${i}.${key}`] = t('serviceDecision.itemField', { n, field: t(`serviceDecision.item.${key}`) });
    }
  });

  /** The rules across fields of an item, said in the reader's language. */
  const itemRules = (): FieldErrors => {
    const errors: FieldErrors = {};
    values.items.forEach((item, i) => {
      if (item.outcome && item.outcome !== 'refused' && !item.validFrom)
        errors[`items.${i}.validFrom`] = t('serviceDecision.validFromRequired');
      if (item.outcome === 'partly_granted' && !item.grantedScope.trim())
        errors[`items.${i}.grantedScope`] = t('serviceDecision.grantedScopeRequired');
      if (item.validFrom && item.validTo && item.validTo < item.validFrom)
        errors[`items.${i}.validTo`] = t('serviceDecision.validToBeforeFrom');
    });
    return errors;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const items = values.items.map(({ key: _key, ...item }) => ({
      ...item,
      validFrom: item.validFrom || null,
      validTo: item.validTo || null,
    }));
    const appeal = values.appealInstructions.trim();
    const input = decision
      ? { items, language: values.language, appealInstructions: values.appealInstructions, version: decision.version }
      : {
          items,
          ...(values.language ? { language: values.language } : {}),
          ...(appeal ? { appealInstructions: appeal } : {}),
          ...(replacing ? { supersedesId: replacing.id } : {}),
        };
    const checked = validate(decision ? updateDecisionBody : createDecisionBody, input, t);
    const rules = itemRules();
    if (!checked.ok || Object.keys(rules).length > 0) {
      form.fail({ ...(checked.ok ? {} : checked.errors), ...rules });
      return;
    }
    void form.submit(() =>
      conflict.guard(async () => {
        const saved = decision
          ? await serviceDecisionApi.update(decision.id, checked.data as never)
          : await serviceDecisionApi.create(caseId, checked.data as never);
        await autosave.discard();
        onSaved(saved);
      }),
    );
  };

  const focusItem = (index: number) => window.setTimeout(() => document.getElementById(form.id(`items.${index}.service`))?.focus(), 0);
  const addItem = () => {
    setValues((v) => ({ ...v, items: [...v.items, emptyItem()] }));
    focusItem(values.items.length);
  };
  const removeItem = (index: number) => {
    setValues((v) => ({ ...v, items: v.items.filter((_, i) => i !== index) }));
    focusItem(Math.max(0, index - 1));
  };

  return (
    <>
      <AutosaveStatus autosave={autosave} />
      <ErrorSummary form={form} labels={labels} />
      {conflict.notice}
      <form noValidate onSubmit={onSubmit} className="form form--wide">
        {values.items.map((item, i) => {
          const field = (key: keyof ItemValues) => ({ ...form.field(`items.${i}.${key}`), label: t(`serviceDecision.item.${key}`) });
          return (
            <fieldset key={item.key} className="field fieldset">
              <legend className="field__label">{t('serviceDecision.itemN', { n: i + 1 })}</legend>
              <TextField
                {...field('service')}
                hint={t('serviceDecision.serviceHint')}
                value={item.service}
                onChange={(e) => setItem(i, 'service', e.target.value)}
              />
              <SelectField {...field('outcome')} value={item.outcome} onChange={(e) => setItem(i, 'outcome', e.target.value)}>
                <option value="">{t('common.choose')}</option>
                {decisionOutcome.options.map((o) => (
                  <option key={o} value={o}>
                    {t(`serviceDecision.outcome.${o}`)}
                  </option>
                ))}
              </SelectField>
              {item.outcome === 'partly_granted' && (
                <TextAreaField
                  {...field('grantedScope')}
                  value={item.grantedScope}
                  onChange={(e) => setItem(i, 'grantedScope', e.target.value)}
                />
              )}
              <TextAreaField
                {...field('basis')}
                hint={t('serviceDecision.basisHint')}
                value={item.basis}
                onChange={(e) => setItem(i, 'basis', e.target.value)}
              />
              <TextAreaField
                {...field('justification')}
                rows={5}
                value={item.justification}
                onChange={(e) => setItem(i, 'justification', e.target.value)}
              />
              <div className="field-row">
                <TextField
                  {...field('validFrom')}
                  type="date"
                  value={item.validFrom}
                  onChange={(e) => setItem(i, 'validFrom', e.target.value)}
                  className="field--short"
                />
                <TextField
                  {...field('validTo')}
                  type="date"
                  hint={t('serviceDecision.validToHint')}
                  value={item.validTo}
                  onChange={(e) => setItem(i, 'validTo', e.target.value)}
                  className="field--short"
                />
              </div>
              {values.items.length > 1 && (
                <button type="button" className="button button--secondary button--small" onClick={() => removeItem(i)}>
                  {t('serviceDecision.removeItem', { n: i + 1 })}
                </button>
              )}
            </fieldset>
          );
        })}
        <p>
          <button type="button" className="button button--secondary" onClick={addItem}>
            {t('serviceDecision.addItem')}
          </button>
        </p>
        <SelectField
          {...form.field('language')}
          label={labels.language!}
          value={values.language}
          onChange={(e) => setValues((v) => ({ ...v, language: e.target.value }))}
        >
          {!decision && <option value="">{t('serviceDecision.personLanguage')}</option>}
          {supportedLocales.map((code) => (
            <option key={code} value={code}>
              {t(`languageName.${code}`)}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          {...form.field('appealInstructions')}
          label={labels.appealInstructions!}
          hint={decision ? undefined : t('serviceDecision.appealHint')}
          rows={5}
          value={values.appealInstructions}
          onChange={(e) => setValues((v) => ({ ...v, appealInstructions: e.target.value }))}
        />
        <div className="button-row">
          <SubmitButton submitting={form.submitting}>
            {decision ? t('serviceDecision.saveDraft') : t('serviceDecision.createDraft')}
          </SubmitButton>
          {onCancel && (
            <button type="button" className="button button--secondary" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
    </>
  );
}
