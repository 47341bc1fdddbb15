import { useTranslation } from 'react-i18next';
import { formatDate, formatMonth, formatNumber } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { Skeleton } from '../../ui/skeleton.tsx';
import { LoadError } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { type KeyFigures, workApi } from '../work/work-api.ts';

const monthFigures = [
  'requestsReceived',
  'casesOpened',
  'casesClosed',
  'plansSigned',
  'overdueSteps',
] as const satisfies readonly (keyof KeyFigures)[];

/** The agency head's figures of the month so far, in the agency's time zone: counts only. */
export function KeyFiguresSection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const figures = useLoad(() => workApi.keyFigures(), 'key-figures');
  const data = figures.data;
  return (
    <section aria-labelledby="home-figures" className="panel">
      <h2 id="home-figures">
        {data ? t('home.figures.titleOf', { month: formatMonth(data.month.from, locale) }) : t('home.figures.title')}
      </h2>
      <LoadError loaded={figures} />
      {!data && figures.loading && <Skeleton lines={4} />}
      {data && (
        <>
          <p className="field__hint">
            {t('home.figures.period', { from: formatDate(data.month.from, locale), to: formatDate(data.month.to, locale) })}
          </p>
          <dl className="figures">
            {monthFigures.map((figure) => (
              <div key={figure} className="figures__item">
                <dt>{t(`home.figures.${figure}`)}</dt>
                <dd className={figure === 'overdueSteps' && data.overdueSteps > 0 ? 'overdue' : undefined}>
                  {formatNumber(data[figure], locale)}
                </dd>
              </div>
            ))}
          </dl>
          <h3 id="home-figures-stages">{t('home.figures.openByStage')}</h3>
          <dl className="figures" aria-labelledby="home-figures-stages">
            {data.openCasesByStage.map((s) => (
              <div key={s.stage} className="figures__item">
                <dt>{t(`caseStage.${s.stage}`)}</dt>
                <dd>{formatNumber(s.count, locale)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
