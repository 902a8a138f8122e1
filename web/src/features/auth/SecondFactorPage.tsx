// "Tweestapsverificatie": whether it is on for me, and setting it up myself (for roles that do
// not require it; the required roles set it up while signing in).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Notice } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Loading, LoadError } from '../../components/QueryState';
import { PageTitle, Paragraph } from '../../components/Typography';
import { api, unwrap } from '../../lib/api';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import type { EnrolmentData } from '../../components/SecondFactor';
import { EnrolmentPanel, RecoveryCodesPanel } from '../../components/SecondFactor';

const statusKey = ['second-factor'] as const;

export function SecondFactorPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('secondFactor.pageTitle'));
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: statusKey,
    queryFn: () => unwrap(api.GET('/api/v1/auth/second-factor')),
  });
  const start = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/second-factor/enrolment')),
  });
  const confirm = useMutation({
    mutationFn: (code: string) =>
      unwrap(api.POST('/api/v1/auth/second-factor/enrolment/confirm', { body: { code } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: statusKey }),
  });
  const [enrolment, setEnrolment] = useState<EnrolmentData | null>(null);

  return (
    <div className="sk-narrow">
      <PageTitle>{t('secondFactor.pageTitle')}</PageTitle>
      {status.isPending && <Loading />}
      {status.isError && <LoadError error={status.error} onRetry={() => void status.refetch()} />}
      {confirm.data ? (
        <>
          <Notice type="ok">{t('secondFactor.done')}</Notice>
          <RecoveryCodesPanel codes={confirm.data.recoveryCodes} />
        </>
      ) : (
        status.data && (
          <>
            <Paragraph>
              {status.data.enrolled ? t('secondFactor.statusOn') : t('secondFactor.statusOff')}
            </Paragraph>
            {status.data.required && <Paragraph>{t('secondFactor.statusRequired')}</Paragraph>}
            {status.data.enrolled && <Paragraph>{t('secondFactor.lost')}</Paragraph>}
            {start.isError && <Alert type="error">{t('form.saveFailed')}</Alert>}
            {!status.data.enrolled && !enrolment && (
              <Button
                appearance="primary"
                busy={start.isPending}
                onClick={() => start.mutate(undefined, { onSuccess: setEnrolment })}
              >
                {t('secondFactor.start')}
              </Button>
            )}
            {!status.data.enrolled && enrolment && (
              <EnrolmentPanel
                enrolment={enrolment}
                pending={confirm.isPending}
                error={confirm.error}
                onConfirm={(code) => confirm.mutate(code)}
              />
            )}
          </>
        )
      )}
    </div>
  );
}
