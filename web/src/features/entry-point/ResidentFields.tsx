// The resident part of a registration: name, birth date, BSN, contact details, address and buurt.
// Field names follow the API ("resident.address.postcode"), so the server's invalidParams land
// next to the right input. The address part (AddressFields) also stands alone, for a household's
// move (HouseholdAddressForm), where the API names the fields without "resident.".
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Fieldset, FieldsetLegend } from '@utrecht/component-library-react';
import { fieldId, SelectField, TextField } from '../../components/FormFields';
import { Paragraph } from '../../components/Typography';
import type { ResidentCreate } from '../../lib/api-types';
import type { FieldErrors } from '../../lib/forms';

export interface ResidentValues {
  givenName: string;
  familyName: string;
  birthDate: string;
  bsn: string;
  phone: string;
  email: string;
  postcode: string;
  houseNumber: string;
  houseLetter: string;
  houseNumberAddition: string;
  street: string;
  city: string;
  neighbourhoodCode: string;
}

export const EMPTY_RESIDENT: ResidentValues = {
  givenName: '',
  familyName: '',
  birthDate: '',
  bsn: '',
  phone: '',
  email: '',
  postcode: '',
  houseNumber: '',
  houseLetter: '',
  houseNumberAddition: '',
  street: '',
  city: '',
  neighbourhoodCode: '',
};

/** The address and buurt of a household, as typed. */
export type AddressValues = Pick<
  ResidentValues,
  | 'postcode'
  | 'houseNumber'
  | 'houseLetter'
  | 'houseNumberAddition'
  | 'street'
  | 'city'
  | 'neighbourhoodCode'
>;

/**
 * Address field name (as the API names it, after `prefix`: "resident." in a registration,
 * nothing for a household) -> label, in the order of the form.
 */
export function addressLabels(t: TFunction, prefix = ''): Record<string, string> {
  return {
    [`${prefix}address.postcode`]: t('entry.newRegistration.postcode'),
    [`${prefix}address.houseNumber`]: t('entry.newRegistration.houseNumber'),
    [`${prefix}address.houseLetter`]: t('entry.newRegistration.houseLetter'),
    [`${prefix}address.houseNumberAddition`]: t('entry.newRegistration.houseNumberAddition'),
    [`${prefix}address.street`]: t('entry.newRegistration.street'),
    [`${prefix}address.city`]: t('entry.newRegistration.city'),
    [`${prefix}address`]: t('entry.newRegistration.addressLegend'),
    [`${prefix}neighbourhoodCode`]: t('entry.newRegistration.neighbourhood'),
  };
}

/** Field name (as the API names it) -> label, in the order of the form. */
export function residentLabels(t: TFunction, withAddress: boolean): Record<string, string> {
  const labels: Record<string, string> = {
    'resident.givenName': t('entry.newRegistration.givenName'),
    'resident.familyName': t('entry.newRegistration.familyName'),
    'resident.birthDate': t('entry.newRegistration.birthDate'),
    'resident.bsn': t('entry.newRegistration.bsn'),
    'resident.phone': t('entry.newRegistration.phone'),
    'resident.email': t('entry.newRegistration.email'),
  };
  if (withAddress) Object.assign(labels, addressLabels(t, 'resident.'));
  return labels;
}

export const hasPerson = (values: ResidentValues): boolean =>
  (Object.keys(values) as (keyof ResidentValues)[]).some(
    (key) => key !== 'neighbourhoodCode' && values[key].trim() !== '',
  );

export const hasAddress = (values: AddressValues): boolean =>
  Boolean(values.postcode.trim() || values.houseNumber.trim());

/** Our own checks: complete sentences, keyed by the API's field names. */
export function checkResident(values: ResidentValues, t: TFunction): FieldErrors {
  const found: FieldErrors = {};
  if (!hasPerson(values)) return found;
  for (const field of ['givenName', 'familyName'] as const) {
    if (!values[field].trim()) {
      found[`resident.${field}`] = t('form.required', {
        label: t(`entry.newRegistration.${field}`),
      });
    }
  }
  return { ...found, ...checkAddress(values, t, 'resident.') };
}

