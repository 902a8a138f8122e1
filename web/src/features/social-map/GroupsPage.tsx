// The groups the team runs (a coffee morning, the administration class): places taken, the
// waiting list and the next session at a glance, and starting a new group.
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import {
  CheckboxGroup,
  fieldId,
  Form,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/FormFields';
import { Link } from '../../components/Link';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { LIFE_DOMAINS } from '../../lib/api-types';
import { formatDateTime } from '../../lib/format';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import type { GroupInput, GroupKind } from './queries';
import { GROUP_KINDS, useCreateGroup, useGroups, useNeighbourhoods } from './queries';

export function GroupsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  useDocumentTitle(t('collective.groups.title'));
  const groups = useGroups();
  const [adding, setAdding] = useState(false);

  return (
    <>
      <PageTitle>{t('collective.groups.title')}</PageTitle>
      <Paragraph lead>{t('collective.groups.intro')}</Paragraph>
      {groups.isPending && <Loading />}
      {groups.isError && <LoadError error={groups.error} onRetry={() => void groups.refetch()} />}
      {groups.data?.length === 0 && <Paragraph>{t('collective.groups.none')}</Paragraph>}
      {groups.data && groups.data.length > 0 && (
        <Table caption={t('collective.groups.caption')} captionHidden>
          <TableHeader>
            <TableRow>
              <HeaderCell>{t('collective.groups.name')}</HeaderCell>
              <HeaderCell>{t('collective.groups.kind')}</HeaderCell>
              <HeaderCell>{t('collective.buurt')}</HeaderCell>
              <HeaderCell numeric>{t('collective.groups.places')}</HeaderCell>
              <HeaderCell numeric>{t('collective.groups.waiting')}</HeaderCell>
              <HeaderCell>{t('collective.groups.nextSession')}</HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {groups.data.map((g) => (
              <TableRow key={g.id}>
                <Cell>
                  <Link to={`/groepen/${g.id}`}>{g.name}</Link>
                  {!g.active && (
                    <span className="sk-muted"> ({t('collective.groups.stopped')})</span>
                  )}
                </Cell>
                <Cell>{t(`collective.groupKinds.${g.kind}`)}</Cell>
                <Cell>{g.neighbourhoodName ?? '—'}</Cell>
                <Cell numeric>
                  {t('collective.groups.placesOf', { taken: g.participants, capacity: g.capacity })}
                </Cell>
                <Cell numeric>{g.waiting}</Cell>
                <Cell>{g.nextSessionAt ? formatDateTime(g.nextSessionAt, language) : '—'}</Cell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {adding ? (
        <NewGroup onDone={() => setAdding(false)} />
      ) : (
        <ButtonGroup>
          <Button onClick={() => setAdding(true)}>{t('collective.groups.new')}</Button>
        </ButtonGroup>
      )}
    </>
  );
}

const EMPTY = {
  kind: 'coffee_morning' as GroupKind,
  name: '',
  description: '',
  lifeDomains: [] as string[],
  neighbourhoodCode: '',
  capacity: '12',
};

function NewGroup({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const create = useCreateGroup();
  const neighbourhoods = useNeighbourhoods();
  const formId = 'new-group';
  const [values, setValues] = useState(EMPTY);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const labels = {
    kind: t('collective.groups.kind'),
    name: t('collective.groups.name'),
    description: t('collective.groups.description'),
    lifeDomains: t('collective.lifeDomains'),
    neighbourhoodCode: t('collective.buurt'),
    capacity: t('collective.groups.capacity'),
    teamId: t('collective.team'),
  };
  const errors = useFormErrors(
    labels,
    (field) => fieldId(formId, field),
    clientErrors,
    create.error,
  );
  const set = (key: keyof typeof EMPTY) => (value: string | string[]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!values.name.trim()) found.name = t('form.required', { label: labels.name });
    const capacity = Number(values.capacity);
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 1000)
      found.capacity = t('form.invalidNumber', { label: labels.capacity, min: 1, max: 1000 });
    setClientErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(
      {
        teamId: session.data?.user.teamIds[0] ?? '',
        kind: values.kind,
        name: values.name.trim(),
        description: values.description.trim(),
        lifeDomains: values.lifeDomains as GroupInput['lifeDomains'],
        neighbourhoodCode: values.neighbourhoodCode || null,
        capacity,
      },
      { onSuccess: onDone },
    );
  };

  return (
    <section aria-labelledby="new-group-title" className="sk-section sk-panel">
      <Heading level={2} id="new-group-title">
        {t('collective.groups.new')}
      </Heading>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={formId} onSubmit={submit}>
        <SelectField
          id={fieldId(formId, 'kind')}
          label={labels.kind}
          value={values.kind}
          onChange={set('kind')}
          options={GROUP_KINDS.map((k) => ({ value: k, label: t(`collective.groupKinds.${k}`) }))}
          error={errors.byField.kind}
          required
        />
        <TextField
          id={fieldId(formId, 'name')}
          label={labels.name}
          value={values.name}
          onChange={set('name')}
          error={errors.byField.name}
          required
        />
        <TextAreaField
          id={fieldId(formId, 'description')}
          label={labels.description}
          value={values.description}
          onChange={set('description')}
          error={errors.byField.description}
          rows={3}
        />
        <CheckboxGroup
          id={fieldId(formId, 'lifeDomains')}
          legend={labels.lifeDomains}
          selected={values.lifeDomains}
          onChange={set('lifeDomains')}
          error={errors.byField.lifeDomains}
          groups={[
            {
              key: 'all',
              options: LIFE_DOMAINS.map((d) => ({ value: d, label: t(`lifeDomains.${d}`) })),
            },
          ]}
        />
        <SelectField
          id={fieldId(formId, 'neighbourhoodCode')}
          label={labels.neighbourhoodCode}
          value={values.neighbourhoodCode}
          placeholder={t('collective.wholeCity')}
          onChange={set('neighbourhoodCode')}
          options={(neighbourhoods.data ?? []).map((n) => ({ value: n.code, label: n.name }))}
          error={errors.byField.neighbourhoodCode}
        />
        <TextField
          id={fieldId(formId, 'capacity')}
          label={labels.capacity}
          inputMode="numeric"
          size="sm"
          value={values.capacity}
          onChange={set('capacity')}
          error={errors.byField.capacity}
          required
        />
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={create.isPending}>
            {t('collective.groups.create')}
          </Button>
          <Button onClick={onDone}>{t('collective.cancel')}</Button>
        </ButtonGroup>
      </Form>
    </section>
  );
}
