import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createPartnerStaffBody } from '../../../areas/staff/staff.contract.ts';
import { useSignedInSession } from '../../session/session-context.tsx';
import { SubmitButton } from '../../ui/buttons.tsx';
import { Card, SummaryList } from '../../ui/card.tsx';
import { ErrorSummary } from '../../ui/error-summary.tsx';
import { CheckboxField, TextField } from '../../ui/fields.tsx';
import { StatusMessage } from '../../ui/notice.tsx';
import { Page } from '../../ui/page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { partnerStaffApi, type StaffMember } from '../admin/staff-api.ts';
import { StaffPasswordForm } from '../admin/staff-password-form.tsx';
import { LoadStatus } from '../work/load-status.tsx';
import { useLoad } from '../work/use-load.ts';

/** Adds a colleague's account: a partner provider, perhaps also an administrator of the organisation. */
function AddForm({ onAdded }: { onAdded: (member: StaffMember) => void }) {
  const { t } = useTranslation();
  const form = useForm('partner-staff-add');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [initialPassword, setPassword] = useState('');
  const [mayManageStaff, setMayManage] = useState(false);
  const labels = {
    displayName: t('partnerStaff.name'),
    email: t('partnerStaff.email'),
    initialPassword: t('partnerStaff.initialPassword'),
    mayManageStaff: t('partnerStaff.mayManage'),
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.check(createPartnerStaffBody, { displayName, email, initialPassword, mayManageStaff });
    if (!body) return;
    void form.submit(async () => {
      onAdded(await partnerStaffApi.create(body));
      setDisplayName('');
      setEmail('');
      setPassword('');
      setMayManage(false);
    });
  };
  return (
    <>
      <ErrorSummary form={form} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form">
        <TextField
          {...form.field('displayName')}
          label={labels.displayName}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        <TextField
          {...form.field('email')}
          type="email"
          autoComplete="off"
          label={labels.email}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          {...form.field('initialPassword')}
          type="text"
          autoComplete="off"
          label={labels.initialPassword}
          hint={t('partnerStaff.initialPasswordHint')}
          value={initialPassword}
          onChange={(e) => setPassword(e.target.value)}
        />
        <CheckboxField
          {...form.field('mayManageStaff')}
          label={labels.mayManageStaff}
          checked={mayManageStaff}
          onChange={(e) => setMayManage(e.target.checked)}
        />
        <SubmitButton submitting={form.submitting}>{t('partnerStaff.add')}</SubmitButton>
      </form>
    </>
  );
}

function MemberCard({
  member,
  isSelf,
  onSaved,
}: {
  member: StaffMember;
  isSelf: boolean;
  onSaved: (m: StaffMember, text: string) => void;
}) {
  const { t } = useTranslation();
  const form = useForm(`partner-staff-${member.id}`);
  const disabled = member.status === 'disabled';
  const toggle = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(async () => {
      const saved = await partnerStaffApi.update(member.id, { status: disabled ? 'active' : 'disabled', version: member.version });
      onSaved(saved, t(disabled ? 'partnerStaff.enabled' : 'partnerStaff.disabled', { name: member.displayName }));
    });
  };
  return (
    <Card headingLevel={3} heading={member.displayName}>
      <SummaryList
        rows={[
          { id: 'email', key: t('partnerStaff.email'), value: member.email },
          {
            id: 'roles',
            key: t('partnerStaff.roles'),
            value: member.roles.map((r) => t(`role.${r}`)).join(', '),
          },
          { id: 'status', key: t('partnerStaff.status'), value: t(`staffStatus.${member.status}`) },
        ]}
      />
      {!isSelf && (
        <>
          <ErrorSummary form={form} labels={{}} />
          <form noValidate onSubmit={toggle} className="form">
            <SubmitButton submitting={form.submitting} variant="secondary">
              {disabled ? t('partnerStaff.enable') : t('partnerStaff.disable')}
              <span className="visually-hidden"> {member.displayName}</span>
            </SubmitButton>
          </form>
          <StaffPasswordForm member={member} reset={partnerStaffApi.resetPassword} />
        </>
      )}
    </Card>
  );
}

/** /partner/staff – a partner organisation's own administrator keeps the accounts of its staff. */
export function PartnerStaffPage() {
  const { t } = useTranslation();
  const { user } = useSignedInSession();
  const members = useLoad(() => partnerStaffApi.list().then((r) => r.items), 'partner-staff');
  const [message, setMessage] = useState<string | null>(null);
  const list = members.data ?? [];
  const saved = (m: StaffMember, text: string) => {
    members.set(list.some((x) => x.id === m.id) ? list.map((x) => (x.id === m.id ? m : x)) : [...list, m]);
    setMessage(text);
  };
  return (
    <Page title={t('partnerStaff.title')}>
      <p>{t('partnerStaff.intro')}</p>
      <StatusMessage message={message} />
      <section aria-labelledby="partner-staff-list" className="panel">
        <h2 id="partner-staff-list">{t('partnerStaff.listTitle')}</h2>
        <LoadStatus loaded={members} />
        {list.map((m) => (
          <MemberCard key={`${m.id}:${m.version}`} member={m} isSelf={m.id === user.id} onSaved={saved} />
        ))}
      </section>
      <section aria-labelledby="partner-staff-add" className="panel">
        <h2 id="partner-staff-add">{t('partnerStaff.addTitle')}</h2>
        <AddForm onAdded={(m) => saved(m, t('partnerStaff.added', { name: m.displayName }))} />
      </section>
    </Page>
  );
}
