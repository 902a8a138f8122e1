// "Inloggen en beveiliging" (admin): which roles must use a second factor beyond the ones that
// always must, the municipality's own identity provider (OpenID Connect), and resetting a staff
// member's second factor when their phone is lost.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import {
  CheckboxField,
  CheckboxGroup,
  fieldId,
  Form,
  RadioGroup,
  TextField,
} from '../../components/FormFields';
import { Loading, LoadError } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { api, unwrap } from '../../lib/api';
import type { paths } from '../../lib/api-schema';
import { useFormErrors } from '../../lib/forms';
import { useDocumentTitle } from '../../lib/useDocumentTitle';

type Settings =
  paths['/api/v1/admin/sign-in']['get']['responses'][200]['content']['application/json'];
type StaffRole = Settings['totpExtraRoles'][number];

const settingsKey = ['sign-in-settings'] as const;
const staffKey = ['sign-in-settings', 'staff'] as const;
const ROLES: StaffRole[] = ['worker', 'team_lead', 'municipality', 'admin', 'partner', 'volunteer'];
const FORM_ID = 'sign-in';

export function SignInSettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('signInSettings.title'));
  const settings = useQuery({
    queryKey: settingsKey,
    queryFn: () => unwrap(api.GET('/api/v1/admin/sign-in')),
  });
  return (
    <>
      <PageTitle>{t('signInSettings.title')}</PageTitle>
      <Paragraph>{t('signInSettings.intro')}</Paragraph>
      {settings.isPending && <Loading />}
      {settings.isError && (
        <LoadError error={settings.error} onRetry={() => void settings.refetch()} />
      )}
      {settings.data && <SettingsForm key={settings.data.version} settings={settings.data} />}
      <StaffSecondFactors />
    </>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [extraRoles, setExtraRoles] = useState<string[]>(settings.totpExtraRoles);
  const [oidc, setOidc] = useState({ ...settings.oidc, clientSecret: '' });
  const set = (patch: Partial<typeof oidc>) => setOidc((current) => ({ ...current, ...patch }));
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/admin/sign-in', {
          body: {
            version: settings.version,
            totpExtraRoles: extraRoles as StaffRole[],
            oidc: {
              enabled: oidc.enabled,
              displayName: oidc.displayName,
              issuer: oidc.issuer,
              clientId: oidc.clientId,
              ...(oidc.clientSecret ? { clientSecret: oidc.clientSecret } : {}),
              emailDomain: oidc.emailDomain,
              matchClaim: oidc.matchClaim,
            },
          },
        }),
      ),
    onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
  });
  const labels = {
    'oidc.displayName': t('signInSettings.displayName'),
    'oidc.issuer': t('signInSettings.issuer'),
    'oidc.clientId': t('signInSettings.clientId'),
    'oidc.clientSecret': t('signInSettings.clientSecret'),
    'oidc.emailDomain': t('signInSettings.emailDomain'),
  };
  const errors = useFormErrors(labels, (field) => fieldId(FORM_ID, field), {}, save.error, {
    409: t('signInSettings.conflict'),
  });
  const always = settings.alwaysRequiredRoles.map((role) => t(`roles.${role}`)).join(', ');
  const redirectUri = `${globalThis.location?.origin ?? ''}/api/v1/auth/oidc/callback`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <>
      {save.isSuccess && <Notice type="ok">{t('signInSettings.saved')}</Notice>}
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={FORM_ID} onSubmit={onSubmit} aria-label={t('signInSettings.title')}>
        <Heading level={2}>{t('signInSettings.totpTitle')}</Heading>
        <Paragraph>{t('signInSettings.totpAlways', { roles: always })}</Paragraph>
        <CheckboxGroup
          id={fieldId(FORM_ID, 'totpExtraRoles')}
          legend={t('signInSettings.totpExtra')}
          selected={extraRoles}
          onChange={setExtraRoles}
          groups={[
            {
              key: 'roles',
              options: ROLES.filter((role) => !settings.alwaysRequiredRoles.includes(role)).map(
                (role) => ({ value: role, label: t(`roles.${role}`) }),
              ),
            },
          ]}
        />

        <Heading level={2}>{t('signInSettings.oidcTitle')}</Heading>
        <Paragraph>{t('signInSettings.oidcIntro')}</Paragraph>
        <CheckboxField
          id={fieldId(FORM_ID, 'oidc.enabled')}
          label={t('signInSettings.enabled')}
          checked={oidc.enabled}
          onChange={(enabled) => set({ enabled })}
        />
        <TextField
          id={fieldId(FORM_ID, 'oidc.displayName')}
          label={labels['oidc.displayName']}
          value={oidc.displayName}
          onChange={(displayName) => set({ displayName })}
          error={errors.byField['oidc.displayName']}
          maxLength={100}
        />
        <TextField
          id={fieldId(FORM_ID, 'oidc.issuer')}
          label={labels['oidc.issuer']}
          description={t('signInSettings.issuerHint')}
          value={oidc.issuer}
          onChange={(issuer) => set({ issuer })}
          error={errors.byField['oidc.issuer']}
          autoComplete="off"
        />
        <TextField
          id={fieldId(FORM_ID, 'oidc.clientId')}
          label={labels['oidc.clientId']}
          value={oidc.clientId}
          onChange={(clientId) => set({ clientId })}
          error={errors.byField['oidc.clientId']}
          autoComplete="off"
        />
        <TextField
          id={fieldId(FORM_ID, 'oidc.clientSecret')}
          label={labels['oidc.clientSecret']}
          type="password"
          autoComplete="new-password"
          description={
            settings.oidc.clientSecretSet
              ? t('signInSettings.clientSecretSet')
              : t('signInSettings.clientSecretUnset')
          }
          value={oidc.clientSecret}
          onChange={(clientSecret) => set({ clientSecret })}
          error={errors.byField['oidc.clientSecret']}
        />
        <Paragraph>{t('signInSettings.redirectUri', { uri: redirectUri })}</Paragraph>
        <TextField
          id={fieldId(FORM_ID, 'oidc.emailDomain')}
          label={labels['oidc.emailDomain']}
          description={t('signInSettings.emailDomainHint')}
          value={oidc.emailDomain}
          onChange={(emailDomain) => set({ emailDomain })}
          error={errors.byField['oidc.emailDomain']}
        />
        <RadioGroup
          id={fieldId(FORM_ID, 'oidc.matchClaim')}
          legend={t('signInSettings.matchClaim')}
          value={oidc.matchClaim}
          onChange={(value) => set({ matchClaim: value === 'sub' ? 'sub' : 'email' })}
          options={[
            { value: 'email', label: t('signInSettings.matchEmail') },
            { value: 'sub', label: t('signInSettings.matchSub') },
          ]}
        />
        <Button appearance="primary" type="submit" busy={save.isPending}>
          {save.isPending ? t('signInSettings.saving') : t('signInSettings.save')}
        </Button>
      </Form>
    </>
  );
}

