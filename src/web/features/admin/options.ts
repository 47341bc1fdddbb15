import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agencyRoles, type Role } from '../../../core/roles.contract.ts';
import { type LocaleCode, supportedLocales } from '../../i18n.ts';
import type { Option } from '../../ui/fields.tsx';
import { organisationApi, type PartnerOrganisation, type Unit } from './organisation-api.ts';

export function useRoleOptions(): Option<Role>[] {
  const { t } = useTranslation();
  return agencyRoles.map((role) => ({ value: role, label: t(`role.${role}`) }));
}

export function useLocaleOptions(): Option<LocaleCode>[] {
  const { t } = useTranslation();
  return supportedLocales.map((code) => ({ value: code, label: t(`languageName.${code}`), lang: code }));
}

/** The partner organisations (the first 100), for the forms that choose one; none while `load` is false. */
export function usePartnerOrganisations(load = true): PartnerOrganisation[] {
  const [partners, setPartners] = useState<PartnerOrganisation[]>([]);
  useEffect(() => {
    if (!load) return;
    let current = true;
    organisationApi
      .partners({ limit: 100 })
      .then((page) => current && setPartners(page.items))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [load]);
  return partners;
}

/** Units and partner organisations for the staff form's selects (the first 100 of each). */
export function useOrganisationOptions(): { units: Unit[]; partners: PartnerOrganisation[] } {
  const [units, setUnits] = useState<Unit[]>([]);
  const partners = usePartnerOrganisations();
  useEffect(() => {
    let current = true;
    organisationApi
      .units({ limit: 100 })
      .then((page) => current && setUnits(page.items))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  return { units, partners };
}

/** "12" → 12; "" → undefined (so the schema says "required"); anything else → NaN (so it says "whole number"). */
export function parseWholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+$/.test(trimmed) ? Number.parseInt(trimmed, 10) : Number.NaN;
}
