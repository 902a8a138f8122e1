// Wederkerigheid on the plan: what members of the household can offer others (a skill, time),
// usable when the team matches a neighbour's request.
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Notice } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldId, Form, TextField } from '../../components/FormFields';
import { Link } from '../../components/Link';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useAddOffer, useHouseholdMembers, useOffers, useTeamTrajectories } from './queries';
import { MemberPicker, splitList } from './shared';

export function OffersPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(t('collective.offers.title'));
  const trajectories = useTeamTrajectories();
  const householdId = trajectories.data?.find((tr) => tr.id === id)?.householdId;
  const members = useHouseholdMembers(householdId);
  const offers = useOffers(id);
  const names = new Map((members.data ?? []).map((m) => [m.id, `${m.givenName} ${m.familyName}`]));
  return (
    <>
      <Paragraph>
        <Link to={`/trajecten/${id}`} className="sk-back">
          {t('collective.backToTrajectory')}
        </Link>
      </Paragraph>
      <PageTitle>{t('collective.offers.title')}</PageTitle>
      <Paragraph lead>{t('collective.offers.intro')}</Paragraph>
      {offers.isPending && <Loading />}
      {offers.isError && <LoadError error={offers.error} onRetry={() => void offers.refetch()} />}
      {offers.data?.length === 0 && <Paragraph>{t('collective.offers.none')}</Paragraph>}
      {offers.data && offers.data.length > 0 && (
        <Table caption={t('collective.offers.caption')} captionHidden>
          <TableHeader>
            <TableRow>
              <HeaderCell>{t('collective.resident')}</HeaderCell>
              <HeaderCell>{t('collective.offers.skill')}</HeaderCell>
              <HeaderCell>{t('collective.offers.availability')}</HeaderCell>
              <HeaderCell>{t('collective.offers.note')}</HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {offers.data.map((o) => (
              <TableRow key={o.id}>
                <Cell>{names.get(o.residentId) ?? '—'}</Cell>
                <Cell>{o.skill}</Cell>
                <Cell>{o.availability.join(', ') || '—'}</Cell>
                <Cell>{o.note || '—'}</Cell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {householdId && <AddOffer trajectoryId={id} householdId={householdId} />}
    </>
  );
}

function AddOffer({ trajectoryId, householdId }: { trajectoryId: string; householdId: string }) {
  const { t } = useTranslation();
  const add = useAddOffer(trajectoryId);
  const formId = 'new-offer';
  const [values, setValues] = useState({ residentId: '', skill: '', availability: '', note: '' });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const labels = {
    residentId: t('collective.resident'),
    skill: t('collective.offers.skill'),
    availability: t('collective.offers.availability'),
    note: t('collective.offers.note'),
  };
  const errors = useFormErrors(labels, (f) => fieldId(formId, f), clientErrors, add.error);
  const set = (key: keyof typeof values) => (value: string) =>
    setValues((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!values.residentId) found.residentId = t('form.required', { label: labels.residentId });
    if (!values.skill.trim()) found.skill = t('form.required', { label: labels.skill });
    setClientErrors(found);
    if (Object.keys(found).length > 0) return;
    add.mutate(
      {
        residentId: values.residentId,
        skill: values.skill.trim(),
        availability: splitList(values.availability),
        note: values.note.trim(),
      },
      { onSuccess: () => setValues({ residentId: '', skill: '', availability: '', note: '' }) },
    );
  };
  return (
    <section aria-labelledby="new-offer-title" className="sk-section sk-panel">
      <Heading level={2} id="new-offer-title">
        {t('collective.offers.new')}
      </Heading>
      {add.isSuccess && (
        <Notice type="ok">
          <Paragraph>{t('collective.offers.saved')}</Paragraph>
        </Notice>
      )}
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={formId} onSubmit={submit}>
        <MemberPicker
          id={fieldId(formId, 'residentId')}
          householdId={householdId}
          value={values.residentId}
          onChange={set('residentId')}
          error={errors.byField.residentId}
        />
        <TextField
          id={fieldId(formId, 'skill')}
          label={labels.skill}
          value={values.skill}
          onChange={set('skill')}
          error={errors.byField.skill}
          required
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
          id={fieldId(formId, 'note')}
          label={labels.note}
          value={values.note}
          onChange={set('note')}
          error={errors.byField.note}
        />
        <Button appearance="primary" type="submit" busy={add.isPending}>
          {t('collective.save')}
        </Button>
      </Form>
    </section>
  );
}