function StaffSecondFactors() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const staff = useQuery({
    queryKey: staffKey,
    queryFn: () => unwrap(api.GET('/api/v1/admin/sign-in/staff')),
  });
  const [resetName, setResetName] = useState<string | null>(null);
  const reset = useMutation({
    mutationFn: (member: { id: string; name: string }) =>
      unwrap(
        api.POST('/api/v1/admin/sign-in/staff/{id}/reset-second-factor', {
          params: { path: { id: member.id } },
        }),
      ),
    onSuccess: (_data, member) => {
      setResetName(member.name);
      void queryClient.invalidateQueries({ queryKey: staffKey });
    },
  });
  return (
    <section aria-labelledby="staff-second-factor">
      <Heading level={2} id="staff-second-factor">
        {t('signInSettings.staffTitle')}
      </Heading>
      {resetName && <Notice type="ok">{t('signInSettings.resetDone', { name: resetName })}</Notice>}
      {staff.isPending && <Loading />}
      {staff.isError && <LoadError error={staff.error} onRetry={() => void staff.refetch()} />}
      {staff.data && (
        <Table caption={t('signInSettings.staffTitle')} captionHidden>
          <TableHeader>
            <TableRow>
              <HeaderCell>{t('signInSettings.name')}</HeaderCell>
              <HeaderCell>{t('signInSettings.role')}</HeaderCell>
              <HeaderCell>{t('signInSettings.state')}</HeaderCell>
              <HeaderCell>
                <span className="sk-visually-hidden">{t('signInSettings.reset')}</span>
              </HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {staff.data.items.map((member) => (
              <TableRow key={member.id}>
                <Cell>{member.name}</Cell>
                <Cell>{t(`roles.${member.role}`)}</Cell>
                <Cell>
                  {member.secondFactor ? t('signInSettings.stateOn') : t('signInSettings.stateOff')}
                  {member.required && ` (${t('signInSettings.stateRequired')})`}
                </Cell>
                <Cell>
                  {member.secondFactor && (
                    <Button
                      aria-label={t('signInSettings.resetLabel', { name: member.name })}
                      busy={reset.isPending && reset.variables?.id === member.id}
                      onClick={() => {
                        if (window.confirm(t('signInSettings.resetConfirm', { name: member.name })))
                          reset.mutate(member);
                      }}
                    >
                      {t('signInSettings.reset')}
                    </Button>
                  )}
                </Cell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
