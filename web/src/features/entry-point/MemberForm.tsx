// A partner or child who joins the household, and a member's corrected details. The BSN is only
// typed, never shown back: in a correction an empty BSN field changes nothing.
import type { TFunction } from 'i18next';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Alert';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldId, Form, TextField } from '../../components/FormFields';
import { Heading, Paragraph } from '../../components/Typography';
import { ApiError } from '../../lib/api';
import type { Household } from '../../lib/api-types';
import { todayInAmsterdam } from '../../lib/calendar';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { editedFields, rebaseValues } from './formBase';
import { fullName } from './format';
import type { HouseholdEditing } from './HouseholdEditing';
import {
  isVersionConflict,
  Reloaded,
  useFocusOnOpen,
  useStartVersion,
  VersionConflict,
  withoutVersionConflict,
} from './HouseholdEditing';
import type { MemberCorrection } from './queries';
import { useAddMember, useCorrectMember } from './queries';

type Member = Household['members'][number];

interface MemberValues {
  givenName: string;
  familyName: string;
  birthDate: string;
  bsn: string;
}

const EMPTY_MEMBER: MemberValues = { givenName: '', familyName: '', birthDate: '', bsn: '' };

/** "123.456.782" and "123 456 782" are the same BSN. */
const compactBsn = (value: string) => value.replace(/[\s.-]/g, '');

/** The server's 409 for a person with this name and birth date recorded already. */
const isSameNameConflict = (error: unknown): boolean =>
  error instanceof ApiError &&
  error.status === 409 &&
  (error.problem.invalidParams ?? []).some((param) => param.name === 'confirmedNew');

type MemberLabels = Record<keyof MemberValues, string>;

/** Field name (as the API names it) -> label, in the order of the form. */
function memberLabels(t: TFunction): MemberLabels {
  return {
    givenName: t('entry.newRegistration.givenName'),
    familyName: t('entry.newRegistration.familyName'),
    birthDate: t('entry.newRegistration.birthDate'),
    bsn: t('entry.newRegistration.bsn'),
  };
}

/** Names are required: a member is recorded with both. */
function checkNames(values: MemberValues, labels: MemberLabels, t: TFunction): FieldErrors {
  const found: FieldErrors = {};
  for (const field of ['givenName', 'familyName'] as const) {
    if (!values[field].trim()) found[field] = t('form.required', { label: labels[field] });
  }
  return found;
}

function MemberFields({
  formId,
  values,
  onChange,
  errors,
  bsnHint,
}: {
  formId: string;
  values: MemberValues;
  onChange: (values: MemberValues) => void;
  errors: FieldErrors;
  bsnHint: string;
}) {
  const { t } = useTranslation();
  const labels = memberLabels(t);
  const set = (key: keyof MemberValues) => (value: string) => onChange({ ...values, [key]: value });
  return (
    <>
      <div className="sk-field-row">
        <TextField
          id={fieldId(formId, 'givenName')}
          label={labels.givenName}
          autoComplete="off"
          size="md"
          value={values.givenName}
          onChange={set('givenName')}
          error={errors.givenName}
        />
        <TextField
          id={fieldId(formId, 'familyName')}
          label={labels.familyName}
          autoComplete="off"
          size="md"
          value={values.familyName}
          onChange={set('familyName')}
          error={errors.familyName}
        />
      </div>
      <div className="sk-field-row">
        <TextField
          id={fieldId(formId, 'birthDate')}
          label={labels.birthDate}
          type="date"
          size="md"
          max={todayInAmsterdam()}
          value={values.birthDate}
          onChange={set('birthDate')}
          error={errors.birthDate}
        />
        <TextField
          id={fieldId(formId, 'bsn')}
          label={labels.bsn}
          description={bsnHint}
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          size="md"
          value={values.bsn}
          onChange={set('bsn')}
          error={errors.bsn}
        />
      </div>
    </>
  );
}

export const ADD_MEMBER_FORM = 'add-member';

/**
 * A new member. A person with the same name and birth date recorded already is a question, not a
 * refusal: the worker checks and adds anyway ("Toch toevoegen") when it is someone else.
 */
