import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ListStatus, LoadMore } from '../../ui/list-status.tsx';
import { Page } from '../../ui/page.tsx';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { usePagedList } from '../../ui/use-paged-list.ts';
import { workApi } from './work-api.ts';

/** /search: one box for names (any script), birth dates, case numbers, phones and national IDs. */
export function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const [text, setText] = useState(query);
  const list = usePagedList(async (cursor) => {
    if (query.trim().length < 2) return { items: [], nextCursor: null };
    const page = await workApi.search(query, cursor);
    return { ...page, items: page.items.map((hit) => ({ ...hit, id: hit.personId })) };
  }, `search:${query}`);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setParams(text.trim() ? { q: text.trim() } : {});
  };
  const items = list.items;
  return (
    <Page title={t('search.title')}>
      {/* biome-ignore lint/a11y/useSemanticElements: the search landmark on the form itself; older screen readers do not announce <search> */}
      <form role="search" className="search-form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="search-q" className="field__label">
            {t('search.label')}
          </label>
          <p id="search-q-hint" className="field__hint">
            {t('search.hint')}
          </p>
          <input
            id="search-q"
            type="search"
            className="field__input"
            aria-describedby="search-q-hint"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <button type="submit" className="button button--primary">
          {t('common.search')}
        </button>
      </form>
      {query && <ListStatus list={list} emptyText={t('search.empty')} emptyHint={t('search.emptyHint')} />}
      {items.length > 0 && (
        <TableWrap label={t('search.results')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('person.name')}</th>
                <th scope="col">{t('person.birthDate')}</th>
                <th scope="col">{t('search.cases')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((hit) => (
                <tr key={hit.personId}>
                  <th scope="row">
                    <Link to={`/people/${hit.personId}`}>
                      {hit.givenName} {hit.familyName}
                    </Link>
                  </th>
                  <td>{hit.birthDate ?? ''}</td>
                  <td>
                    {hit.cases.map((c, i) => (
                      <span key={c.id}>
                        {i > 0 && ', '}
                        <Link to={`/cases/${c.id}`}>{c.caseNumber}</Link>
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <LoadMore list={list} />
    </Page>
  );
}
