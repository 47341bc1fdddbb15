import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { installationAgencyId } from '../../../areas/platform/platform.contract.ts';
import { ApiError } from '../../api.ts';
import { formatDay, formatList, formatNumber } from '../../format.ts';
import { useSignedInSession } from '../../session/session-context.tsx';
import { useLocale } from '../../ui/locale.ts';
import { Notice } from '../../ui/notice.tsx';
import { Page } from '../../ui/page.tsx';
import { useSavedMessages } from '../../ui/saved-message.tsx';
import { Skeleton } from '../../ui/skeleton.tsx';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { describeError } from '../../ui/validation.ts';
import { WrapPoints } from '../../ui/wrap-points.tsx';
import { ActionsColumnHeader, EditPanel, focusLater } from '../admin/edit-panel.tsx';
import { AgencyCreateForm } from './agency-create-form.tsx';
import { AgencyStatusForm } from './agency-status-form.tsx';
import { type AgencySummary, platformApi } from './platform-api.ts';

/** A row's "Switch off" / "Switch on" button, naming the agency for screen readers. */
function SwitchButton({ agency, onClick }: { agency: AgencySummary; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button id={`switch-agency-${agency.id}`} type="button" className="button button--secondary button--small" onClick={onClick}>
      {agency.active ? t('agencies.switchOff') : t('agencies.switchOn')}
      <span className="visually-hidden">{` ${agency.name}`}</span>
    </button>
  );
}

function AgencyTable({
  agencies,
  manage,
  onSwitch,
  savedBeside,
}: {
  agencies: AgencySummary[];
  manage: boolean;
  onSwitch: (agency: AgencySummary) => void;
  /** What was saved beside an agency's row (`useSavedMessages().besideRow`). */
  savedBeside: (agencyId: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const columns = {
    prefix: t('agencies.caseNumberPrefix'),
    timeZone: t('agencies.timeZone'),
    languages: t('agencies.languages'),
    activeStaff: t('agencies.activeStaff'),
    status: t('agencies.status.label'),
    createdAt: t('agencies.createdAt'),
  };
  return (
    <TableWrap label={t('agencies.listTitle')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('agencies.name')}</th>
            <th scope="col">{columns.prefix}</th>
            <th scope="col">{columns.timeZone}</th>
            <th scope="col">{columns.languages}</th>
            <th scope="col">{columns.activeStaff}</th>
            <th scope="col">{columns.status}</th>
            <th scope="col">{columns.createdAt}</th>
            {manage && <ActionsColumnHeader />}
          </tr>
        </thead>
        <tbody>
          {agencies.map((agency) => (
            <tr key={agency.id}>
              <th scope="row" className="break">
                {agency.name}
              </th>
              <td>{agency.caseNumberPrefix}</td>
              <td>
                <WrapPoints text={agency.timeZone} />
              </td>
              <td>
                {formatList(
                  agency.languages.map((code) => t(`languageName.${code}`)),
                  locale,
                )}
              </td>
              <td>{formatNumber(agency.activeStaff, locale)}</td>
              <td>{agency.active ? t('agencies.status.on') : t('agencies.status.off')}</td>
              <td>{formatDay(agency.createdAt, locale)}</td>
              {manage && (
                <td>
                  {agency.id === installationAgencyId ? (
                    <span className="list-status">{t('agencies.installationAgency')}</span>
                  ) : (
                    <SwitchButton agency={agency} onClick={() => onSwitch(agency)} />
                  )}
                  {savedBeside(String(agency.id))}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** /platform/agencies: the installation's agencies; create one with its first administrator, switch one off or on. */
export function AgenciesPage() {
  const { t } = useTranslation();
  const { permissions } = useSignedInSession();
  const manage = permissions.includes('agencies.manage');
  const [agencies, setAgencies] = useState<AgencySummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [switching, setSwitching] = useState<AgencySummary | null>(null);
  /** Said beside the agency's row once the confirmation has closed: where the eye is. */
  const saved = useSavedMessages();

  const load = useCallback(() => {
    setError(null);
    platformApi
      .agencies()
      .then((answer) => setAgencies(answer.items))
      .catch((e: unknown) => setError(e instanceof ApiError ? e : null));
  }, []);
  useEffect(load, [load]);

  /** Puts a created or changed agency into the list, kept in the server's order (by name). */
  const upsert = (agency: AgencySummary) =>
    setAgencies((current) => {
      const list = current ?? [];
      if (list.some((a) => a.id === agency.id)) return list.map((a) => (a.id === agency.id ? agency : a));
      return [...list, agency].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
    });
  const close = () => {
    if (switching) focusLater(`switch-agency-${switching.id}`);
    setSwitching(null);
  };

  return (
    <Page title={t('agencies.title')}>
      <section aria-labelledby="agencies-list" className="panel">
        <h2 id="agencies-list">{t('agencies.listTitle')}</h2>
        {error && <Notice kind="error">{describeError(error, t)}</Notice>}
        {agencies === null ? (
          !error && <Skeleton lines={4} />
        ) : (
          <AgencyTable agencies={agencies} manage={manage} onSwitch={setSwitching} savedBeside={saved.besideRow} />
        )}
      </section>
      {switching && (
        <EditPanel
          key={switching.id}
          title={
            switching.active
              ? t('agencies.status.offTitle', { name: switching.name })
              : t('agencies.status.onTitle', { name: switching.name })
          }
        >
          <AgencyStatusForm
            agency={switching}
            onSaved={(agency) => {
              upsert(agency);
              setSwitching(null);
              saved.say(
                String(agency.id),
                agency.active
                  ? t('agencies.status.switchedOn', { name: agency.name })
                  : t('agencies.status.switchedOff', { name: agency.name }),
              );
            }}
            onCancel={close}
            onReload={() => {
              setSwitching(null);
              load();
            }}
          />
        </EditPanel>
      )}
      {manage && (
        <section aria-labelledby="agencies-create" className="panel">
          <h2 id="agencies-create">{t('agencies.createTitle')}</h2>
          <AgencyCreateForm
            onCreated={(created) => {
              upsert(created.agency);
              saved.clear();
            }}
          />
        </section>
      )}
    </Page>
  );
}
