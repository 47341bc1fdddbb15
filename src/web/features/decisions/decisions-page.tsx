import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDate, formatDateTime } from '../../format.ts';
import { SummaryList } from '../../ui/card.tsx';
import { useLocale } from '../../ui/locale.ts';
import { StatusMessage } from '../../ui/notice.tsx';
import { type StatusKind, StatusTag } from '../../ui/status-tag.tsx';
import { ActionForm } from '../cases/action-form.tsx';
import { CaseFrame } from '../cases/case-frame.tsx';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';
import { DecisionForm } from './decision-form.tsx';
import { type ServiceDecision, serviceDecisionApi } from './decisions-api.ts';

const decisionStatusKinds: Record<ServiceDecision['status'], StatusKind> = {
  draft: 'draft',
  awaiting_signature: 'awaiting',
  signed: 'signed',
};

/** A decision's status in words, colour and icon: draft, awaiting signature, signed – or replaced by a newer one. */
function DecisionStatusTag({ decision: d }: { decision: ServiceDecision }) {
  const { t } = useTranslation();
  return d.supersededById ? (
    <StatusTag kind="superseded">{t('serviceDecision.status.replaced')}</StatusTag>
  ) : (
    <StatusTag kind={decisionStatusKinds[d.status]}>{t(`serviceDecision.status.${d.status}`)}</StatusTag>
  );
}

/** The name of a decision in headings and links: when it was signed, or "draft". */
function useDecisionName() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (d: ServiceDecision) =>
    d.decidedAt ? t('serviceDecision.signedTitle', { date: formatDateTime(d.decidedAt, locale) }) : t('serviceDecision.draftTitle');
}

/** Links to the decision this one replaces and the one that replaced it. */
function ReplacementLinks({ decision: d, all }: { decision: ServiceDecision; all: ServiceDecision[] }) {
  const { t } = useTranslation();
  const name = useDecisionName();
  const link = (id: string | null, key: string) => {
    const other = id ? all.find((x) => x.id === id) : undefined;
    return other ? (
      <p>
        <a href={`#decision-${other.id}`}>{t(key, { decision: name(other) })}</a>
      </p>
    ) : null;
  };
  return (
    <>
      {link(d.supersedesId, d.status === 'signed' ? 'serviceDecision.replaces' : 'serviceDecision.willReplace')}
      {link(d.supersededById, 'serviceDecision.replacedBy')}
    </>
  );
}

/** One decision as recorded: its services, outcomes, validity, appeal text, who signed, and its place in the chain of replacements. */
function DecisionView({ decision: d, all }: { decision: ServiceDecision; all: ServiceDecision[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      {d.decidedAt && <p>{t('serviceDecision.signedBy', { name: d.decidedByName ?? '', time: formatDateTime(d.decidedAt, locale) })}</p>}
      <ReplacementLinks decision={d} all={all} />
      {d.items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a signed decision's items never change order
        <div key={i} className="decision-item">
          <h3>{item.service}</h3>
          <SummaryList
            rows={[
              { id: 'outcome', key: t('serviceDecision.item.outcome'), value: t(`serviceDecision.outcome.${item.outcome}`) },
              !!item.grantedScope && {
                id: 'grantedScope',
                key: t('serviceDecision.item.grantedScope'),
                value: item.grantedScope,
                dir: 'auto',
              },
              { id: 'basis', key: t('serviceDecision.item.basis'), value: item.basis, dir: 'auto' },
              { id: 'justification', key: t('serviceDecision.item.justification'), value: item.justification, dir: 'auto' },
              !!item.validFrom && {
                id: 'validity',
                key: t('serviceDecision.validity'),
                value: item.validTo
                  ? t('serviceDecision.validFromTo', { from: formatDate(item.validFrom, locale), to: formatDate(item.validTo, locale) })
                  : t('serviceDecision.validFromOnly', { from: formatDate(item.validFrom, locale) }),
              },
            ]}
          />
        </div>
      ))}
      <h3>{t('serviceDecision.appealInstructions')}</h3>
      <p className="pre-wrap">{d.appealInstructions}</p>
      <p>{t('serviceDecision.letterLanguage', { language: t(`languageName.${d.language}`, { defaultValue: d.language }) })}</p>
    </>
  );
}

