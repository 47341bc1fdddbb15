import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decisionBody } from '../../../areas/intake/intake.contract.ts';
import { supportedLocales } from '../../../core/common.contract.ts';
import { SubmitButton } from '../../ui/buttons.tsx';
import { ContactLines } from '../../ui/contact-lines.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { useForm } from '../../ui/use-form.ts';
import { organisationApi, type Unit } from '../admin/organisation-api.ts';
import { type StaffMember, staffApi } from '../admin/staff-api.ts';
import { type DirectoryEntry, type IntakeRequest, requestApi } from './intake-api.ts';

type Decision = 'accept' | 'information_only' | 'refer_out' | 'decline' | 'reopen';

/** Directory entries and partner organisations are kept apart on the server: the choice names which one it is. */
const entryKey = (d: DirectoryEntry) => `${d.source}:${d.id}`;

interface Props {
  request: IntakeRequest;
  onDecided: (request: IntakeRequest) => void;
}

/** The intake decision: accept, information only, refer out, decline – or reopen a decided request. */
export function DecisionPanel({ request, onDecided }: Props) {
  const { t } = useTranslation();
  const form = useForm('decision');
  const open = request.status === 'open';
  const suggested = request.screening?.suggestedOutcome;
  const [decision, setDecision] = useState<Decision>(open ? (suggested ?? 'accept') : 'reopen');
  const [units, setUnits] = useState<Unit[]>([]);
  const [unitId, setUnitId] = useState('');
  const [staffQuery, setStaffQuery] = useState('');
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [responsibleStaffId, setResponsibleStaffId] = useState('');
  const [teamStaffIds, setTeamStaffIds] = useState<string[]>([]);
  const [informationGiven, setInformationGiven] = useState('');
  const [directoryQuery, setDirectoryQuery] = useState('');
  const [directory, setDirectory] = useState<DirectoryEntry[]>([]);
  const [directoryId, setDirectoryId] = useState('');
  const [organisationName, setOrganisationName] = useState('');
  const [organisationContact, setOrganisationContact] = useState('');
  const [referralReason, setReferralReason] = useState<'out_of_scope' | 'out_of_region' | 'other'>(
    request.screening?.referralReason ?? 'out_of_scope',
  );
  const [reasonText, setReasonText] = useState('');
  const [letterLanguage, setLetterLanguage] = useState(request.language);
  const [reason, setReason] = useState('');

  useEffect(() => {
    if (decision !== 'accept' || units.length > 0) return;
    organisationApi
      .units({ limit: 100 })
      .then((page) => setUnits(page.items.filter((u) => u.active)))
      .catch(() => undefined);
  }, [decision, units.length]);

  // Only the chosen unit's staff who may hold a case: the server's own rule (`holdsCases`).
  useEffect(() => {
    if (decision !== 'accept' || !unitId) {
      setStaff([]);
      return;
    }
    const timer = window.setTimeout(() => {
      staffApi
        .list({ q: staffQuery, unitId, holdsCases: 'true', limit: 100 })
        .then((page) => setStaff(page.items))
        .catch(() => undefined);
    }, 300);
    return () => window.clearTimeout(timer);
  }, [decision, staffQuery, unitId]);

  useEffect(() => {
    if (decision !== 'refer_out') return;
    const timer = window.setTimeout(() => {
      requestApi
        .directory(directoryQuery)
        .then((page) => setDirectory(page.items.filter((d) => d.active)))
        .catch(() => undefined);
    }, 300);
    return () => window.clearTimeout(timer);
  }, [decision, directoryQuery]);

  const chosen = directory.find((d) => entryKey(d) === directoryId) ?? null;

  const labels: Record<string, string> = {
    decision: t('decision.choose'),
    unitId: t('decision.unit'),
    responsibleStaffId: t('decision.responsible'),
    teamStaffIds: t('decision.team'),
    informationGiven: t('decision.informationGiven'),
    directoryId: t('decision.directory'),
    partnerOrganisationId: t('decision.directory'),
    organisationName: t('decision.organisationName'),
    organisationContact: t('decision.organisationContact'),
    reason: decision === 'refer_out' ? t('decision.referralReason') : t('decision.reason'),
    reasonText: t('decision.reasonText'),
    letterLanguage: t('decision.letterLanguage'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const version = request.version;
    const values =
      decision === 'accept'
        ? { decision, unitId, responsibleStaffId, teamStaffIds: teamStaffIds.filter((s) => s !== responsibleStaffId), version }
        : decision === 'information_only'
          ? { decision, informationGiven, version }
          : decision === 'refer_out'
            ? {
                decision,
                directoryId: chosen?.source === 'directory' ? chosen.id : null,
                partnerOrganisationId: chosen?.source === 'partner' ? chosen.id : null,
                organisationName: chosen ? null : organisationName.trim() || null,
                organisationContact: organisationContact.trim() || null,
                reason: referralReason,
                reasonText,
                letterLanguage,
                version,
              }
            : { decision, reason, version };
    if (decision === 'refer_out' && !directoryId && !organisationName.trim()) {
      form.fail({ organisationName: t('validation.required') });
      return;
    }
    if (decision === 'accept' && !request.personId) {
      form.fail({}, t('decision.needsPerson'));
      return;
    }
    const body = form.check(decisionBody, values);
    if (!body) return;
    void form.submit(async () => {
      onDecided(await requestApi.decide(request.id, body));
    });
  };

  const choices: Decision[] = open ? ['accept', 'information_only', 'refer_out', 'decline'] : ['reopen'];
  return (
    <>
      <ErrorSummary form={form} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form form--wide">
        {open && (
          <fieldset className="field fieldset">
            <legend className="field__label">{labels.decision}</legend>
            {suggested && <p className="field__hint">{t('decision.suggested', { outcome: t(`decision.kind.${suggested}`) })}</p>}
            {choices.map((choice) => (
              <div className="checkbox" key={choice}>
                <input
                  id={`decision-${choice}`}
                  type="radio"
                  name="decision"
                  value={choice}
                  checked={decision === choice}
                  onChange={() => setDecision(choice)}
                />
                <label htmlFor={`decision-${choice}`}>{t(`decision.kind.${choice}`)}</label>
              </div>
            ))}
          </fieldset>
        )}
        {decision === 'accept' && (
          <>
            {!request.personId && <p className="notice notice--warning">{t('decision.needsPerson')}</p>}
            <SelectField
              {...form.field('unitId')}
              label={labels.unitId!}
              value={unitId}
              onChange={(e) => {
                setUnitId(e.target.value);
                setResponsibleStaffId('');
                setTeamStaffIds([]);
              }}
            >
              <option value="">{t('common.choose')}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </SelectField>
            <TextField
              id="decision-staff-q"
              label={t('decision.staffSearch')}
              type="search"
              value={staffQuery}
              onChange={(e) => setStaffQuery(e.target.value)}
            />
            <SelectField
              {...form.field('responsibleStaffId')}
              label={labels.responsibleStaffId!}
              hint={unitId ? t('decision.responsibleHint') : t('decision.chooseUnitFirst')}
              value={responsibleStaffId}
              onChange={(e) => setResponsibleStaffId(e.target.value)}
            >
              <option value="">{t('common.choose')}</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.displayName}
                </option>
              ))}
            </SelectField>
            {staff.filter((s) => s.id !== responsibleStaffId).length > 0 && (
              <CheckboxGroup
                {...form.field('teamStaffIds')}
                label={labels.teamStaffIds!}
                hint={t('decision.teamHint')}
                options={staff.filter((s) => s.id !== responsibleStaffId).map((s) => ({ value: s.id, label: s.displayName }))}
                selected={teamStaffIds}
                onChange={setTeamStaffIds}
              />
            )}
          </>
        )}
        {decision === 'information_only' && (
          <TextAreaField
            {...form.field('informationGiven')}
            label={labels.informationGiven!}
            value={informationGiven}
            onChange={(e) => setInformationGiven(e.target.value)}
          />
        )}
        {decision === 'refer_out' && (
          <>
            <TextField
              id="decision-directory-q"
              label={t('decision.directorySearch')}
              type="search"
              value={directoryQuery}
              onChange={(e) => setDirectoryQuery(e.target.value)}
            />
            <SelectField
              {...form.field('directoryId')}
              label={labels.directoryId!}
              value={directoryId}
              onChange={(e) => setDirectoryId(e.target.value)}
            >
              <option value="">{t('decision.directoryNone')}</option>
              {directory.map((d) => (
                <option key={d.id} value={entryKey(d)}>
                  {d.name}
                  {d.regions.length > 0 ? ` (${d.regions.join(', ')})` : ''}
                </option>
              ))}
            </SelectField>
            {chosen && (
              <dl className="details-list">
                <dt>{t('decision.organisationKind')}</dt>
                <dd>{t(`decision.organisationSource.${chosen.source}`)}</dd>
                {chosen.services.length > 0 && (
                  <>
                    <dt>{t('decision.organisationServices')}</dt>
                    <dd>{chosen.services.join(', ')}</dd>
                  </>
                )}
                {chosen.regions.length > 0 && (
                  <>
                    <dt>{t('decision.organisationRegions')}</dt>
                    <dd>{chosen.regions.join(', ')}</dd>
                  </>
                )}
                {(chosen.contactPerson || chosen.phone || chosen.email || chosen.address) && (
                  <>
                    <dt>{t('decision.organisationContact')}</dt>
                    <dd>
                      <ContactLines contact={chosen} />
                    </dd>
                  </>
                )}
              </dl>
            )}
            {!directoryId && (
              <>
                <TextField
                  {...form.field('organisationName')}
                  label={labels.organisationName!}
                  value={organisationName}
                  onChange={(e) => setOrganisationName(e.target.value)}
                />
                <TextField
                  {...form.field('organisationContact')}
                  label={labels.organisationContact!}
                  value={organisationContact}
                  onChange={(e) => setOrganisationContact(e.target.value)}
                />
              </>
            )}
            <SelectField
              {...form.field('reason')}
              label={labels.reason!}
              value={referralReason}
              onChange={(e) => setReferralReason(e.target.value as typeof referralReason)}
            >
              {(['out_of_scope', 'out_of_region', 'other'] as const).map((r) => (
                <option key={r} value={r}>
                  {t(`referralReason.${r}`)}
                </option>
              ))}
            </SelectField>
            <TextAreaField
              {...form.field('reasonText')}
              label={labels.reasonText!}
              value={reasonText}
              onChange={(e) => setReasonText(e.target.value)}
            />
            <SelectField
              {...form.field('letterLanguage')}
              label={labels.letterLanguage!}
              value={letterLanguage}
              onChange={(e) => setLetterLanguage(e.target.value)}
            >
              {supportedLocales.map((code) => (
                <option key={code} value={code} lang={code}>
                  {t(`languageName.${code}`)}
                </option>
              ))}
            </SelectField>
          </>
        )}
        {(decision === 'decline' || decision === 'reopen') && (
          <TextAreaField {...form.field('reason')} label={labels.reason!} value={reason} onChange={(e) => setReason(e.target.value)} />
        )}
        <SubmitButton submitting={form.submitting}>{t(`decision.submit.${decision}`)}</SubmitButton>
      </form>
    </>
  );
}
