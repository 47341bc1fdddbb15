import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanContent } from '../../../areas/plan/plan.contract.ts';
import { SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import type { FormState } from '../../ui/use-form.ts';
import type { Need } from '../assessment/assessment-api.ts';
import { DirectoryChoice, useDirectoryServices } from './directory-choice.tsx';
import { ItemList } from './item-list.tsx';

type ListSection = 'themes' | 'services' | 'meetings' | 'risks';
type Field = FormState['field'];

interface ListProps<S extends ListSection> {
  items: PlanContent[S];
  onChange: (items: PlanContent[S]) => void;
  /** The form's `field`: ids and messages. It changes only when the messages do, so a list redraws only when its own items change. */
  field: Field;
}

const newId = () => crypto.randomUUID();

/** What every list of the plan shares: its name, legends, buttons, and the props of the n-th item's fields. */
function useList<S extends ListSection>(section: S, { items, onChange, field }: ListProps<S>) {
  const { t } = useTranslation();
  return {
    list: {
      field,
      name: `content.${section}`,
      legend: t(`plan.${section}.title`),
      itemLegend: (n: number) => t(`plan.${section}.itemN`, { n }),
      items,
      onChange,
      addLabel: t(`plan.${section}.add`),
      removeLabel: (n: number) => t(`plan.${section}.remove`, { n }),
    },
    itemField: (index: number, name: string) => ({ ...field(`content.${section}.${index}.${name}`), label: t(`plan.${section}.${name}`) }),
  };
}

export const ThemeList = memo(function ThemeList(props: ListProps<'themes'>) {
  const { t } = useTranslation();
  const { list, itemField } = useList('themes', props);
  return (
    <ItemList {...list} create={() => ({ id: newId(), title: '' })}>
      {(theme, i, set) => (
        <TextField
          {...itemField(i, 'title')}
          label={t('plan.themes.titleField')}
          value={theme.title}
          onChange={(e) => set({ title: e.target.value })}
        />
      )}
    </ItemList>
  );
});

export const ServiceList = memo(function ServiceList({ needs, ...props }: ListProps<'services'> & { needs: readonly Need[] }) {
  const { t } = useTranslation();
  const { list, itemField } = useList('services', props);
  const directory = useDirectoryServices();
  return (
    <ItemList
      {...list}
      create={() => ({
        id: newId(),
        type: '',
        provider: '',
        form: '',
        frequency: '',
        duration: '',
        place: '',
        needId: null,
        directoryServiceId: null,
      })}
    >
      {(service, i, set) => (
        <>
          <DirectoryChoice field={itemField(i, 'directoryServiceId')} service={service} directory={directory} onChoose={set} />
          {(['type', 'provider', 'form', 'frequency', 'duration', 'place'] as const).map((f) => (
            <TextField key={f} {...itemField(i, f)} value={service[f]} onChange={(e) => set({ [f]: e.target.value })} />
          ))}
          <SelectField {...itemField(i, 'needId')} value={service.needId ?? ''} onChange={(e) => set({ needId: e.target.value || null })}>
            <option value="">{t('common.notStated')}</option>
            <NeedOptions needs={needs} />
          </SelectField>
        </>
      )}
    </ItemList>
  );
});

export const MeetingList = memo(function MeetingList(props: ListProps<'meetings'>) {
  const { list, itemField } = useList('meetings', props);
  return (
    <ItemList {...list} create={() => ({ id: newId(), date: '', purpose: '', place: '' })}>
      {(meeting, i, set) => (
        <>
          <TextField
            {...itemField(i, 'date')}
            type="date"
            value={meeting.date}
            onChange={(e) => set({ date: e.target.value })}
            className="field--short"
          />
          <TextField {...itemField(i, 'purpose')} value={meeting.purpose} onChange={(e) => set({ purpose: e.target.value })} />
          <TextField {...itemField(i, 'place')} value={meeting.place} onChange={(e) => set({ place: e.target.value })} />
        </>
      )}
    </ItemList>
  );
});

export const RiskList = memo(function RiskList(props: ListProps<'risks'>) {
  const { list, itemField } = useList('risks', props);
  return (
    <ItemList {...list} create={() => ({ id: newId(), risk: '', contingency: '' })}>
      {(risk, i, set) => (
        <>
          <TextAreaField {...itemField(i, 'risk')} value={risk.risk} onChange={(e) => set({ risk: e.target.value })} />
          <TextAreaField {...itemField(i, 'contingency')} value={risk.contingency} onChange={(e) => set({ contingency: e.target.value })} />
        </>
      )}
    </ItemList>
  );
});

/** The case's needs as options of a select: life domain and description. */
export function NeedOptions({ needs }: { needs: readonly Need[] }) {
  const { t } = useTranslation();
  return needs.map((n) => <option key={n.id} value={n.id}>{`${t(`lifeDomain.${n.domain}`)}: ${n.description}`}</option>);
}