/** Our checks of an address that was begun: postcode and a house number from 1. */
export function checkAddress(values: AddressValues, t: TFunction, prefix = ''): FieldErrors {
  const found: FieldErrors = {};
  if (!hasAddress(values)) return found;
  if (!values.postcode.trim()) {
    found[`${prefix}address.postcode`] = t('form.required', {
      label: t('entry.newRegistration.postcode'),
    });
  }
  const number = values.houseNumber.trim();
  if (!number) {
    found[`${prefix}address.houseNumber`] = t('form.required', {
      label: t('entry.newRegistration.houseNumber'),
    });
  } else if (!/^\d{1,5}$/.test(number) || Number(number) < 1) {
    found[`${prefix}address.houseNumber`] = t('entry.newRegistration.invalidHouseNumber');
  }
  return found;
}

const optional = (value: string) => (value.trim() ? value.trim() : undefined);

/** The resident as the API takes it; undefined when nothing about a person was filled in. */
export function toResidentInput(
  values: ResidentValues,
  withAddress = true,
): ResidentCreate | undefined {
  if (!hasPerson(values)) return undefined;
  const resident: ResidentCreate = {
    givenName: values.givenName.trim(),
    familyName: values.familyName.trim(),
  };
  const set = <K extends keyof ResidentCreate>(key: K, value: ResidentCreate[K] | undefined) => {
    if (value !== undefined) resident[key] = value;
  };
  set('birthDate', optional(values.birthDate));
  set('bsn', optional(values.bsn.replace(/[\s.-]/g, '')));
  set('phone', optional(values.phone));
  set('email', optional(values.email));
  if (withAddress) {
    set('address', toAddressInput(values));
    set('neighbourhoodCode', optional(values.neighbourhoodCode));
  }
  return resident;
}

/** The address as the API takes it; undefined when none was begun. */
export function toAddressInput(
  values: AddressValues,
): NonNullable<ResidentCreate['address']> | undefined {
  if (!hasAddress(values)) return undefined;
  const address: NonNullable<ResidentCreate['address']> = {
    postcode: values.postcode.trim(),
    houseNumber: Number(values.houseNumber.trim()),
  };
  const letter = optional(values.houseLetter);
  if (letter) address.houseLetter = letter;
  const addition = optional(values.houseNumberAddition);
  if (addition) address.houseNumberAddition = addition;
  const street = optional(values.street);
  if (street) address.street = street;
  const city = optional(values.city);
  if (city) address.city = city;
  return address;
}

