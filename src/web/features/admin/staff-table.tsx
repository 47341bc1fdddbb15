import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatList } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { WrapPoints } from '../../ui/wrap-points.tsx';
import { ActionsColumnHeader, EditRowButton } from './edit-panel.tsx';
import type { PartnerOrganisation, Unit } from './organisation-api.ts';
import type { StaffMember } from './staff-api.ts';

interface Props {
  members: StaffMember[];
  units: Unit[];
  partners: PartnerOrganisation[];
  onEdit: (member: StaffMember) => void;
  /** What was saved beside a member's row (`useSavedMessages().besideRow`). */
  savedBeside?: (memberId: string) => ReactNode;
}

export function StaffTable({ members, units, partners, onEdit, savedBeside }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const placeOf = (member: StaffMember) =>
    units.find((u) => u.id === member.unitId)?.name ?? partners.find((p) => p.id === member.partnerOrganisationId)?.name ?? '';
  return (
    <TableWrap label={t('staff.listTitle')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('staff.displayName')}</th>
            <th scope="col">{t('staff.email')}</th>
            <th scope="col">{t('staff.roles')}</th>
            <th scope="col">{t('staff.place')}</th>
            <th scope="col">{t('staff.status')}</th>
            <th scope="col">{t('staff.mfa')}</th>
            <th scope="col">{t('staff.lastLogin')}</th>
            <ActionsColumnHeader />
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.id}>
              <th scope="row">{member.displayName}</th>
              <td>
                <WrapPoints text={member.email} />
              </td>
              <td>
                {formatList(
                  member.roles.map((role) => t(`role.${role}`)),
                  locale,
                )}
              </td>
              <td>{placeOf(member)}</td>
              <td>{t(`staffStatus.${member.status}`)}</td>
              <td>{member.mfaEnabled ? t('common.yes') : t('common.no')}</td>
              <td>{member.lastLoginAt ? formatDateTime(member.lastLoginAt, locale) : t('staff.neverSignedIn')}</td>
              <td>
                <EditRowButton id={`edit-staff-${member.id}`} name={member.displayName} onClick={() => onEdit(member)} />
                {savedBeside?.(member.id)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
