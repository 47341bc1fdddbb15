import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type FlagRule, type ScoreBand, type ScoreRule, scoreRange } from '../../../areas/questionnaire/questionnaire.rules.ts';
import { CheckboxGroup, SelectField, TextField } from '../../ui/fields.tsx';
import { ConditionList, itemChoiceLabel } from './condition-editor.tsx';
import { Block, useEditor } from './editor-context.tsx';
import { EntryList } from './entry-list.tsx';
import { NumberField } from './number-field.tsx';
import { conditionOn, flagTargets } from './template-model.ts';

/** A score's bands: the named ranges its total falls in ("10–14 moderate"). */
function BandList({ path, bands, onChange }: { path: string; bands: ScoreBand[]; onChange: (bands: ScoreBand[]) => void }) {
  const { t } = useTranslation();
  const { form } = useEditor();
  const newBand = () => {
    const last = bands.at(-1);
    const from = last && Number.isFinite(last.to) ? last.to + 1 : 0;
    return { from, to: from, code: '', label: '' };
  };
  return (
    <Block path={path} legend={t('questionnaires.bands')}>
      <EntryList
        path={path}
        entries={bands}
        onChange={onChange}
        nameOf={(k) => t('questionnaires.bandN', { n: k + 1 })}
        newEntry={newBand}
        focusField="from"
        addLabel={t('questionnaires.addBand')}
      >
        {(band, { at, change }) => (
          <>
            <div className="field-row">
              <NumberField
                {...form.field(`${at}.from`)}
                label={t('questionnaires.bandFrom')}
                value={band.from}
                onChange={(v) => change({ from: v ?? Number.NaN })}
                required
              />
              <NumberField
                {...form.field(`${at}.to`)}
                label={t('questionnaires.bandTo')}
                value={band.to}
                onChange={(v) => change({ to: v ?? Number.NaN })}
                required
              />
              <TextField
                {...form.field(`${at}.code`)}
                label={t('questionnaires.bandCode')}
                className="field--short"
                value={band.code}
                onChange={(e) => change({ code: e.target.value })}
                maxLength={40}
                required
              />
            </div>
            <TextField
              {...form.field(`${at}.label`)}
              label={t('questionnaires.bandLabel')}
              value={band.label}
              onChange={(e) => change({ label: e.target.value })}
              maxLength={200}
              required
            />
          </>
        )}
      </EntryList>
    </Block>
  );
}

/** A part of the editor that is a panel of its own, with a heading and a hint. */
function RulePanel({ id, title, hint, children }: { id: string; title: string; hint: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="panel">
      <h2 id={id}>{title}</h2>
      <p className="field__hint">{hint}</p>
      {children}
    </section>
  );
}

/** Scores: the items whose scores are summed, what a hidden item counts as, and the bands. */
export function ScoringEditor({ rules, onChange }: { rules: ScoreRule[]; onChange: (rules: ScoreRule[]) => void }) {
  const { t } = useTranslation();
  const { form, template, newId } = useEditor();
  const questions = flagTargets(template);
  return (
    <RulePanel id="tpl-scoring-title" title={t('questionnaires.scores')} hint={t('questionnaires.scoresHint')}>
      <EntryList<ScoreRule>
        path="scoring"
        entries={rules}
        onChange={onChange}
        nameOf={(k) => t('questionnaires.scoreN', { n: k + 1 })}
        newEntry={() => ({ id: newId('score'), kind: 'sum', label: '', items: [], bands: [], whenHidden: 'missing' })}
        focusField="id"
        addLabel={t('questionnaires.addScore')}
      >
        {(rule, { at, change }) => (
          <>
            <div className="field-row">
              <TextField
                {...form.field(`${at}.id`)}
                label={t('questionnaires.ruleId')}
                className="field--short"
                value={rule.id}
                onChange={(e) => change({ id: e.target.value })}
                maxLength={64}
                required
              />
              <TextField
                {...form.field(`${at}.label`)}
                label={t('questionnaires.scoreLabel')}
                value={rule.label}
                onChange={(e) => change({ label: e.target.value })}
                maxLength={200}
                required
              />
            </div>
            <CheckboxGroup
              {...form.field(`${at}.items`)}
              label={t('questionnaires.scoreItems')}
              hint={t('questionnaires.scoreItemsHint')}
              options={questions
                .filter((p) => scoreRange(p.item) !== null || rule.items.includes(p.item.id))
                .map((p) => ({ value: p.item.id, label: itemChoiceLabel(p.item) }))}
              selected={rule.items}
              onChange={(items) => change({ items })}
            />
            <SelectField
              {...form.field(`${at}.whenHidden`)}
              label={t('questionnaires.whenHidden')}
              value={rule.whenHidden}
              onChange={(e) => change({ whenHidden: e.target.value as ScoreRule['whenHidden'] })}
            >
              <option value="missing">{t('questionnaires.whenHiddenMissing')}</option>
              <option value="zero">{t('questionnaires.whenHiddenZero')}</option>
            </SelectField>
            <BandList path={`${at}.bands`} bands={rule.bands} onChange={(bands) => change({ bands })} />
          </>
        )}
      </EntryList>
    </RulePanel>
  );
}

/** Flags: a code raised when answers meet conditions; "crisis" alerts the supervisors at once. */
export function FlagsEditor({ rules, onChange }: { rules: FlagRule[]; onChange: (rules: FlagRule[]) => void }) {
  const { t } = useTranslation();
  const { form, template, newId } = useEditor();
  const targets = flagTargets(template);
  const first = targets.at(0);
  return (
    <RulePanel id="tpl-flags-title" title={t('questionnaires.flags')} hint={t('questionnaires.flagsHint')}>
      <EntryList<FlagRule>
        path="flags"
        entries={rules}
        onChange={onChange}
        nameOf={(k) => t('questionnaires.flagN', { n: k + 1 })}
        newEntry={() => ({ id: newId('flag'), flag: '', when: first ? [conditionOn(first.item, first.item.id)] : [], behavior: 'all' })}
        focusField="id"
        addLabel={t('questionnaires.addFlag')}
      >
        {(rule, { at, name, change }) => (
          <>
            <div className="field-row">
              <TextField
                {...form.field(`${at}.id`)}
                label={t('questionnaires.ruleId')}
                className="field--short"
                value={rule.id}
                onChange={(e) => change({ id: e.target.value })}
                maxLength={64}
                required
              />
              <TextField
                {...form.field(`${at}.flag`)}
                label={t('questionnaires.flagCode')}
                hint={t('questionnaires.flagCodeHint')}
                className="field--short"
                value={rule.flag}
                onChange={(e) => change({ flag: e.target.value })}
                maxLength={40}
                required
              />
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
              onChange={(when, behavior) => change({ when, behavior })}
            />
          </>
        )}
      </EntryList>
    </RulePanel>
  );
}
