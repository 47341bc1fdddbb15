import { useTranslation } from 'react-i18next';
import { scoreRange, type FlagRule, type ScoreBand, type ScoreRule } from '../../../domain/questionnaire.ts';
import { CheckboxGroup, SelectField, TextField } from '../../ui/fields.tsx';
import { ConditionList, itemChoiceLabel } from './condition-editor.tsx';
import { AddButton, Block, useEditor } from './editor-context.tsx';
import { ListControls } from './list-controls.tsx';
import { NumberField } from './number-field.tsx';
import { conditionOn, flagTargets, moved, replaced } from './template-model.ts';

/** A score's bands: the named ranges its total falls in ("10–14 moderate"). */
function BandList({ path, bands, onChange }: { path: string; bands: ScoreBand[]; onChange: (bands: ScoreBand[]) => void }) {
  const { t } = useTranslation();
  const { form } = useEditor();
  const addId = `${form.id(path)}-add`;
  const change = (k: number, patch: Partial<ScoreBand>) => onChange(replaced(bands, k, { ...bands[k]!, ...patch }));
  const add = () => {
    const last = bands.at(-1);
    const from = last && Number.isFinite(last.to) ? last.to + 1 : 0;
    onChange([...bands, { from, to: from, code: '', label: '' }]);
  };
  return (
    <Block path={path} legend={t('questionnaires.bands')}>
      {bands.map((band, k) => {
        const at = `${path}.${k}`;
        const name = t('questionnaires.bandN', { n: k + 1 });
        return (
          <Block key={k} path={at} legend={name}>
            <div className="field-row">
              <NumberField {...form.field(`${at}.from`)} label={t('questionnaires.bandFrom')} value={band.from} onChange={(v) => change(k, { from: v ?? Number.NaN })} required />
              <NumberField {...form.field(`${at}.to`)} label={t('questionnaires.bandTo')} value={band.to} onChange={(v) => change(k, { to: v ?? Number.NaN })} required />
              <TextField {...form.field(`${at}.code`)} label={t('questionnaires.bandCode')} className="field--short" value={band.code} onChange={(e) => change(k, { code: e.target.value })} maxLength={40} required />
            </div>
            <TextField {...form.field(`${at}.label`)} label={t('questionnaires.bandLabel')} value={band.label} onChange={(e) => change(k, { label: e.target.value })} maxLength={200} required />
            <ListControls
              index={k}
              count={bands.length}
              name={name}
              idFor={(i) => form.id(`${path}.${i}`)}
              onMove={(to) => onChange(moved(bands, k, to))}
              onRemove={() => onChange(bands.filter((_, i) => i !== k))}
              afterRemoveFocus={addId}
            />
          </Block>
        );
      })}
      <AddButton id={addId} focus={form.id(`${path}.${bands.length}.from`)} onClick={add}>{t('questionnaires.addBand')}</AddButton>
    </Block>
  );
}

