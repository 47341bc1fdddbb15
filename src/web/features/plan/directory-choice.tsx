import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanContent } from '../../../areas/plan/plan.contract.ts';
import { formatDate } from '../../format.ts';
import { SelectField } from '../../ui/fields.tsx';
import { useLocale } from '../../ui/locale.ts';
import { type DirectoryService, directoryApi } from '../directory/directory-api.ts';

type PlanService = PlanContent['services'][number];

/** The directory's active services (the first 100, by name), for choosing one in a plan; none until they have come. */
export function useDirectoryServices(): DirectoryService[] {
  const [services, setServices] = useState<DirectoryService[]>([]);
  useEffect(() => {
    let current = true;
    directoryApi
      .search({ limit: 100 })
      .then((page) => current && setServices(page.items))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  return services;
}

/**
 * A plan's service taken from the service directory: choosing one fills in what it is, who
 * provides it and where. One not verified for the agency's months asks first whether to use it.
 */
export function DirectoryChoice({
  field,
  service,
  directory,
  onChoose,
}: {
  field: { id: string; error: string | undefined; label: string };
  service: PlanService;
  directory: readonly DirectoryService[];
  onChoose: (change: Partial<PlanService>) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [pending, setPending] = useState<DirectoryService | null>(null);
  const use = (chosen: DirectoryService) => {
    const place = chosen.locations[0];
    onChoose({
      directoryServiceId: chosen.id,
      type: chosen.name,
      provider: chosen.organisationName,
      place: place ? `${place.address}, ${place.city}` : service.place,
    });
    setPending(null);
  };
  const known = directory.some((d) => d.id === service.directoryServiceId);
  return (
    <>
      <SelectField
        {...field}
        value={pending?.id ?? service.directoryServiceId ?? ''}
        onChange={(e) => {
          const chosen = directory.find((d) => d.id === e.target.value);
          if (!chosen) {
            setPending(null);
            onChoose({ directoryServiceId: null });
          } else if (chosen.verificationDue) setPending(chosen);
          else use(chosen);
        }}
      >
        <option value="">{t('plan.services.notFromDirectory')}</option>
        {service.directoryServiceId && !known && <option value={service.directoryServiceId}>{service.type}</option>}
        {directory.map((d) => (
          <option key={d.id} value={d.id}>
            {d.verificationDue
              ? t('plan.services.directoryOptionUnverified', { name: d.name, organisation: d.organisationName })
              : t('plan.services.directoryOption', { name: d.name, organisation: d.organisationName })}
          </option>
        ))}
      </SelectField>
      <div aria-live="polite">
        {pending && (
          <div className="notice notice--warning">
            <p>
              {pending.verifiedOn
                ? t('plan.services.unverifiedSince', {
                    name: pending.name,
                    date: formatDate(pending.verifiedOn, locale),
                    organisation: pending.organisationName,
                  })
                : t('plan.services.neverVerified', { name: pending.name, organisation: pending.organisationName })}
            </p>
            <div className="form__actions">
              <button type="button" className="button button--secondary" onClick={() => use(pending)}>
                {t('plan.services.useAnyway')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setPending(null)}>
                {t('plan.services.chooseAnother')}
              </button>
            </div>
          </div>
        )}
      </div>
    </>
  );
}