export function AddMemberForm({
  editing,
  onClose,
}: {
  editing: HouseholdEditing;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const add = useAddMember(editing.household.id);
  const labels = memberLabels(t);
  const [values, setValues] = useState<MemberValues>(EMPTY_MEMBER);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [reloaded, setReloaded] = useState(false);
  const start = useStartVersion(editing, () => {
    add.reset();
    setReloaded(true);
  });
  useFocusOnOpen(fieldId(ADD_MEMBER_FORM, 'givenName'));
  const sameName = isSameNameConflict(add.error);
  const errors = useFormErrors(
    labels,
    (field) => fieldId(ADD_MEMBER_FORM, field),
    clientErrors,
    sameName ? null : withoutVersionConflict(add.error),
  );

  const send = (confirmedNew: boolean) => {
    setReloaded(false);
    const found = checkNames(values, labels, t);
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      add.reset();
      return;
    }
    const version = start.version;
    const bsn = compactBsn(values.bsn);
    const name = fullName({ givenName: values.givenName.trim(), familyName: values.familyName });
    add.mutate(
      {
        version,
        givenName: values.givenName.trim(),
        familyName: values.familyName.trim(),
        ...(values.birthDate ? { birthDate: values.birthDate } : {}),
        ...(bsn ? { bsn } : {}),
        ...(confirmedNew ? { confirmedNew: true } : {}),
      },
      {
        onSuccess: (changed) =>
          editing.saved(version, changed, t('entry.householdChanges.memberAdded', { name })),
      },
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    send(false);
  };

  return (
    <section aria-labelledby={`${ADD_MEMBER_FORM}-title`} className="sk-panel sk-household-form">
      <Heading level={3} id={`${ADD_MEMBER_FORM}-title`}>
        {t('entry.householdChanges.addMemberTitle')}
      </Heading>
      <ErrorSummary items={errors.summary} general={errors.general} />
      {isVersionConflict(add.error) && (
        <VersionConflict onReload={start.reload} reloading={start.reloading} />
      )}
      {reloaded && <Reloaded />}
      {sameName && (
        <Notice type="warning">
          <Paragraph>{t('entry.householdChanges.sameName')}</Paragraph>
          <ButtonGroup>
            <Button appearance="primary" busy={add.isPending} onClick={() => send(true)}>
              {t('entry.householdChanges.addAnyway')}
            </Button>
          </ButtonGroup>
        </Notice>
      )}
      <Form id={ADD_MEMBER_FORM} onSubmit={submit}>
        <MemberFields
          formId={ADD_MEMBER_FORM}
          values={values}
          onChange={(next) => {
            setValues(next);
            // "Toch toevoegen" was about the name and birth date as they were: ask again.
            if (sameName) add.reset();
          }}
          errors={errors.byField}
          bsnHint={t('entry.newRegistration.bsnHint')}
        />
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={add.isPending && !sameName}>
            {t('entry.householdChanges.addMemberSave')}
          </Button>
          <Button appearance="secondary" onClick={onClose}>
            {t('entry.householdChanges.cancel')}
          </Button>
        </ButtonGroup>
      </Form>
    </section>
  );
}

export const correctFormId = (member: Member) => `correct-member-${member.id}`;

/** A member's recorded details as the correction form shows them (the BSN is never shown). */
const correctionValuesOf = (member: Member): MemberValues => ({
  givenName: member.givenName,
  familyName: member.familyName,
  birthDate: member.birthDate ?? '',
  bsn: '',
});

/** A member's corrected names, birth date or BSN: only what was changed is sent. */
export function CorrectMemberForm({
  editing,
  member,
  onClose,
}: {
  editing: HouseholdEditing;
  member: Member;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const formId = correctFormId(member);
  const correct = useCorrectMember(editing.household.id, member.id);
  const labels = memberLabels(t);
  // What the worker saw when the form opened (or when they read the household again): the
  // correction is what they changed from that, never what the page shows now (after a conflict,
  // that is a colleague's change, which an unchanged field must not undo).
  const [base, setBase] = useState<MemberValues>(() => correctionValuesOf(member));
  const [values, setValues] = useState<MemberValues>(base);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string>();
  const [reloaded, setReloaded] = useState(false);
  const start = useStartVersion(editing, (household) => {
    correct.reset();
    setReloaded(true);
    const now = household.members.find((item) => item.id === member.id);
    if (!now) return;
    const newer = correctionValuesOf(now);
    setValues((typed) => rebaseValues(typed, base, newer));
    setBase(newer);
  });
  useFocusOnOpen(fieldId(formId, 'givenName'));
  const errors = useFormErrors(
    labels,
    (field) => fieldId(formId, field),
    clientErrors,
    withoutVersionConflict(correct.error),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setReloaded(false);
    setGeneral(undefined);
    const found = checkNames(values, labels, t);
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      correct.reset();
      return;
    }
    const changes: Omit<MemberCorrection, 'version'> = {};
    const givenName = values.givenName.trim();
    const familyName = values.familyName.trim();
    const edited = new Set(editedFields(values, base));
    if (edited.has('givenName') && givenName !== base.givenName) changes.givenName = givenName;
    if (edited.has('familyName') && familyName !== base.familyName) changes.familyName = familyName;
    // An emptied birth date clears it.
    if (edited.has('birthDate')) changes.birthDate = values.birthDate || null;
    const bsn = compactBsn(values.bsn);
    if (bsn) changes.bsn = bsn;
    if (Object.keys(changes).length === 0) {
      correct.reset();
      setGeneral(t('entry.householdChanges.nothingChanged'));
      return;
    }
    const version = start.version;
    const name = fullName({ givenName, familyName });
    correct.mutate(
      { version, ...changes },
      {
        onSuccess: (changed) =>
          editing.saved(version, changed, t('entry.householdChanges.memberCorrected', { name })),
      },
    );
  };

  return (
    <section
      aria-labelledby={`${formId}-title`}
      className="sk-household-form sk-household-form--row"
    >
      <Heading level={3} id={`${formId}-title`}>
        {t('entry.householdChanges.correctTitle', { name: fullName(member) })}
      </Heading>
      <ErrorSummary items={errors.summary} general={errors.general ?? general} />
      {isVersionConflict(correct.error) && (
        <VersionConflict onReload={start.reload} reloading={start.reloading} />
      )}
      {reloaded && <Reloaded />}
      <Form id={formId} onSubmit={submit}>
        <MemberFields
          formId={formId}
          values={values}
          onChange={setValues}
          errors={errors.byField}
          bsnHint={
            member.bsnKnown
              ? t('entry.householdChanges.bsnCorrectHint')
              : t('entry.householdChanges.bsnAddHint')
          }
        />
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={correct.isPending}>
            {t('entry.householdChanges.correctSave')}
          </Button>
          <Button appearance="secondary" onClick={onClose}>
            {t('entry.householdChanges.cancel')}
          </Button>
        </ButtonGroup>
      </Form>
    </section>
  );
}
