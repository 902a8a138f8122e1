import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Notice } from '../../components/Alert';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import {
  CheckboxGroup,
  fieldId,
  Form,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/FormFields';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, Paragraph } from '../../components/Typography';
import type { ConsentScopeItem, Referral, ReferralKind, WmoProvision } from '../../lib/api-types';
import { CONSENT_SCOPE_ITEMS, REFERRAL_KINDS, WMO_PROVISIONS } from '../../lib/api-types';
import { formatDate } from '../../lib/format';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { todayInAmsterdam } from '../../lib/calendar';
import { useCloseReferral, useCreateReferral, useOrganisations, useReferrals } from './queries';

/** "Verwijzingen": what went where, with which consent, and its answer; a form for a new one. */
export function ReferralsSection({
  trajectoryId,
  canAdd,
}: {
  trajectoryId: string;
  canAdd: boolean;
}) {
  const { t } = useTranslation();
  const referrals = useReferrals(trajectoryId);
  const organisations = useOrganisations();
  const close = useCloseReferral(trajectoryId);
  const [closedNotice, setClosedNotice] = useState(false);
  const orgName = (id: string | null) =>
    id ? (organisations.data?.find((org) => org.id === id)?.name ?? '') : '';

  return (
    <section aria-labelledby="verwijzingen" className="sk-section">
      <Heading level={2} id="verwijzingen" tabIndex={-1}>
        {t('traj.referrals.title')}
      </Heading>
      <Paragraph className="sk-traj-hint">{t('traj.referrals.intro')}</Paragraph>
      {closedNotice && (
        <Notice type="ok">
          <Paragraph>{t('traj.referrals.closed')}</Paragraph>
        </Notice>
      )}
      {close.isError && <LoadError error={close.error} />}
      {referrals.isPending && <Loading />}
      {referrals.isError && (
        <LoadError error={referrals.error} onRetry={() => void referrals.refetch()} />
      )}
      {referrals.data &&
        (referrals.data.length === 0 ? (
          <Paragraph>{t('traj.referrals.empty')}</Paragraph>
        ) : (
          <Table caption={t('traj.referrals.caption')} captionHidden>
            <TableHeader>
              <TableRow>
                <HeaderCell>{t('traj.referrals.kind')}</HeaderCell>
                <HeaderCell>{t('traj.referrals.to')}</HeaderCell>
                <HeaderCell>{t('traj.referrals.question')}</HeaderCell>
                <HeaderCell>{t('traj.referrals.consent')}</HeaderCell>
                <HeaderCell>{t('traj.referrals.status')}</HeaderCell>
                <HeaderCell>{t('traj.referrals.answer')}</HeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {referrals.data.map((referral) => (
                <ReferralRow
                  key={referral.id}
                  referral={referral}
                  organisation={orgName(referral.organisationId)}
                  closing={close.isPending && close.variables === referral.id}
                  onClose={() =>
                    close.mutate(referral.id, { onSuccess: () => setClosedNotice(true) })
                  }
                />
              ))}
            </TableBody>
          </Table>
        ))}
      {canAdd && <ReferralForm trajectoryId={trajectoryId} />}
    </section>
  );
}

function ReferralRow({
  referral,
  organisation,
  closing,
  onClose,
}: {
  referral: Referral;
  organisation: string;
  closing: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <TableRow>
      <Cell>
        {t(`referralKindsShort.${referral.kind}`, { defaultValue: referral.kind })}
        {referral.wmoProvision && (
          <span className="sk-traj-note">{t(`wmoProvisions.${referral.wmoProvision}`)}</span>
        )}
      </Cell>
      <Cell>
        {referral.referredTo}
        {organisation && <span className="sk-traj-note">{organisation}</span>}
      </Cell>
      <Cell>
        <span className="sk-pre-line">{referral.question ?? '—'}</span>
      </Cell>
      <Cell>
        {referral.consentGivenOn && referral.consentScope.length > 0
          ? t('traj.referrals.consentOn', {
              date: formatDate(referral.consentGivenOn, language),
              scope: referral.consentScope
                .map((item) => t(`consentScope.${item}`, { defaultValue: item }))
                .join(', '),
            })
          : t('traj.referrals.noConsent')}
      </Cell>
      <Cell>{t(`referralStatuses.${referral.status}`)}</Cell>
      <Cell>
        {referral.answer ? <span className="sk-pre-line">{referral.answer}</span> : '—'}
        {referral.status === 'open' && (
          <div className="sk-traj-cell-action">
            <Button
              appearance="secondary"
              busy={closing}
              onClick={onClose}
              aria-label={t('traj.referrals.closeLabel', { to: referral.referredTo })}
            >
              {t('traj.referrals.close')}
            </Button>
          </div>
        )}
      </Cell>
    </TableRow>
  );
}

function ReferralForm({ trajectoryId }: { trajectoryId: string }) {
  const { t } = useTranslation();
  const create = useCreateReferral(trajectoryId);
  const organisations = useOrganisations();
  const [kind, setKind] = useState<ReferralKind | ''>('');
  const [provision, setProvision] = useState<WmoProvision | ''>('');
  const [organisationId, setOrganisationId] = useState('');
  const [referredTo, setReferredTo] = useState('');
  const [question, setQuestion] = useState('');
  const [givenOn, setGivenOn] = useState(todayInAmsterdam);
  const [scope, setScope] = useState<ConsentScopeItem[]>([]);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const form = 'referral';
  const labels = {
    kind: t('traj.referrals.kind'),
    wmoProvision: t('traj.referrals.provision'),
    organisationId: t('traj.referrals.organisation'),
    referredTo: t('traj.referrals.referredTo'),
    question: t('traj.referrals.question'),
    'consent.givenOn': t('traj.referrals.consentDate'),
    'consent.scope': t('traj.referrals.consentScope'),
  };
  const errors = useFormErrors(labels, (f) => fieldId(form, f), clientErrors, create.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const found: Record<string, string> = {};
    if (!kind) found.kind = t('form.required', { label: labels.kind });
    if (kind === 'wmo_advice' && !provision) {
      found.wmoProvision = t('form.required', { label: labels.wmoProvision });
    }
    if (!referredTo.trim()) found.referredTo = t('form.required', { label: labels.referredTo });
    if (!question.trim()) found.question = t('form.required', { label: labels.question });
    if (scope.length > 0 && !givenOn) {
      found['consent.givenOn'] = t('form.required', { label: labels['consent.givenOn'] });
    }
    setClientErrors(found);
    if (Object.keys(found).length > 0 || !kind) return;
    create.mutate(
      {
        kind,
        ...(organisationId ? { organisationId } : {}),
        referredTo: referredTo.trim(),
        question: question.trim(),
        ...(kind === 'wmo_advice' && provision ? { wmoProvision: provision } : {}),
        consent: scope.length > 0 ? { givenOn, scope } : null,
      },
      {
        onSuccess: () => {
          setDone(true);
          setKind('');
          setProvision('');
          setOrganisationId('');
          setReferredTo('');
          setQuestion('');
          setScope([]);
        },
      },
    );
  };

  return (
    <div className="sk-traj-subsection sk-traj-panel">
      <Heading level={3} id="referral-title">
        {t('traj.referrals.addTitle')}
      </Heading>
      {done && (
        <Notice type="ok">
          <Paragraph>{t('traj.referrals.added')}</Paragraph>
        </Notice>
      )}
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={form} onSubmit={onSubmit} aria-labelledby="referral-title">
        <RadioGroup
          id={fieldId(form, 'kind')}
          legend={labels.kind}
          value={kind}
          onChange={(value) => setKind(value as ReferralKind)}
          error={errors.byField.kind}
          options={REFERRAL_KINDS.map((value) => ({ value, label: t(`referralKinds.${value}`) }))}
        />
        {kind === 'wmo_advice' && (
          <RadioGroup
            id={fieldId(form, 'wmoProvision')}
            legend={labels.wmoProvision}
            inline
            value={provision}
            onChange={(value) => setProvision(value as WmoProvision)}
            error={errors.byField.wmoProvision}
            options={WMO_PROVISIONS.map((value) => ({
              value,
              label: t(`wmoProvisions.${value}`),
            }))}
          />
        )}
        <SelectField
          id={fieldId(form, 'organisationId')}
          label={labels.organisationId}
          value={organisationId}
          onChange={setOrganisationId}
          description={t('traj.referrals.organisationHint')}
          options={[
            { value: '', label: t('traj.referrals.noOrganisation') },
            ...(organisations.data ?? []).map((org) => ({ value: org.id, label: org.name })),
          ]}
          error={errors.byField.organisationId}
        />
        <TextField
          id={fieldId(form, 'referredTo')}
          label={labels.referredTo}
          description={t('traj.referrals.referredToHint')}
          value={referredTo}
          maxLength={300}
          onChange={setReferredTo}
          error={errors.byField.referredTo}
        />
        <TextAreaField
          id={fieldId(form, 'question')}
          label={labels.question}
          value={question}
          rows={3}
          maxLength={4000}
          onChange={setQuestion}
          error={errors.byField.question}
        />
        <fieldset className="sk-traj-block sk-traj-block--quiet">
          <legend className="sk-traj-legend">{t('traj.referrals.consentTitle')}</legend>
          <TextField
            id={fieldId(form, 'consent.givenOn')}
            type="date"
            size="md"
            label={labels['consent.givenOn']}
            value={givenOn}
            onChange={setGivenOn}
            error={errors.byField['consent.givenOn']}
          />
          <CheckboxGroup
            id={fieldId(form, 'consent.scope')}
            legend={labels['consent.scope']}
            selected={scope}
            onChange={(selected) => setScope(selected as ConsentScopeItem[])}
            error={errors.byField['consent.scope']}
            groups={[
              {
                key: 'scope',
                options: CONSENT_SCOPE_ITEMS.map((value) => ({
                  value,
                  label: t(`consentScope.${value}`),
                })),
              },
            ]}
          />
          {scope.length === 0 && (
            <Alert type="warning">
              <Paragraph>{t('traj.referrals.nothingShared')}</Paragraph>
            </Alert>
          )}
        </fieldset>
        <ButtonGroup>
          <Button type="submit" appearance="primary" busy={create.isPending}>
            {t('traj.referrals.add')}
          </Button>
        </ButtonGroup>
      </Form>
    </div>
  );
}
