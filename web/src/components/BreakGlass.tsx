// Break the glass: shown where a worker is refused a household or trajectory. After a stated
// reason the server opens the household read-only until the end of the day; the page then loads.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { useFormErrors } from '../lib/forms';
import { useLanguage } from '../lib/i18n';
import { useSession } from '../lib/session';
import { Alert, Notice } from './Alert';
import { Button, ButtonGroup } from './Button';
import { ErrorSummary } from './ErrorSummary';
import { Form, TextAreaField } from './FormFields';
import { Heading, Paragraph } from './Typography';

const MIN_REASON = 20;

export function BreakGlass({
  target,
}: {
  target: { trajectoryId: string } | { householdId: string };
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const grant = useMutation({
    mutationFn: (body: { reason: string } & typeof target) =>
      unwrap(api.POST('/api/v1/break-glass', { body })),
    // Everything may now be readable: refetch what the page asked for.
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const fieldIdOf = (field: string) => `break-glass-${field}`;
  const labels = { reason: t('glass.reason') };
  const errors = useFormErrors(labels, fieldIdOf, clientErrors, grant.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < MIN_REASON) {
      setClientErrors({ reason: t('glass.tooShort', { label: labels.reason }) });
      return;
    }
    setClientErrors({});
    grant.mutate({ ...target, reason: reason.trim() });
  };

  if (grant.data) {
    return (
      <Notice type="ok">
        <Paragraph>
          {t('glass.granted', { time: formatDateTime(grant.data.expiresAt, language) })}
        </Paragraph>
      </Notice>
    );
  }
  return (
    <section aria-labelledby={headingId} className="sk-section sk-break-glass">
      <Alert type="warning">
        <Heading level={2} id={headingId}>
          {t('glass.title')}
        </Heading>
        <Paragraph>{t('glass.text')}</Paragraph>
        {!open && (
          <ButtonGroup>
            <Button appearance="secondary" onClick={() => setOpen(true)}>
              {t('glass.open')}
            </Button>
          </ButtonGroup>
        )}
      </Alert>
      {open && (
        <div role="group" aria-labelledby={`${headingId}-dialog`}>
          <Heading level={3} id={`${headingId}-dialog`}>
            {t('glass.dialogTitle')}
          </Heading>
          <ErrorSummary items={errors.summary} general={errors.general} />
          <Form onSubmit={onSubmit} aria-labelledby={`${headingId}-dialog`}>
            <TextAreaField
              id={fieldIdOf('reason')}
              label={labels.reason}
              description={t('glass.reasonHint')}
              value={reason}
              rows={3}
              maxLength={1000}
              required
              onChange={setReason}
              error={errors.byField.reason}
            />
            <ButtonGroup>
              <Button type="submit" appearance="primary" busy={grant.isPending}>
                {t('glass.submit')}
              </Button>
              <Button appearance="secondary" onClick={() => setOpen(false)}>
                {t('glass.cancel')}
              </Button>
            </ButtonGroup>
          </Form>
        </div>
      )}
    </section>
  );
}

/**
 * Shown above a household or trajectory read by breaking the glass: read-only, until when, and
 * that the access is reviewed. Nothing for a worker's own teams' cases.
 */
export function GlassBanner({ householdId, teamId }: { householdId: string; teamId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const session = useSession();
  const ownTeam = session.data?.user.teamIds.includes(teamId) ?? true;
  const grants = useQuery({
    queryKey: ['break-glass', 'mine'],
    queryFn: () => unwrap(api.GET('/api/v1/break-glass')),
    enabled: !ownTeam,
  });
  const grant = grants.data?.items.find((g) => g.householdId === householdId);
  if (ownTeam || !grant) return null;
  return (
    <Alert type="warning">
      <Paragraph>
        {t('glass.active', { time: formatDateTime(grant.expiresAt, language) })}
      </Paragraph>
    </Alert>
  );
}
