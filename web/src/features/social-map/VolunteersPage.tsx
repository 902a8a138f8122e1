// The volunteer pool: what each volunteer can do, where and when, and their agreements (the VOG
// by date only). Team leads keep the pool; workers match from it (MatchPage).
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldId, Form, TextAreaField, TextField } from '../../components/FormFields';
import { ButtonLink } from '../../components/Link';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { formatDate } from '../../lib/format';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { addMonths, todayInAmsterdam } from '../../lib/calendar';
import { useLanguage } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useCreateVolunteer, useVolunteers } from './queries';
import { splitList, useBuurtNames } from './shared';

/** A VOG counts for three years (the same rule as the server's matching). */
export function vogValid(checkedOn: string | null): boolean {
  if (!checkedOn) return false;
  return checkedOn >= addMonths(todayInAmsterdam(), -36);
}

export function VolunteersPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  useDocumentTitle(t('collective.volunteers.title'));
  const role = useSession().data?.user.role;
  const volunteers = useVolunteers();
  const buurten = useBuurtNames();
  const [adding, setAdding] = useState(false);

  return (
    <>
      <PageTitle>{t('collective.volunteers.title')}</PageTitle>
      <Paragraph lead>{t('collective.volunteers.intro')}</Paragraph>
      <ButtonGroup>
        <ButtonLink to="/vrijwilligers/koppelen" appearance="primary">
          {t('collective.match.title')}
        </ButtonLink>
      </ButtonGroup>
      {volunteers.isPending && <Loading />}
      {volunteers.isError && (
        <LoadError error={volunteers.error} onRetry={() => void volunteers.refetch()} />
      )}
      {volunteers.data && (
        <Table caption={t('collective.volunteers.caption')}>
          <TableHeader>
            <TableRow>
              <HeaderCell>{t('collective.volunteers.name')}</HeaderCell>
              <HeaderCell>{t('collective.volunteers.skills')}</HeaderCell>
              <HeaderCell>{t('collective.volunteers.buurten')}</HeaderCell>
              <HeaderCell>{t('collective.volunteers.availability')}</HeaderCell>
              <HeaderCell>{t('collective.volunteers.vog')}</HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {volunteers.data.map((v) => (
              <TableRow key={v.id}>
                <Cell>
                  {v.name}
                  {!v.active && (
                    <span className="sk-muted"> ({t('collective.volunteers.inactive')})</span>
                  )}
                </Cell>
                <Cell>{v.skills.join(', ')}</Cell>
                <Cell>
                  {v.neighbourhoodCodes.map((c) => buurten.get(c) ?? c).join(', ') || '—'}
                </Cell>
                <Cell>{v.availability.join(', ') || '—'}</Cell>
                <Cell>
                  {v.vogCheckedOn
                    ? `${formatDate(v.vogCheckedOn, language)} (${vogValid(v.vogCheckedOn) ? t('collective.volunteers.vogValid') : t('collective.volunteers.vogExpired')})`
                    : t('collective.volunteers.noVog')}
                </Cell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {role === 'team_lead' &&
        (adding ? (
          <NewVolunteer onDone={() => setAdding(false)} />
        ) : (
          <ButtonGroup>
            <Button onClick={() => setAdding(true)}>{t('collective.volunteers.new')}</Button>
          </ButtonGroup>
        ))}
    </>
  );
}

function NewVolunteer({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateVolunteer();
  const formId = 'new-volunteer';
  const [values, setValues] = useState({
    name: '',
    skills: '',
    availability: '',
    vogCheckedOn: '',
    agreements: '',
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const labels = {
    name: t('collective.volunteers.name'),
    skills: t('collective.volunteers.skills'),
    availability: t('collective.volunteers.availability'),
    vogCheckedOn: t('collective.volunteers.vogDate'),
    agreements: t('collective.volunteers.agreements'),
  };
  const errors = useFormErrors(labels, (f) => fieldId(formId, f), clientErrors, create.error);
  const set = (key: keyof typeof values) => (value: string) =>
    setValues((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!values.name.trim()) {
      setClientErrors({ name: t('form.required', { label: labels.name }) });
      return;
    }
    setClientErrors({});
    create.mutate(
      {
        name: values.name.trim(),
        skills: splitList(values.skills),
        availability: splitList(values.availability),
        vogCheckedOn: values.vogCheckedOn || null,
        agreements: values.agreements.trim(),
      },
      { onSuccess: onDone },
    );
  };
  return (
    <section aria-labelledby="new-volunteer-title" className="sk-section sk-panel">
      <Heading level={2} id="new-volunteer-title">
        {t('collective.volunteers.new')}
      </Heading>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={formId} onSubmit={submit}>
        <TextField
          id={fieldId(formId, 'name')}
          label={labels.name}
          value={values.name}
          onChange={set('name')}
          error={errors.byField.name}
          required
        />
        <TextField
          id={fieldId(formId, 'skills')}
          label={labels.skills}
          description={t('collective.commaHint')}
          value={values.skills}
          onChange={set('skills')}
          error={errors.byField.skills}
        />
        <TextField
          id={fieldId(formId, 'availability')}
          label={labels.availability}
          description={t('collective.slotsHint')}
          value={values.availability}
          onChange={set('availability')}
          error={errors.byField.availability}
        />
        <TextField
          id={fieldId(formId, 'vogCheckedOn')}
          label={labels.vogCheckedOn}
          description={t('collective.volunteers.vogHint')}
          type="date"
          size="sm"
          value={values.vogCheckedOn}
          onChange={set('vogCheckedOn')}
          error={errors.byField.vogCheckedOn}
        />
        <TextAreaField
          id={fieldId(formId, 'agreements')}
          label={labels.agreements}
          value={values.agreements}
          onChange={set('agreements')}
          error={errors.byField.agreements}
          rows={2}
        />
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={create.isPending}>
            {t('collective.save')}
          </Button>
          <Button onClick={onDone}>{t('collective.cancel')}</Button>
        </ButtonGroup>
      </Form>
    </section>
  );
}