/** Scores: the items whose scores are summed, what a hidden item counts as, and the bands. */
export function ScoringEditor({ rules, onChange }: { rules: ScoreRule[]; onChange: (rules: ScoreRule[]) => void }) {
  const { t } = useTranslation();
  const { form, template, newId } = useEditor();
  const addId = `${form.id('scoring')}-add`;
  const change = (k: number, patch: Partial<ScoreRule>) => onChange(replaced(rules, k, { ...rules[k]!, ...patch }));
  const questions = flagTargets(template);
  return (
    <section aria-labelledby="tpl-scoring-title" className="panel">
      <h2 id="tpl-scoring-title">{t('questionnaires.scores')}</h2>
      <p className="field__hint">{t('questionnaires.scoresHint')}</p>
      {rules.map((rule, k) => {
        const at = `scoring.${k}`;
        const name = t('questionnaires.scoreN', { n: k + 1 });
        const countable = questions.filter((p) => scoreRange(p.item) !== null || rule.items.includes(p.item.id));
        return (
          <Block key={k} path={at} legend={name}>
            <div className="field-row">
              <TextField {...form.field(`${at}.id`)} label={t('questionnaires.ruleId')} className="field--short" value={rule.id} onChange={(e) => change(k, { id: e.target.value })} maxLength={64} required />
              <TextField {...form.field(`${at}.label`)} label={t('questionnaires.scoreLabel')} value={rule.label} onChange={(e) => change(k, { label: e.target.value })} maxLength={200} required />
            </div>
            <CheckboxGroup
              {...form.field(`${at}.items`)}
              label={t('questionnaires.scoreItems')}
              hint={t('questionnaires.scoreItemsHint')}
              options={countable.map((p) => ({ value: p.item.id, label: itemChoiceLabel(p.item) }))}
              selected={rule.items}
              onChange={(items) => change(k, { items })}
            />
            <SelectField {...form.field(`${at}.whenHidden`)} label={t('questionnaires.whenHidden')} value={rule.whenHidden} onChange={(e) => change(k, { whenHidden: e.target.value as ScoreRule['whenHidden'] })}>
              <option value="missing">{t('questionnaires.whenHiddenMissing')}</option>
              <option value="zero">{t('questionnaires.whenHiddenZero')}</option>
            </SelectField>
            <BandList path={`${at}.bands`} bands={rule.bands} onChange={(bands) => change(k, { bands })} />
            <ListControls
              index={k}
              count={rules.length}
              name={name}
              idFor={(i) => form.id(`scoring.${i}`)}
              onMove={(to) => onChange(moved(rules, k, to))}
              onRemove={() => onChange(rules.filter((_, i) => i !== k))}
              afterRemoveFocus={addId}
            />
          </Block>
        );
      })}
      <AddButton id={addId} focus={form.id(`scoring.${rules.length}.id`)} onClick={() => onChange([...rules, { id: newId('score'), kind: 'sum', label: '', items: [], bands: [], whenHidden: 'missing' }])}>
        {t('questionnaires.addScore')}
      </AddButton>
    </section>
  );
}

/** Flags: a code raised when answers meet conditions; "crisis" alerts the supervisors at once. */
export function FlagsEditor({ rules, onChange }: { rules: FlagRule[]; onChange: (rules: FlagRule[]) => void }) {
  const { t } = useTranslation();
  const { form, template, newId } = useEditor();
  const addId = `${form.id('flags')}-add`;
  const change = (k: number, patch: Partial<FlagRule>) => onChange(replaced(rules, k, { ...rules[k]!, ...patch }));
  const targets = flagTargets(template);
  const first = targets.at(0);
  return (
    <section aria-labelledby="tpl-flags-title" className="panel">
      <h2 id="tpl-flags-title">{t('questionnaires.flags')}</h2>
      <p className="field__hint">{t('questionnaires.flagsHint')}</p>
      {rules.map((rule, k) => {
        const at = `flags.${k}`;
        const name = t('questionnaires.flagN', { n: k + 1 });
        return (
          <Block key={k} path={at} legend={name}>
            <div className="field-row">
              <TextField {...form.field(`${at}.id`)} label={t('questionnaires.ruleId')} className="field--short" value={rule.id} onChange={(e) => change(k, { id: e.target.value })} maxLength={64} required />
              <TextField {...form.field(`${at}.flag`)} label={t('questionnaires.flagCode')} hint={t('questionnaires.flagCodeHint')} className="field--short" value={rule.flag} onChange={(e) => change(k, { flag: e.target.value })} maxLength={40} required />
            </div>
            <ConditionList
              path={`${at}.when`}
              behaviorPath={`${at}.behavior`}
              legend={t('questionnaires.flagWhen', { name })}
              hint={t('questionnaires.flagWhenHint')}
              conditions={rule.when}
              behavior={rule.behavior}
              targets={targets}
              keepOne
              onChange={(when, behavior) => change(k, { when, behavior })}
            />
            <ListControls
              index={k}
              count={rules.length}
              name={name}
              idFor={(i) => form.id(`flags.${i}`)}
              onMove={(to) => onChange(moved(rules, k, to))}
              onRemove={() => onChange(rules.filter((_, i) => i !== k))}
              afterRemoveFocus={addId}
            />
          </Block>
        );
      })}
      {first && (
        <AddButton id={addId} focus={form.id(`flags.${rules.length}.id`)} onClick={() => onChange([...rules, { id: newId('flag'), flag: '', when: [conditionOn(first.item, first.item.id)], behavior: 'all' }])}>
          {t('questionnaires.addFlag')}
        </AddButton>
      )}
    </section>
  );
}
