import { useTranslation } from 'react-i18next';
import type { Role } from '../../../core/roles.contract.ts';
import { CheckboxGroup, SelectField } from '../../ui/fields.tsx';
import type { FormState } from '../../ui/use-form.ts';
import { useRoleOptions } from './options.ts';
import type { PartnerOrganisation, Unit } from './organisation-api.ts';
import type { StaffMember } from './staff-api.ts';

/** A staff member's roles and where they belong; '' in the selects is "none". */
export interface StaffAssignment {
  roles: Role[];
  unitId: string;
  partnerOrganisationId: string;
}

export const noAssignment: StaffAssignment = { roles: [], unitId: '', partnerOrganisationId: '' };

export function assignmentOf(member: StaffMember): StaffAssignment {
  return { roles: member.roles, unitId: member.unitId ?? '', partnerOrganisationId: member.partnerOrganisationId ?? '' };
}

/** The assignment as the API takes it: no unit or partner organisation is null. */
export function assignmentBody({ roles, unitId, partnerOrganisationId }: StaffAssignment) {
  return { roles, unitId: unitId || null, partnerOrganisationId: partnerOrganisationId || null };
}

interface Props {
  form: FormState;
  units: Unit[];
  partners: PartnerOrganisation[];
  value: StaffAssignment;
  onChange: (update: (current: StaffAssignment) => StaffAssignment) => void;
}

/**
 * Roles, and where the staff member belongs: a unit of the agency, or a partner organisation (for partner
 * providers). The part of the staff form that adding and editing share.
 */
export function StaffAssignmentFields({ form, units, partners, value, onChange }: Props) {
  const { t } = useTranslation();
  const roleOptions = useRoleOptions();
  const set = (change: Partial<StaffAssignment>) => onChange((current) => ({ ...current, ...change }));
  return (
    <>
      <CheckboxGroup
        {...form.field('roles')}
        label={t('staff.roles')}
        options={roleOptions}
        selected={value.roles}
        onChange={(roles) => set({ roles })}
      />
      <SelectField {...form.field('unitId')} label={t('staff.unit')} value={value.unitId} onChange={(e) => set({ unitId: e.target.value })}>
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
        value={value.partnerOrganisationId}
        onChange={(e) => set({ partnerOrganisationId: e.target.value })}
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
