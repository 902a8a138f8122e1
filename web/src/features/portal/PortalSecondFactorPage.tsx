// The resident's own choice of a second factor (optional for residents): turn it on with an
// authenticator app, keep the recovery codes, and turn it off again with a current code. The
// parts (QR code, typed key, code field, recovery codes) are the staff's, from components/.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Notice } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Link } from '../../components/Link';
import { LoadError, Loading } from '../../components/QueryState';
import type { EnrolmentData } from '../../components/SecondFactor';
import { CodeForm, EnrolmentPanel, RecoveryCodesPanel } from '../../components/SecondFactor';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import {
  useConfirmResidentEnrolment,
  useRemoveResidentSecondFactor,
  useResidentSecondFactor,
  useStartResidentEnrolment,
} from './queries';

export function PortalSecondFactorPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('portalSecondFactor.title'));
  const status = useResidentSecondFactor();
  const start = useStartResidentEnrolment();
  const confirm = useConfirmResidentEnrolment();
  const remove = useRemoveResidentSecondFactor();
  const [enrolment, setEnrolment] = useState<EnrolmentData | null>(null);

  return (
    <div className="sk-portal-narrow sk-portal-stack">
      <PageTitle>{t('portalSecondFactor.title')}</PageTitle>
      <Paragraph>{t('portalSecondFactor.intro')}</Paragraph>
      {status.isPending && <Loading />}
      {status.isError && <LoadError error={status.error} onRetry={() => void status.refetch()} />}
      {confirm.data ? (
        <>
          <Notice type="ok">{t('portalSecondFactor.turnedOn')}</Notice>
          <RecoveryCodesPanel codes={confirm.data.recoveryCodes} />
          <Paragraph>
            <Link to="/portaal">{t('portalSecondFactor.back')}</Link>
          </Paragraph>
        </>
      ) : (
        status.data && (
          <>
            {remove.isSuccess && !status.data.enrolled && (
              <Notice type="ok">{t('portalSecondFactor.turnedOff')}</Notice>
            )}
            <Paragraph>
              <strong>
                {status.data.enrolled
                  ? t('portalSecondFactor.isOn')
                  : t('portalSecondFactor.isOff')}
              </strong>
            </Paragraph>
            {!status.data.enrolled && !enrolment && (
              <>
                <Paragraph>{t('portalSecondFactor.howItWorks')}</Paragraph>
                {start.isError && <Alert type="error">{t('form.saveFailed')}</Alert>}
                <Button
                  appearance="primary"
                  busy={start.isPending}
                  onClick={() => start.mutate(undefined, { onSuccess: setEnrolment })}
                >
                  {t('portalSecondFactor.turnOn')}
                </Button>
              </>
            )}
            {!status.data.enrolled && enrolment && (
              <section aria-labelledby="extra-code-aanzetten">
                <Heading level={2} id="extra-code-aanzetten">
                  {t('portalSecondFactor.turnOnTitle')}
                </Heading>
                <EnrolmentPanel
                  enrolment={enrolment}
                  pending={confirm.isPending}
                  error={confirm.error}
                  onConfirm={(code) => confirm.mutate(code)}
                />
              </section>
            )}
            {status.data.enrolled && (
              <section aria-labelledby="extra-code-uitzetten">
                <Heading level={2} id="extra-code-uitzetten">
                  {t('portalSecondFactor.turnOffTitle')}
                </Heading>
                <Paragraph>{t('portalSecondFactor.turnOffIntro')}</Paragraph>
                <CodeForm
                  formId="portal-second-factor-off"
                  formLabel={t('portalSecondFactor.turnOffTitle')}
                  onSubmit={(code) => remove.mutate(code, { onSuccess: () => setEnrolment(null) })}
                  pending={remove.isPending}
                  error={remove.error}
                  allowRecovery
                  submitLabel={t('portalSecondFactor.turnOff')}
                  pendingLabel={t('portalSecondFactor.turningOff')}
                />
                <Paragraph>{t('portalSecondFactor.lost')}</Paragraph>
              </section>
            )}
            <Paragraph>
              <Link to="/portaal">{t('portalSecondFactor.back')}</Link>
            </Paragraph>
          </>
        )
      )}
    </div>
  );
}
