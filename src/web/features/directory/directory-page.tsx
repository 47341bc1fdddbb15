import { type ChangeEvent, type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Weekday, weekday } from '../../../areas/service-directory/service-directory.contract.ts';
import { ApiError } from '../../api.ts';
import { formatDate, formatList } from '../../format.ts';
import { useSignedInSession } from '../../session/session-context.tsx';
import { Card } from '../../ui/card.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { ListStatus, LoadMore } from '../../ui/list-status.tsx';
import { useLocale } from '../../ui/locale.ts';
import { Notice } from '../../ui/notice.tsx';
import { Page } from '../../ui/page.tsx';
import { useSavedMessages } from '../../ui/saved-message.tsx';
import { StatusTag } from '../../ui/status-tag.tsx';
import { usePagedList } from '../../ui/use-paged-list.ts';
import { describeError } from '../../ui/validation.ts';
import { EditPanel } from '../admin/edit-panel.tsx';
import { usePartnerOrganisations } from '../admin/options.ts';
import { organisationApi } from '../admin/organisation-api.ts';
import { type DirectorySearch, type DirectoryService, directoryApi, exportAddress, type ImportResult } from './directory-api.ts';
import { ServiceForm, weekdayNames } from './service-form.tsx';

interface Filters {
  q: string;
  category: string;
  area: string;
  language: string;
  openOn: '' | Weekday;
  openAt: string;
}
const noFilters: Filters = { q: '', category: '', area: '', language: '', openOn: '', openAt: '' };

