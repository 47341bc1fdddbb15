import { useTranslation } from 'react-i18next';
import type { PartnerOrganisation, Unit } from '../../api.ts';
import { SelectField } from '../../ui/fields.tsx';
import type { FormState } from '../../ui/use-form.ts';

interface Props {
  form: FormState;
  units: Unit[];
  partners: PartnerOrganisation[];
  unitId: string;
  partnerOrganisationId: string;
  onUnitChange: (id: string) => void;
  onPartnerChange: (id: string) => void;
}

/** Where a staff member belongs: a unit of the agency, or a partner organisation (for partner providers). */
export function OrganisationSelects({ form, units, partners, unitId, partnerOrganisationId, onUnitChange, onPartnerChange }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField {...form.field('unitId')} label={t('staff.unit')} value={unitId} onChange={(e) => onUnitChange(e.target.value)}>
        <option value="">{t('staff.noUnit')}</option>
        {units.map((unit) => (
          <option key={unit.id} value={unit.id}>
            {unit.active ? unit.name : t('staff.inactiveUnit', { name: unit.name })}
          </option>
        ))}
      </SelectField>
      <SelectField
        {...form.field('partnerOrganisationId')}
        label={t('staff.partner')}
        hint={t('staff.partnerHint')}
        value={partnerOrganisationId}
        onChange={(e) => onPartnerChange(e.target.value)}
      >
        <option value="">{t('staff.noPartner')}</option>
        {partners.map((partner) => (
          <option key={partner.id} value={partner.id}>
            {partner.name}
          </option>
        ))}
      </SelectField>
    </>
  );
}
