import { useEffect, useState } from 'react';
import { useSession } from '../../session/session-context.tsx';
import { organisationApi, type PartnerOrganisation } from '../admin/organisation-api.ts';

/** The partner organisations a consent may name (the first 100), for those who may see them. */
export function usePartners(): PartnerOrganisation[] {
  const { session } = useSession();
  const mayRead = session?.permissions.includes('partners.read') ?? false;
  const [partners, setPartners] = useState<PartnerOrganisation[]>([]);
  useEffect(() => {
    if (!mayRead) return;
    let current = true;
    organisationApi
      .partners({ limit: 100 })
      .then((page) => current && setPartners(page.items))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [mayRead]);
  return partners;
}
