// The worker invites a household member to the portal: a one-time code (valid seven days), shown
// big and readable, with a letter to print and hand over or post.
import './portal.css';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { Alert, Notice } from '../../components/Alert';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldId, Form, SelectField } from '../../components/FormFields';
import { Link } from '../../components/Link';
import { PrintButton } from '../../components/PrintButton';
import { LoadError, Loading } from '../../components/QueryState';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { formatDate } from '../../lib/format';
import { useFormErrors } from '../../lib/forms';
import { dateInAmsterdam } from '../../lib/calendar';
import { useLanguage } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import {
  useDeactivateResidentAccount,
  useHousehold,
  useInvite,
  useInviteTrajectory,
  useResetResidentSecondFactor,
} from './queries';

export function InvitePage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const language = useLanguage();
  const staffName = useSession().data?.user.name ?? '';
  const trajectory = useInviteTrajectory(id);
  const household = useHousehold(trajectory.data?.householdId);
  const invite = useInvite();
  const resetCode = useResetResidentSecondFactor();
  const deactivate = useDeactivateResidentAccount();
  const members = household.data?.members ?? [];
  const [residentId, setResidentId] = useState(params.get('bewoner') ?? '');
  const chosen = members.find((member) => member.id === residentId);
  const chosenName = chosen ? `${chosen.givenName} ${chosen.familyName}` : '';
  const title = chosenName
    ? t('portal.invite.titleWithName', { name: chosenName })
    : t('portal.invite.title');
  useDocumentTitle(title);
  const form = 'invite';
  const labels = { residentId: t('portal.invite.member') };
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const errors = useFormErrors(labels, (f) => fieldId(form, f), clientErrors, invite.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) {
      setClientErrors({ residentId: t('form.required', { label: labels.residentId }) });
      invite.reset();
      return;
    }
    setClientErrors({});
    invite.mutate(chosen.id);
  };

  const result = invite.data;
  const url = result ? `${window.location.origin}/portaal/activeren` : '';
  const expires = result ? formatDate(dateInAmsterdam(result.expiresAt), language) : '';

  return (
    <article className="sk-invite">
      <p className="sk-back sk-no-print">
        <Link to={`/trajecten/${id}`}>← {t('portal.invite.back')}</Link>
      </p>
      <div className="sk-no-print">
        <PageTitle>{title}</PageTitle>
        <Paragraph lead>{t('portal.invite.intro')}</Paragraph>
      </div>
      {(trajectory.isPending || (trajectory.data && household.isPending)) && <Loading />}
      {trajectory.isError && (
        <LoadError error={trajectory.error} onRetry={() => void trajectory.refetch()} />
      )}
      {household.isError && (
        <LoadError error={household.error} onRetry={() => void household.refetch()} />
      )}
      {household.data && !result && (
        <div className="sk-no-print">
          {params.get('bewoner') && !chosen && residentId === params.get('bewoner') && (
            <Alert type="warning">
              <Paragraph>{t('portal.invite.notMember')}</Paragraph>
            </Alert>
          )}
          <ErrorSummary items={errors.summary} general={errors.general} />
          <Form id={form} onSubmit={onSubmit} aria-label={t('portal.invite.title')}>
            <SelectField
              id={fieldId(form, 'residentId')}
              label={labels.residentId}
              value={chosen ? residentId : ''}
              placeholder={t('portal.invite.chooseMember')}
              onChange={(value) => {
                setResidentId(value);
                resetCode.reset();
                deactivate.reset();
              }}
              options={members.map((member) => ({
                value: member.id,
                label: `${member.givenName} ${member.familyName}`,
              }))}
              error={errors.byField.residentId}
            />
            <ButtonGroup>
              <Button type="submit" appearance="primary" busy={invite.isPending}>
                {t('portal.invite.create')}
              </Button>
            </ButtonGroup>
          </Form>
          <section aria-labelledby="lost-code" className="sk-section">
            <Heading level={2} id="lost-code">
              {t('portal.invite.lostCodeTitle')}
            </Heading>
            <Paragraph>{t('portal.invite.lostCodeIntro')}</Paragraph>
            {resetCode.data && (
              <Notice type="ok">
                <Paragraph>
                  {resetCode.data.wasOn
                    ? t('portal.invite.lostCodeDone', { name: chosenName })
                    : t('portal.invite.lostCodeWasOff', { name: chosenName })}
                </Paragraph>
              </Notice>
            )}
            {resetCode.error && <LoadError error={resetCode.error} />}
            <ButtonGroup>
              <Button
                disabled={!chosen}
                busy={resetCode.isPending}
                onClick={() => chosen && resetCode.mutate(chosen.id)}
              >
                {chosen
                  ? t('portal.invite.lostCodeButtonFor', { name: chosenName })
                  : t('portal.invite.lostCodeButton')}
              </Button>
            </ButtonGroup>
          </section>
          <section aria-labelledby="lost-password" className="sk-section">
            <Heading level={2} id="lost-password">
              {t('portal.invite.lostPasswordTitle')}
            </Heading>
            <Paragraph>{t('portal.invite.lostPasswordIntro')}</Paragraph>
            {deactivate.data && (
              <Notice type="ok">
                <Paragraph>
                  {deactivate.data.wasActive
                    ? t('portal.invite.lostPasswordDone', { name: chosenName })
                    : t('portal.invite.lostPasswordWasOff', { name: chosenName })}
                </Paragraph>
              </Notice>
            )}
            {deactivate.error && <LoadError error={deactivate.error} />}
            <ButtonGroup>
              <Button
                disabled={!chosen}
                busy={deactivate.isPending}
                onClick={() => {
                  if (!chosen) return;
                  invite.reset();
                  deactivate.mutate(chosen.id);
                }}
              >
                {chosen
                  ? t('portal.invite.lostPasswordButtonFor', { name: chosenName })
                  : t('portal.invite.lostCodeButton')}
              </Button>
            </ButtonGroup>
          </section>
        </div>
      )}
      {result && (
        <>
          <div className="sk-no-print">
            <Notice type="ok">
              <Paragraph>{t('portal.invite.created', { name: chosenName })}</Paragraph>
            </Notice>
            <section aria-labelledby="invite-code" className="sk-invite-code">
              <Heading level={2} id="invite-code">
                {t('portal.invite.code')}
              </Heading>
              <p className="sk-invite-code__value" data-testid="invitation-code">
                {result.code}
              </p>
              <p className="sk-invite-code__expiry">
                {t('portal.invite.expires', { date: expires })}
              </p>
              <ButtonGroup>
                <PrintButton>{t('portal.invite.print')}</PrintButton>
              </ButtonGroup>
            </section>
          </div>
          <section aria-labelledby="invite-letter" className="sk-invite-letter">
            <Heading level={2} id="invite-letter">
              {t('portal.invite.letterTitle')}
            </Heading>
            <p>{t('portal.invite.letterGreeting', { name: chosenName })}</p>
            <p>{t('portal.invite.letterBody')}</p>
            <ol>
              <li>{t('portal.invite.letterStep1', { url })}</li>
              <li>
                {t('portal.invite.letterStep2')}
                <span className="sk-invite-letter__code">{result.code}</span>
              </li>
              <li>{t('portal.invite.letterStep3')}</li>
            </ol>
            <p>{t('portal.invite.letterExpiry', { date: expires })}</p>
            <p>{t('portal.invite.letterSign', { name: staffName })}</p>
          </section>
        </>
      )}
    </article>
  );
}