/** One service as a card: what, by whom, for whom, where, when, in which languages, and how recently checked. */
function ServiceCard({
  service,
  manage,
  onEdit,
  onVerified,
  saved,
}: {
  service: DirectoryService;
  manage: boolean;
  onEdit: () => void;
  onVerified: (service: DirectoryService) => void;
  saved: React.ReactNode;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const days = weekdayNames(locale);
  const [error, setError] = useState<string | null>(null);
  const place = service.locations[0];
  const verify = async () => {
    setError(null);
    try {
      onVerified(await directoryApi.verify(service.id, service.version));
    } catch (e) {
      setError(e instanceof ApiError ? describeError(e, t) : String(e));
    }
  };
  return (
    <Card heading={service.name} headingLevel={3} className="directory-card" id={`service-${service.id}`}>
      <p className="directory-card__organisation">{service.organisationName}</p>
      <p className="directory-card__tags">
        {service.status !== 'active' && <StatusTag kind="ended">{t(`directory.statusName.${service.status.replace(' ', '_')}`)}</StatusTag>}
        {service.verificationDue ? (
          <StatusTag kind="missing">
            {service.verifiedOn
              ? t('directory.verifiedLongAgo', { date: formatDate(service.verifiedOn, locale) })
              : t('directory.neverVerified')}
          </StatusTag>
        ) : (
          <StatusTag kind="done">{t('directory.verifiedOn', { date: formatDate(service.verifiedOn, locale) })}</StatusTag>
        )}
      </p>
      {service.description && <p dir="auto">{service.description}</p>}
      <dl className="summary-list">
        {service.categories.length > 0 && (
          <div className="summary-list__row">
            <dt className="summary-list__key">{t('directory.categories')}</dt>
            <dd className="summary-list__value">{formatList(service.categories, locale)}</dd>
          </div>
        )}
        {service.areas.length > 0 && (
          <div className="summary-list__row">
            <dt className="summary-list__key">{t('directory.areas')}</dt>
            <dd className="summary-list__value">{formatList(service.areas, locale)}</dd>
          </div>
        )}
        {service.languages.length > 0 && (
          <div className="summary-list__row">
            <dt className="summary-list__key">{t('directory.languages')}</dt>
            <dd className="summary-list__value">
              {formatList(
                service.languages.map((code) => new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code),
                locale,
              )}
            </dd>
          </div>
        )}
        {service.openingHours.length > 0 && (
          <div className="summary-list__row">
            <dt className="summary-list__key">{t('directory.openingHours')}</dt>
            <dd className="summary-list__value">
              {service.openingHours.map((h) => (
                <span className="directory-card__line" key={`${h.days.join()}${h.opensAt}`}>
                  {t('directory.hoursLine', {
                    days: formatList(
                      h.days.map((d) => days[d]),
                      locale,
                    ),
                    opens: h.opensAt,
                    closes: h.closesAt,
                  })}
                  {h.note && ` (${h.note})`}
                </span>
              ))}
            </dd>
          </div>
        )}
        {place && (
          <div className="summary-list__row">
            <dt className="summary-list__key">{t('directory.address')}</dt>
            <dd className="summary-list__value">{[place.address, `${place.postalCode} ${place.city}`].join(', ')}</dd>
          </div>
        )}
        {service.phones.length > 0 && (
          <div className="summary-list__row">
            <dt className="summary-list__key">{t('directory.phone')}</dt>
            <dd className="summary-list__value">{service.phones.map((p) => p.number).join(', ')}</dd>
          </div>
        )}
        {service.eligibility && (
          <div className="summary-list__row">
            <dt className="summary-list__key">{t('directory.eligibility')}</dt>
            <dd className="summary-list__value" dir="auto">
              {service.eligibility}
            </dd>
          </div>
        )}
        {service.requiredDocuments.length > 0 && (
          <div className="summary-list__row">
            <dt className="summary-list__key">{t('directory.requiredDocuments')}</dt>
            <dd className="summary-list__value">{service.requiredDocuments.join('; ')}</dd>
          </div>
        )}
      </dl>
      {manage && (
        <div className="form__actions">
          <button type="button" id={`edit-service-${service.id}`} className="button button--secondary" onClick={onEdit}>
            {t('common.edit')}
            <span className="visually-hidden">{` ${service.name}`}</span>
          </button>
          <button type="button" className="button button--secondary" onClick={() => void verify()}>
            {t('directory.verifyToday')}
            <span className="visually-hidden">{` ${service.name}`}</span>
          </button>
          {saved}
        </div>
      )}
      {error && <Notice kind="error">{error}</Notice>}
    </Card>
  );
}

/** Reads an HSDS JSON file chosen by the administrator and imports it; says what was added and updated, or what is wrong. */
function ImportForm({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setResult(null);
    setProblems([]);
    try {
      let body: unknown;
      try {
        body = JSON.parse(await file.text());
      } catch {
        setProblems([t('directory.importNotJson')]);
        return;
      }
      setResult(await directoryApi.import(body));
      onImported();
    } catch (error) {
      if (error instanceof ApiError)
        setProblems(error.fieldErrors.length > 0 ? error.fieldErrors.map((e) => `${e.field} ${e.message}`) : [describeError(error, t)]);
      else throw error;
    } finally {
      setBusy(false);
    }
  };
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form directory-import">
      <div className="field">
        <label className="field__label" htmlFor="directory-import-file">
          {t('directory.importFile')}
        </label>
        <p className="field__hint" id="directory-import-hint">
          {t('directory.importHint')}
        </p>
        <input
          id="directory-import-file"
          type="file"
          className="file-input"
          accept="application/json,.json"
          aria-describedby="directory-import-hint"
          onChange={(e: ChangeEvent<HTMLInputElement>) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--secondary" disabled={!file || busy}>
          {t('directory.import')}
        </button>
      </div>
      <div aria-live="polite">
        {result && <Notice kind="success">{t('directory.imported', result)}</Notice>}
        {problems.length > 0 && (
          <Notice kind="error">
            <p>{t('directory.importRefused')}</p>
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </Notice>
        )}
      </div>
    </form>
  );
}

/** /directory: the partner network's services – searched by staff who work with people, kept by administrators. */
export function DirectoryPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { permissions } = useSignedInSession();
  const manage = permissions.includes('directory.manage');
  const days = weekdayNames(locale);
  const [draft, setDraft] = useState<Filters>(noFilters);
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [categories, setCategories] = useState<string[]>([]);
  const [regions, setRegions] = useState<string[]>([]);
  const partners = usePartnerOrganisations(manage);
  const [editing, setEditing] = useState<DirectoryService | null>(null);
  const saved = useSavedMessages();

  useEffect(() => {
    organisationApi
      .agency()
      .then((agency) => {
        setCategories(agency.serviceCategories);
        setRegions(agency.catchmentRegions);
      })
      .catch(() => undefined);
  }, []);

  const query: DirectorySearch = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')) as DirectorySearch;
  const list = usePagedList((cursor) => directoryApi.search({ ...query, cursor }), JSON.stringify(filters));
  const set = (key: keyof Filters) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setDraft({ ...draft, [key]: e.target.value });

  return (
    <Page title={t('directory.title')}>
      <p>{t('directory.lede')}</p>
      <Card heading={t('directory.searchTitle')} id="directory-search">
        <form
          noValidate
          className="form form--wide directory-search"
          onSubmit={(e) => {
            e.preventDefault();
            setFilters(draft);
          }}
        >
          <TextField id="directory-q" label={t('directory.words')} value={draft.q} onChange={set('q')} type="search" />
          <div className="field-row">
            <SelectField id="directory-category" label={t('directory.category')} value={draft.category} onChange={set('category')}>
              <option value="">{t('directory.any')}</option>
              {categories.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </SelectField>
            <SelectField id="directory-area" label={t('directory.area')} value={draft.area} onChange={set('area')}>
              <option value="">{t('directory.any')}</option>
              {regions.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="field-row">
            <TextField
              id="directory-language"
              label={t('directory.language')}
              hint={t('directory.languageHint')}
              value={draft.language}
              onChange={set('language')}
              className="field--short"
            />
            <SelectField id="directory-open-on" label={t('directory.openOn')} value={draft.openOn} onChange={set('openOn')}>
              <option value="">{t('directory.anyDay')}</option>
              {weekday.options.map((d) => (
                <option key={d} value={d}>
                  {days[d]}
                </option>
              ))}
            </SelectField>
            <TextField
              id="directory-open-at"
              label={t('directory.openAt')}
              type="time"
              value={draft.openAt}
              onChange={set('openAt')}
              className="field--short"
            />
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary">
              {t('common.search')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setDraft(noFilters);
                setFilters(noFilters);
              }}
            >
              {t('directory.clear')}
            </button>
          </div>
        </form>
      </Card>

      <section aria-labelledby="directory-results" className="directory-results">
        <h2 id="directory-results">{t('directory.resultsTitle')}</h2>
        <ListStatus
          list={list}
          emptyText={t('directory.empty')}
          emptyHint={manage ? t('directory.emptyHintManage') : t('directory.emptyHint')}
        />
        {list.items.map((service) => (
          <ServiceCard
            key={service.id}
            service={service}
            manage={manage}
            onEdit={() => setEditing(service)}
            onVerified={(verified) => {
              list.upsert(verified);
              saved.say(verified.id, t('directory.verifiedSaved', { name: verified.name }));
            }}
            saved={saved.besideRow(service.id)}
          />
        ))}
        <LoadMore list={list} />
      </section>

      {editing && (
        <EditPanel key={editing.id} title={t('directory.editTitle', { name: editing.name })}>
          <ServiceForm
            service={editing}
            partners={partners}
            categories={categories}
            regions={regions}
            onSaved={(service) => {
              list.upsert(service);
              setEditing(null);
              saved.say(service.id, t('directory.saved', { name: service.name }));
            }}
            onCancel={() => setEditing(null)}
            onReload={() => {
              setEditing(null);
              list.reload();
            }}
          />
        </EditPanel>
      )}

      {manage && (
        <Card heading={t('directory.addTitle')} id="directory-add">
          {partners.length === 0 ? (
            <p>{t('directory.noPartners')}</p>
          ) : (
            <ServiceForm
              service={null}
              partners={partners}
              categories={categories}
              regions={regions}
              onSaved={(service) => {
                list.upsert(service);
                saved.say('create', t('directory.added', { name: service.name }));
              }}
            />
          )}
          {saved.besideForm('create')}
        </Card>
      )}

      <Card heading={t('directory.exchangeTitle')} id="directory-exchange">
        <p>{t('directory.exportLede')}</p>
        <ul className="link-list">
          <li>
            <a href={exportAddress('json')} download>
              {t('directory.exportJson')}
            </a>
          </li>
          <li>
            <a href={exportAddress('tabular')} download>
              {t('directory.exportTabular')}
            </a>
          </li>
        </ul>
        {manage && <ImportForm onImported={list.reload} />}
      </Card>
    </Page>
  );
}