export function ResidentFields({
  formId,
  values,
  onChange,
  errors,
  neighbourhoods,
  withAddress = true,
  legend,
  hint,
}: {
  formId: string;
  values: ResidentValues;
  onChange: (values: ResidentValues) => void;
  errors: FieldErrors;
  /** the buurten of the chosen team, to pick from when there is no postcode table */
  neighbourhoods?: { code: string; name: string }[];
  withAddress?: boolean;
  legend?: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  const id = (field: string) => fieldId(formId, `resident.${field}`);
  const set = (key: keyof ResidentValues) => (value: string) =>
    onChange({ ...values, [key]: value });
  const label = (key: string) => t(`entry.newRegistration.${key}`);

  return (
    <Fieldset className="sk-fieldset sk-group" aria-describedby={`${formId}-resident-hint`}>
      <FieldsetLegend className="sk-legend sk-group__legend">
        {legend ?? label('residentLegend')}
      </FieldsetLegend>
      <Paragraph id={`${formId}-resident-hint`} className="sk-hint">
        {hint ?? label('residentHint')}
      </Paragraph>
      <div className="sk-field-row">
        <TextField
          id={id('givenName')}
          label={label('givenName')}
          autoComplete="off"
          size="md"
          value={values.givenName}
          onChange={set('givenName')}
          error={errors['resident.givenName']}
        />
        <TextField
          id={id('familyName')}
          label={label('familyName')}
          autoComplete="off"
          size="md"
          value={values.familyName}
          onChange={set('familyName')}
          error={errors['resident.familyName']}
        />
      </div>
      <div className="sk-field-row">
        <TextField
          id={id('birthDate')}
          label={label('birthDate')}
          type="date"
          size="md"
          value={values.birthDate}
          onChange={set('birthDate')}
          error={errors['resident.birthDate']}
        />
        <TextField
          id={id('bsn')}
          label={label('bsn')}
          description={label('bsnHint')}
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          size="md"
          value={values.bsn}
          onChange={set('bsn')}
          error={errors['resident.bsn']}
        />
      </div>
      <div className="sk-field-row">
        <TextField
          id={id('phone')}
          label={label('phone')}
          type="tel"
          autoComplete="off"
          size="md"
          value={values.phone}
          onChange={set('phone')}
          error={errors['resident.phone']}
        />
        <TextField
          id={id('email')}
          label={label('email')}
          type="email"
          autoComplete="off"
          size="md"
          value={values.email}
          onChange={set('email')}
          error={errors['resident.email']}
        />
      </div>
      {withAddress && (
        <AddressFields
          formId={formId}
          prefix="resident."
          values={values}
          onChange={(address) => onChange({ ...values, ...address })}
          errors={errors}
          neighbourhoods={neighbourhoods}
        />
      )}
    </Fieldset>
  );
}

/**
 * The address and buurt: part of a registration's resident ("resident.address.postcode"), or on
 * its own for a household's move ("address.postcode", `prefix` empty).
 */
export function AddressFields({
  formId,
  prefix = '',
  values,
  onChange,
  errors,
  neighbourhoods,
  neighbourhoodPlaceholder,
  neighbourhoodHint,
  legend,
}: {
  formId: string;
  prefix?: string;
  values: AddressValues;
  onChange: (values: AddressValues) => void;
  errors: FieldErrors;
  /** the buurten of the team, to pick from when there is no postcode table */
  neighbourhoods?: { code: string; name: string }[];
  /** what the empty choice of buurt means (a registration's default: no buurt chosen) */
  neighbourhoodPlaceholder?: string;
  neighbourhoodHint?: string;
  legend?: string;
}) {
  const { t } = useTranslation();
  const id = (field: string) => fieldId(formId, `${prefix}${field}`);
  const set = (key: keyof AddressValues) => (value: string) =>
    onChange({ ...values, [key]: value });
  const label = (key: string) => t(`entry.newRegistration.${key}`);

  return (
    <Fieldset
      id={id('address')}
      tabIndex={-1}
      className="sk-fieldset sk-subgroup"
      invalid={Boolean(errors[`${prefix}address`])}
    >
      <FieldsetLegend className="sk-sublegend">{legend ?? label('addressLegend')}</FieldsetLegend>
      {errors[`${prefix}address`] && (
        <p className="utrecht-form-field-error-message sk-field-error">
          {errors[`${prefix}address`]}
        </p>
      )}
      <div className="sk-field-row">
        <TextField
          id={id('address.postcode')}
          label={label('postcode')}
          autoComplete="off"
          size="sm"
          maxLength={10}
          value={values.postcode}
          onChange={set('postcode')}
          error={errors[`${prefix}address.postcode`]}
        />
        <TextField
          id={id('address.houseNumber')}
          label={label('houseNumber')}
          inputMode="numeric"
          autoComplete="off"
          size="sm"
          value={values.houseNumber}
          onChange={set('houseNumber')}
          error={errors[`${prefix}address.houseNumber`]}
        />
        <TextField
          id={id('address.houseLetter')}
          label={label('houseLetter')}
          autoComplete="off"
          size="xs"
          maxLength={1}
          value={values.houseLetter}
          onChange={set('houseLetter')}
          error={errors[`${prefix}address.houseLetter`]}
        />
        <TextField
          id={id('address.houseNumberAddition')}
          label={label('houseNumberAddition')}
          autoComplete="off"
          size="xs"
          maxLength={4}
          value={values.houseNumberAddition}
          onChange={set('houseNumberAddition')}
          error={errors[`${prefix}address.houseNumberAddition`]}
        />
      </div>
      <div className="sk-field-row">
        <TextField
          id={id('address.street')}
          label={label('street')}
          autoComplete="off"
          size="md"
          value={values.street}
          onChange={set('street')}
          error={errors[`${prefix}address.street`]}
        />
        <TextField
          id={id('address.city')}
          label={label('city')}
          autoComplete="off"
          size="md"
          value={values.city}
          onChange={set('city')}
          error={errors[`${prefix}address.city`]}
        />
      </div>
      {neighbourhoods && (
        <SelectField
          id={id('neighbourhoodCode')}
          label={label('neighbourhood')}
          description={neighbourhoodHint ?? label('neighbourhoodHint')}
          placeholder={neighbourhoodPlaceholder ?? label('neighbourhoodPlaceholder')}
          options={neighbourhoods.map((item) => ({ value: item.code, label: item.name }))}
          value={values.neighbourhoodCode}
          onChange={set('neighbourhoodCode')}
          error={errors[`${prefix}neighbourhoodCode`]}
        />
      )}
    </Fieldset>
  );
}