/** /cases/:id/decisions – formal decisions on requested services: draft, sign, print, replace. */
export function DecisionsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const name = useDecisionName();
  const loaded = useLoad(() => serviceDecisionApi.list(id).then((r) => r.items), `decisions:${id}`);
  const [message, setMessage] = useState<string | null>(null);
  const [replacing, setReplacing] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const decisions = loaded.data ?? [];

  const put = (d: ServiceDecision, text: string) => {
    const list = decisions.some((x) => x.id === d.id) ? decisions.map((x) => (x.id === d.id ? d : x)) : [...decisions, d];
    // A signed replacement names the decision it replaces; show that one as replaced at once.
    loaded.set(
      d.status === 'signed' && d.supersedesId ? list.map((x) => (x.id === d.supersedesId ? { ...x, supersededById: d.id } : x)) : list,
    );
    setMessage(text);
  };
  const draftReplacing = (id: string) => decisions.some((x) => x.status !== 'signed' && x.supersedesId === id);

  return (
    <CaseFrame caseId={id} title={(number) => t('serviceDecision.pageTitle', { number })}>
      {(record) => (
        <>
          <StatusMessage message={message} />
          <LoadStatus loaded={loaded} />
          {loaded.data && decisions.length === 0 && <p>{t('serviceDecision.none')}</p>}
          {[...decisions].reverse().map((d) => (
            <section
              key={d.id}
              id={`decision-${d.id}`}
              tabIndex={-1}
              aria-labelledby={`decision-${d.id}-title`}
              className={`panel${d.status !== 'signed' ? ' panel--edit' : ''}`}
            >
              <h2 id={`decision-${d.id}-title`}>
                {name(d)} <DecisionStatusTag decision={d} />
              </h2>
              {d.status !== 'signed' ? (
                <>
                  <ReplacementLinks decision={d} all={decisions} />
                  {d.may.change ? (
                    <DecisionForm
                      key={d.version}
                      caseId={record.id}
                      decision={d}
                      onSaved={(saved) => put(saved, t('serviceDecision.saved'))}
                    />
                  ) : (
                    <DecisionView decision={d} all={[]} />
                  )}
                  {d.may.sign && (
                    <>
                      <h3>{t('serviceDecision.signTitle')}</h3>
                      <ActionForm
                        idPrefix={`sign-decision-${d.id}`}
                        hint={t('serviceDecision.signHint')}
                        label={t('serviceDecision.sign')}
                        variant="primary"
                        action={async () => put(await serviceDecisionApi.sign(d.id, d.version), t('serviceDecision.signedMessage'))}
                        explain={(error) => (error.code === 'permission_denied' ? t('serviceDecision.noAuthority') : null)}
                      />
                    </>
                  )}
                  {d.may.sendForSignature && (
                    <>
                      <h3>{t('serviceDecision.sendTitle')}</h3>
                      <ActionForm
                        idPrefix={`send-decision-${d.id}`}
                        hint={t('serviceDecision.signedByOthers')}
                        label={t('serviceDecision.sendForSignature')}
                        variant="primary"
                        action={async () =>
                          put(await serviceDecisionApi.sendForSignature(d.id, d.version), t('serviceDecision.sentMessage'))
                        }
                        explain={(error) => (error.code === 'transition_not_allowed' ? t('serviceDecision.noSigner') : null)}
                      />
                    </>
                  )}
                  {d.status === 'awaiting_signature' && !d.may.sign && <p className="notice">{t('serviceDecision.awaitingSignature')}</p>}
                </>
              ) : (
                <DecisionView decision={d} all={decisions} />
              )}
              <p>
                <a href={serviceDecisionApi.letterUrl(d.id)} target="_blank" rel="noopener" className="standalone-link">
                  {d.status !== 'signed' ? t('serviceDecision.letterPreview') : t('serviceDecision.letter')} {t('common.opensInNewTab')}
                </a>
              </p>
              {d.may.replace &&
                !draftReplacing(d.id) &&
                (replacing === d.id ? (
                  <>
                    <h3>{t('serviceDecision.replaceTitle')}</h3>
                    <DecisionForm
                      caseId={record.id}
                      decision={null}
                      replacing={d}
                      onCancel={() => setReplacing(null)}
                      onSaved={(saved) => {
                        setReplacing(null);
                        put(saved, t('serviceDecision.created'));
                      }}
                    />
                  </>
                ) : (
                  <button type="button" className="button button--secondary" onClick={() => setReplacing(d.id)}>
                    {t('serviceDecision.replace')}
                  </button>
                ))}
            </section>
          ))}
          {loaded.data && record.may.work && (
            <section aria-labelledby="decision-new" className="panel">
              <h2 id="decision-new">{t('serviceDecision.newTitle')}</h2>
              {creating ? (
                <DecisionForm
                  caseId={record.id}
                  decision={null}
                  onCancel={() => setCreating(false)}
                  onSaved={(saved) => {
                    setCreating(false);
                    put(saved, t('serviceDecision.created'));
                  }}
                />
              ) : (
                <button type="button" className="button button--secondary" onClick={() => setCreating(true)}>
                  {t('serviceDecision.new')}
                </button>
              )}
            </section>
          )}
        </>
      )}
    </CaseFrame>
  );
}
