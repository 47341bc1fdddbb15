import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { TableWrap } from '../../ui/table-wrap.tsx';
import type { Assessment } from './assessment-api.ts';
import { type LifeDomain, lifeDomains } from './options.ts';

/** "Initial assessment, 3 Mar 2025" – the name of one assessment in headings and columns. */
export function useAssessmentName() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (a: Assessment) => t(`assessment.kindOn.${a.kind}`, { date: formatDate(a.assessedOn, locale) });
}

/** Every assessment of the case side by side: one row per life domain, one column per assessment. */
export function ComparisonTable({ assessments }: { assessments: Assessment[] }) {
  const { t } = useTranslation();
  const name = useAssessmentName();
  return (
    <TableWrap label={t('assessment.comparisonTable')}>
      <table className="comparison">
        <thead>
          <tr>
            <th scope="col">{t('assessment.domain')}</th>
            {assessments.map((a) => (
              <th scope="col" key={a.id}>
                {name(a)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lifeDomains.map((d) => (
            <tr key={d}>
              <th scope="row">{t(`lifeDomain.${d}`)}</th>
              {assessments.map((a) => {
                const found = a.domains[d];
                return (
                  <td key={a.id}>
                    {found?.score !== null && found?.score !== undefined ? (
                      <strong>{t(`assessment.scoreName.${found.score}`)}</strong>
                    ) : (
                      <span className="list-status">{t('assessment.notScored')}</span>
                    )}
                    {found?.findings && (
                      <p>
                        <span className="comparison__label">{t('assessment.findings')}:</span> {found.findings}
                      </p>
                    )}
                    {found?.strengths && (
                      <p>
                        <span className="comparison__label">{t('assessment.strengths')}:</span> {found.strengths}
                      </p>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/**
 * Each domain's line takes its colour from `.chart-series-N` (the `--chart-N` tokens, at least 3:1 on white); with the
 * marker shape and dash, no domain depends on colour alone.
 */
const dashes = ['', '6 3', '2 3', '8 3 2 3'];

function Marker({ index, x, y }: { index: number; x: number; y: number }) {
  // The first four domains have filled markers, the next four hollow ones of the same shapes.
  const common = { className: index < 4 ? 'chart__marker' : 'chart__marker chart__marker--hollow', strokeWidth: 2 };
  switch (index % 4) {
    case 0:
      return <circle cx={x} cy={y} r={5} {...common} />;
    case 1:
      return <rect x={x - 4.5} y={y - 4.5} width={9} height={9} {...common} />;
    case 2:
      return <path d={`M${x} ${y - 6} L${x + 6} ${y + 5} L${x - 6} ${y + 5} Z`} {...common} />;
    default:
      return <path d={`M${x} ${y - 6} L${x + 6} ${y} L${x} ${y + 6} L${x - 6} ${y} Z`} {...common} />;
  }
}

const WIDTH = 640;
const HEIGHT = 260;
const LEFT = 44;
const RIGHT = 24;
const TOP = 16;
const BOTTOM = 40;

/**
 * The self-sufficiency scores (1–5) of each life domain across the assessments, as a line chart
 * drawn in SVG. The chart is one image with a title and a description; the comparison table holds
 * the same numbers as text, and the legend names each line.
 */
export function ScoreChart({ assessments }: { assessments: Assessment[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const scored = lifeDomains.filter((d) => assessments.some((a) => (a.domains[d]?.score ?? 0) > 0));
  if (scored.length === 0) return <p>{t('assessment.chartEmpty')}</p>;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const x = (i: number) => LEFT + (assessments.length === 1 ? plotWidth / 2 : (i * plotWidth) / (assessments.length - 1));
  const y = (score: number) => TOP + plotHeight - ((score - 1) * plotHeight) / 4;
  const points = (d: LifeDomain) =>
    assessments.flatMap((a, i) => {
      const score = a.domains[d]?.score ?? 0;
      return score > 0 ? [{ x: x(i), y: y(score), score, a }] : [];
    });
  const style = (d: LifeDomain) => {
    const index = lifeDomains.indexOf(d);
    return { index, series: `chart-series-${index}`, dash: dashes[index % dashes.length]! };
  };

  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        className="chart__svg"
      >
        <title id={`${id}-title`}>{t('assessment.chartTitle')}</title>
        <desc id={`${id}-desc`}>
          {scored
            .map(
              (d) =>
                `${t(`lifeDomain.${d}`)}: ${points(d)
                  .map((p) => `${formatDate(p.a.assessedOn, locale)} ${p.score}`)
                  .join(', ')}`,
            )
            .join('; ')}
        </desc>
        {[1, 2, 3, 4, 5].map((s) => (
          <g key={s}>
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(s)} y2={y(s)} className="chart__grid" />
            <text x={LEFT - 10} y={y(s) + 4} textAnchor="end" fontSize="12" className="chart__label">
              {s}
            </text>
          </g>
        ))}
        {assessments.map((a, i) => (
          <text key={a.id} x={x(i)} y={HEIGHT - BOTTOM + 20} textAnchor="middle" fontSize="12" className="chart__label">
            {formatDate(a.assessedOn, locale)}
          </text>
        ))}
        {scored.map((d) => {
          const { index, series, dash } = style(d);
          const line = points(d);
          return (
            <g key={d} className={series}>
              {line.length > 1 && (
                <polyline
                  points={line.map((p) => `${p.x},${p.y}`).join(' ')}
                  className="chart__line"
                  strokeWidth={2}
                  strokeDasharray={dash || undefined}
                />
              )}
              {line.map((p) => (
                <Marker key={p.a.id} index={index} x={p.x} y={p.y} />
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <p>{t('assessment.chartCaption')}</p>
        <ul className="chart__legend">
          {scored.map((d) => {
            const { index, series, dash } = style(d);
            return (
              <li key={d}>
                <svg width="36" height="14" aria-hidden="true" focusable="false" className={series}>
                  <line x1={2} x2={34} y1={7} y2={7} className="chart__line" strokeWidth={2} strokeDasharray={dash || undefined} />
                  <Marker index={index} x={18} y={7} />
                </svg>
                {t(`lifeDomain.${d}`)}
              </li>
            );
          })}
        </ul>
      </figcaption>
    </figure>
  );
}
