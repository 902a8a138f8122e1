import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldId, Form, TextField } from '../../components/FormFields';
import { ExternalLink } from '../../components/Link';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { canAdminister } from '../../lib/access';
import { compareText } from '../../lib/format';
import type { FieldErrors } from '../../lib/forms';
import { isEmail, useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useCreateOrganisation, useOrganisations } from './queries';

export function OrganisationsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  useDocumentTitle(t('organisations.title'));
  const role = useSession().data?.user.role;
  const organisations = useOrganisations();

  return (
    <>
      <PageTitle>{t('organisations.title')}</PageTitle>
      <Paragraph lead>{t('organisations.intro')}</Paragraph>
      {organisations.isPending && <Loading />}
      {organisations.isError && (
        <LoadError error={organisations.error} onRetry={() => void organisations.refetch()} />
      )}
      {organisations.data?.length === 0 && <Paragraph>{t('organisations.empty')}</Paragraph>}
      {organisations.data && organisations.data.length > 0 && (
        <Table caption={t('organisations.caption')} captionHidden>
          <TableHeader>
            <TableRow>
              <HeaderCell>{t('organisations.name')}</HeaderCell>
              <HeaderCell>{t('organisations.contact')}</HeaderCell>
              <HeaderCell>{t('organisations.email')}</HeaderCell>
              <HeaderCell>{t('organisations.phone')}</HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {[...organisations.data]
              .sort((a, b) => compareText(a.name, b.name, language))
              .map((organisation) => (
                <TableRow key={organisation.id}>
                  <Cell>{organisation.name}</Cell>
                  <Cell>{organisation.accountContact.name}</Cell>
                  <Cell>
                    {organisation.accountContact.email && (
                      <ExternalLink href={`mailto:${organisation.accountContact.email}`}>
                        {organisation.accountContact.email}
                      </ExternalLink>
                    )}
                  </Cell>
                  <Cell>
                    {organisation.accountContact.phone && (
                      <ExternalLink
                        href={`tel:${organisation.accountContact.phone.replace(/[^+\d]/g, '')}`}
                      >
                        {organisation.accountContact.phone}
                      </ExternalLink>
                    )}
                  </Cell>
                </TableRow>
              ))}
          </TableBody>
        </Table>
      )}
      {canAdminister(role) && <NewOrganisation />}
    </>
  );
}

const FORM_ID = 'new-organisation';
const EMPTY = { name: '', contactName: '', contactEmail: '', contactPhone: '' };

function NewOrganisation() {
  const { t } = useTranslation();
  const create = useCreateOrganisation();
  const [values, setValues] = useState(EMPTY);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<string | null>(null);

  const labels = {
    name: t('organisations.name'),
    'accountContact.name': t('organisations.contactName'),
    'accountContact.email': t('organisations.contactEmail'),
    'accountContact.phone': t('organisations.contactPhone'),
  };
  const errors = useFormErrors(
    labels,
    (field) => fieldId(FORM_ID, field),
    clientErrors,
    create.error,
  );
  const set = (key: keyof typeof EMPTY) => (value: string) =>
    setValues((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    const required = (field: keyof typeof labels, value: string) => {
      if (!value.trim()) found[field] = t('form.required', { label: labels[field] });
    };
    required('name', values.name);
    required('accountContact.name', values.contactName);
    required('accountContact.email', values.contactEmail);
    if (values.contactEmail.trim() && !isEmail(values.contactEmail)) {
      found['accountContact.email'] = t('form.invalidEmail', {
        label: labels['accountContact.email'],
      });
    }
    required('accountContact.phone', values.contactPhone);
    setClientErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(
      {
        name: values.name.trim(),
        accountContact: {
          name: values.contactName.trim(),
          email: values.contactEmail.trim(),
          phone: values.contactPhone.trim(),
        },
      },
      {
        onSuccess: (organisation) => {
          setCreated(organisation.name);
          setValues(EMPTY);
        },
      },
    );
  };

  return (
    <section aria-labelledby="new-organisation-title" className="sk-section sk-panel">
      <Heading level={2} id="new-organisation-title">
        {t('organisations.newTitle')}
      </Heading>
      {created && (
        <Alert type="ok">
          <Paragraph>{t('organisations.created', { name: created })}</Paragraph>
        </Alert>
      )}
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={FORM_ID} onSubmit={submit}>
        <TextField
          id={fieldId(FORM_ID, 'name')}
          label={labels.name}
          required
          value={values.name}
          onChange={set('name')}
          error={errors.byField.name}
        />
        <TextField
          id={fieldId(FORM_ID, 'accountContact.name')}
          label={labels['accountContact.name']}
          required
          autoComplete="off"
          value={values.contactName}
          onChange={set('contactName')}
          error={errors.byField['accountContact.name']}
        />
        <TextField
          id={fieldId(FORM_ID, 'accountContact.email')}
          label={labels['accountContact.email']}
          type="email"
          required
          autoComplete="off"
          value={values.contactEmail}
          onChange={set('contactEmail')}
          error={errors.byField['accountContact.email']}
        />
        <TextField
          id={fieldId(FORM_ID, 'accountContact.phone')}
          label={labels['accountContact.phone']}
          type="tel"
          required
          autoComplete="off"
          size="md"
          value={values.contactPhone}
          onChange={set('contactPhone')}
          error={errors.byField['accountContact.phone']}
        />
        <Button appearance="primary" type="submit" busy={create.isPending}>
          {t('organisations.create')}
        </Button>
      </Form>
    </section>
  );
}
