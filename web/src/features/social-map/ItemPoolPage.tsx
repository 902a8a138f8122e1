// The uitleenpool: who has which item until when, what is overdue, what is reserved for later
// days, lending an item (refused when the item is out on one of the days), taking it back and
// cancelling a reservation that has not started.
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Notice } from '../../components/Alert';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldId, Form, SelectField, TextField } from '../../components/FormFields';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { isApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { problemText } from '../../lib/problem';
import { useSession } from '../../lib/session';
import { todayInAmsterdam } from '../../lib/calendar';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import type { Item, ItemKind, Loan } from './queries';
import { ITEM_KINDS, useItemMutations, useItems, useOverdue } from './queries';
import { MemberPicker, TrajectoryPicker } from './shared';

export function ItemPoolPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  useDocumentTitle(t('collective.items.title'));
  const items = useItems();
  const overdue = useOverdue();
  const { giveBack } = useItemMutations();

  const returnButton = (loan: Loan) => (
    <Button
      onClick={() => giveBack.mutate({ loanId: loan.id, returnedOn: todayInAmsterdam() })}
      busy={giveBack.isPending && giveBack.variables.loanId === loan.id}
    >
      {t('collective.items.returned')}
      <span className="sk-visually-hidden">: {loan.itemName}</span>
    </Button>
  );

  return (
    <>
      <PageTitle>{t('collective.items.title')}</PageTitle>
      <Paragraph lead>{t('collective.items.intro')}</Paragraph>
      {items.isPending && <Loading />}
      {items.isError && <LoadError error={items.error} onRetry={() => void items.refetch()} />}
      {items.data?.length === 0 && <Paragraph>{t('collective.items.none')}</Paragraph>}
      {/* A refused return (409: a colleague recorded it already) says why, announced at once. */}
      {giveBack.isError && (
        <Alert type="error">
          <Paragraph>
            {problemText(isApiError(giveBack.error) ? giveBack.error.problem : {}, language) ??
              t('form.saveFailed')}
          </Paragraph>
        </Alert>
      )}
      {items.data && items.data.length > 0 && (
        <Table caption={t('collective.items.caption')}>
          <TableHeader>
            <TableRow>
              <HeaderCell>{t('collective.items.name')}</HeaderCell>
              <HeaderCell>{t('collective.items.kind')}</HeaderCell>
              <HeaderCell>{t('collective.items.with')}</HeaderCell>
              <HeaderCell>{t('collective.items.until')}</HeaderCell>
              <HeaderCell>
                <span className="sk-visually-hidden">{t('collective.actions')}</span>
              </HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.data.map((item) => (
              <TableRow key={item.id}>
                <Cell>
                  {item.name}
                  {item.description && (
                    <span className="sk-muted sk-collective-note">{item.description}</span>
                  )}
                </Cell>
                <Cell>{t(`collective.itemKinds.${item.kind}`)}</Cell>
                <Cell>{item.currentLoan?.residentName ?? t('collective.items.available')}</Cell>
                <Cell>
                  {item.currentLoan && (
                    <>
                      {formatDate(item.currentLoan.untilDate, language)}
                      {item.currentLoan.overdue && (
                        <strong className="sk-collective-overdue">
                          {' '}
                          {t('collective.items.overdue')}
                        </strong>
                      )}
                    </>
                  )}
                </Cell>
                <Cell>{item.currentLoan && returnButton(item.currentLoan)}</Cell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <section aria-labelledby="overdue-title" className="sk-section">
        <Heading level={2} id="overdue-title">
          {t('collective.items.overdueTitle')}
        </Heading>
        {overdue.data?.length === 0 && <Paragraph>{t('collective.items.noneOverdue')}</Paragraph>}
        {overdue.data && overdue.data.length > 0 && (
          <ul className="sk-inline-list">
            {overdue.data.map((loan) => (
              <li key={loan.id}>
                {t('collective.items.overdueLine', {
                  item: loan.itemName,
                  name: loan.residentName,
                  until: formatDate(loan.untilDate, language),
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
      {items.data && <Reservations items={items.data} />}
      {items.data && items.data.length > 0 && <Lend />}
      <NewItem />
    </>
  );
}

/** The loans booked for later days, soonest first, each with a button to cancel it. */
function Reservations({ items }: { items: Item[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { cancel } = useItemMutations();
  const [cancelled, setCancelled] = useState<Loan | null>(null);
  const reservations = items
    .flatMap((item) => item.reservations)
    .sort((a, b) => a.fromDate.localeCompare(b.fromDate));
  return (
    <section aria-labelledby="reservations-title" className="sk-section">
      <Heading level={2} id="reservations-title">
        {t('collective.items.reservationsTitle')}
      </Heading>
      {cancelled && (
        <Notice type="ok">
          <Paragraph>
            {t('collective.items.reservationCancelled', {
              item: cancelled.itemName,
              name: cancelled.residentName,
            })}
          </Paragraph>
        </Notice>
      )}
      {cancel.isError && (
        <Alert type="error">
          <Paragraph>
            {problemText(isApiError(cancel.error) ? cancel.error.problem : {}, language) ??
              t('form.saveFailed')}
          </Paragraph>
        </Alert>
      )}
      {reservations.length === 0 ? (
        <Paragraph>{t('collective.items.noneReserved')}</Paragraph>
      ) : (
        <Table caption={t('collective.items.reservationsTitle')} captionHidden>
          <TableHeader>
            <TableRow>
              <HeaderCell>{t('collective.items.item')}</HeaderCell>
              <HeaderCell>{t('collective.items.for')}</HeaderCell>
              <HeaderCell>{t('collective.items.from')}</HeaderCell>
              <HeaderCell>{t('collective.items.until')}</HeaderCell>
              <HeaderCell>
                <span className="sk-visually-hidden">{t('collective.actions')}</span>
              </HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {reservations.map((loan) => (
              <TableRow key={loan.id}>
                <Cell>{loan.itemName}</Cell>
                <Cell>{loan.residentName}</Cell>
                <Cell>{formatDate(loan.fromDate, language)}</Cell>
                <Cell>{formatDate(loan.untilDate, language)}</Cell>
                <Cell>
                  <Button
                    onClick={() =>
                      cancel.mutate(loan.id, { onSuccess: (result) => setCancelled(result) })
                    }
                    busy={cancel.isPending && cancel.variables === loan.id}
                  >
                    {t('collective.items.cancelReservation')}
                    <span className="sk-visually-hidden">
                      : {loan.itemName}, {loan.residentName}, {formatDate(loan.fromDate, language)}
                    </span>
                  </Button>
                </Cell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

function Lend() {
  const { t } = useTranslation();
  const items = useItems();
  const { lend } = useItemMutations();
  const formId = 'lend-item';
  const [values, setValues] = useState({
    itemId: '',
    trajectoryId: '',
    householdId: '',
    residentId: '',
    fromDate: todayInAmsterdam(),
    untilDate: '',
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const labels = {
    itemId: t('collective.items.item'),
    trajectoryId: t('collective.trajectory'),
    residentId: t('collective.resident'),
    fromDate: t('collective.items.from'),
    untilDate: t('collective.items.until'),
  };
  const errors = useFormErrors(labels, (f) => fieldId(formId, f), clientErrors, lend.error);
  const set = (key: keyof typeof values) => (value: string) =>
    setValues((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    for (const key of ['itemId', 'trajectoryId', 'residentId', 'fromDate', 'untilDate'] as const)
      if (!values[key]) found[key] = t('form.required', { label: labels[key] });
    setClientErrors(found);
    if (Object.keys(found).length > 0) return;
    lend.mutate({
      itemId: values.itemId,
      body: {
        trajectoryId: values.trajectoryId,
        residentId: values.residentId,
        fromDate: values.fromDate,
        untilDate: values.untilDate,
      },
    });
  };
  return (
    <section aria-labelledby="lend-title" className="sk-section sk-panel">
      <Heading level={2} id="lend-title">
        {t('collective.items.lendTitle')}
      </Heading>
      {lend.isSuccess && (
        <Notice type="ok">
          <Paragraph>
            {t('collective.items.lent', { item: lend.data.itemName, name: lend.data.residentName })}
          </Paragraph>
        </Notice>
      )}
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={formId} onSubmit={submit}>
        <SelectField
          id={fieldId(formId, 'itemId')}
          label={labels.itemId}
          value={values.itemId}
          placeholder={t('form.chooseOne')}
          onChange={set('itemId')}
          options={(items.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
          error={errors.byField.itemId}
          required
        />
        <TrajectoryPicker
          id={fieldId(formId, 'trajectoryId')}
          value={values.trajectoryId}
          onChange={(trajectoryId, householdId) =>
            setValues((v) => ({ ...v, trajectoryId, householdId, residentId: '' }))
          }
          error={errors.byField.trajectoryId}
        />
        <MemberPicker
          id={fieldId(formId, 'residentId')}
          householdId={values.householdId}
          value={values.residentId}
          onChange={set('residentId')}
          error={errors.byField.residentId}
        />
        <div className="sk-field-row">
          <TextField
            id={fieldId(formId, 'fromDate')}
            label={labels.fromDate}
            type="date"
            size="sm"
            value={values.fromDate}
            onChange={set('fromDate')}
            error={errors.byField.fromDate}
            required
          />
          <TextField
            id={fieldId(formId, 'untilDate')}
            label={labels.untilDate}
            type="date"
            size="sm"
            value={values.untilDate}
            onChange={set('untilDate')}
            error={errors.byField.untilDate}
            required
          />
        </div>
        <Button appearance="primary" type="submit" busy={lend.isPending}>
          {t('collective.items.lend')}
        </Button>
      </Form>
    </section>
  );
}

function NewItem() {
  const { t } = useTranslation();
  const session = useSession();
  const { create } = useItemMutations();
  const [open, setOpen] = useState(false);
  const formId = 'new-item';
  const [values, setValues] = useState({
    kind: 'mobility_scooter' as ItemKind,
    name: '',
    description: '',
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const labels = {
    kind: t('collective.items.kind'),
    name: t('collective.items.name'),
    description: t('collective.items.description'),
  };
  const errors = useFormErrors(labels, (f) => fieldId(formId, f), clientErrors, create.error);
  if (!open)
    return (
      <ButtonGroup>
        <Button onClick={() => setOpen(true)}>{t('collective.items.new')}</Button>
      </ButtonGroup>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!values.name.trim()) {
      setClientErrors({ name: t('form.required', { label: labels.name }) });
      return;
    }
    setClientErrors({});
    create.mutate(
      {
        teamId: session.data?.user.teamIds[0] ?? '',
        kind: values.kind,
        name: values.name.trim(),
        description: values.description.trim(),
      },
      { onSuccess: () => setOpen(false) },
    );
  };
  return (
    <section aria-labelledby="new-item-title" className="sk-section sk-panel">
      <Heading level={2} id="new-item-title">
        {t('collective.items.new')}
      </Heading>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={formId} onSubmit={submit}>
        <SelectField
          id={fieldId(formId, 'kind')}
          label={labels.kind}
          value={values.kind}
          onChange={(kind) => setValues((v) => ({ ...v, kind: kind as ItemKind }))}
          options={ITEM_KINDS.map((k) => ({ value: k, label: t(`collective.itemKinds.${k}`) }))}
          required
        />
        <TextField
          id={fieldId(formId, 'name')}
          label={labels.name}
          value={values.name}
          onChange={(name) => setValues((v) => ({ ...v, name }))}
          error={errors.byField.name}
          required
        />
        <TextField
          id={fieldId(formId, 'description')}
          label={labels.description}
          value={values.description}
          onChange={(description) => setValues((v) => ({ ...v, description }))}
          error={errors.byField.description}
        />
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={create.isPending}>
            {t('collective.save')}
          </Button>
          <Button onClick={() => setOpen(false)}>{t('collective.cancel')}</Button>
        </ButtonGroup>
      </Form>
    </section>
  );
}
