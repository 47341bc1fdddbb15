import { useTranslation } from 'react-i18next';
import type { GroupItem } from '../../../areas/questionnaire/questionnaire.rules.ts';
import type { GroupInstance, LeafAnswer } from '../../../areas/questionnaire/questionnaire-response.rules.ts';
import { describedBy, FieldMessages } from '../../ui/fields.tsx';
import { focusLater } from '../admin/edit-panel.tsx';
import { AnswerField, useQuestionLabel } from './answer-field.tsx';
import { withSubAnswer } from './answer-model.ts';

interface GroupAnswerProps {
  item: GroupItem;
  entries: GroupInstance[];
  /** The group's dotted answer path: "relatives", or "treatments.0.doses" for a group inside an entry. */
  path?: string;
  /** The same place as `visibleItems` names it: "relatives", "treatments[0].doses". */
  shownPath?: string;
  /** The element id of a dotted answer path ("relatives.0.relative_relation"). */
  idOf: (path: string) => string;
  errorOf: (path: string, value: unknown) => string | undefined;
  /** Whether a sub-question of an entry is shown ("relatives[0].relative_in_contact"). */
  isShown: (path: string) => boolean;
  onChange: (entries: GroupInstance[]) => void;
}

/**
 * A repeating group: its questions once per entry, entries added and removed within the limits.
 * A group answered once (at most one entry) is a plain block of questions. Groups inside an
 * entry are answered the same way, once per entry.
 */
export function GroupAnswer({ item, entries, path = item.id, shownPath = item.id, idOf, errorOf, isShown, onChange }: GroupAnswerProps) {
  const { t } = useTranslation();
  const labelOf = useQuestionLabel();
  const id = idOf(path);
  const error = errorOf(path, entries);
  const once = item.maxRepeats === 1;
  const full = item.maxRepeats !== undefined && entries.length >= item.maxRepeats;
  const setSub = (i: number, subId: string, value: LeafAnswer | GroupInstance[] | undefined) =>
    onChange(entries.map((entry, k) => (k === i ? withSubAnswer(entry, subId, value) : entry)));
  const add = () => {
    onChange([...entries, {}]);
    focusLater(idOf(`${path}.${entries.length}.${item.items[0]!.id}`));
  };
  const remove = (i: number) => {
    onChange(entries.filter((_, k) => k !== i));
    focusLater(`${id}-add`);
  };
  const questions = (entry: GroupInstance, i: number) =>
    item.items
      .filter((sub) => isShown(`${shownPath}[${i}].${sub.id}`))
      .map((sub) => {
        const at = `${path}.${i}.${sub.id}`;
        return sub.type === 'group' ? (
          <GroupAnswer
            key={sub.id}
            item={sub}
            entries={(entry[sub.id] as GroupInstance[] | undefined) ?? []}
            path={at}
            shownPath={`${shownPath}[${i}].${sub.id}`}
            idOf={idOf}
            errorOf={errorOf}
            isShown={isShown}
            onChange={(value) => setSub(i, sub.id, value)}
          />
        ) : (
          <AnswerField
            key={sub.id}
            id={idOf(at)}
            item={sub}
            value={entry[sub.id] as LeafAnswer | undefined}
            error={errorOf(at, entry[sub.id])}
            onChange={(value) => setSub(i, sub.id, value)}
          />
        );
      });
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={`field fieldset q-group${error ? ' field--invalid' : ''}`}
      aria-describedby={describedBy(id, error, item.help)}
    >
      <legend className="field__label">{labelOf(item)}</legend>
      <FieldMessages id={id} error={error} hint={item.help} />
      {once
        ? entries.slice(0, 1).map((entry) => questions(entry, 0))
        : entries.map((entry, i) => {
            const name = t('questionnaires.entryN', { n: i + 1 });
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id of their own; answers are addressed by position
              <fieldset key={i} className="field fieldset plan-item q-block">
                <legend className="field__label">{name}</legend>
                {questions(entry, i)}
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={entries.length <= item.minRepeats}
                  onClick={() => remove(i)}
                >
                  {t('questionnaires.removeEntry')}
                  <span className="visually-hidden">{`: ${item.text}, ${name}`}</span>
                </button>
              </fieldset>
            );
          })}
      {!once && (
        <button id={`${id}-add`} type="button" className="button button--secondary" disabled={full} onClick={add}>
          {t('questionnaires.addEntry')}
          <span className="visually-hidden">{`: ${item.text}`}</span>
        </button>
      )}
    </fieldset>
  );
}
