// The resident part of a registration: name, birth date, BSN, contact details, address and buurt.
// Field names follow the API ("resident.address.postcode"), so the server's invalidParams land
// next to the right input.
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
  if (withAddress) {
    Object.assign(labels, {
      'resident.address.postcode': t('entry.newRegistration.postcode'),
      'resident.address.houseNumber': t('entry.newRegistration.houseNumber'),
      'resident.address.houseLetter': t('entry.newRegistration.houseLetter'),
      'resident.address.houseNumberAddition': t('entry.newRegistration.houseNumberAddition'),
      'resident.address.street': t('entry.newRegistration.street'),
      'resident.address.city': t('entry.newRegistration.city'),
      'resident.address': t('entry.newRegistration.addressLegend'),
      'resident.neighbourhoodCode': t('entry.newRegistration.neighbourhood'),
    });
  }
  return labels;
}

export const hasPerson = (values: ResidentValues): boolean =>
  (Object.keys(values) as (keyof ResidentValues)[]).some(
    (key) => key !== 'neighbourhoodCode' && values[key].trim() !== '',
  );

export const hasAddress = (values: ResidentValues): boolean =>
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
  if (hasAddress(values)) {
    if (!values.postcode.trim()) {
      found['resident.address.postcode'] = t('form.required', {
        label: t('entry.newRegistration.postcode'),
      });
    }
    const number = values.houseNumber.trim();
    if (!number) {
      found['resident.address.houseNumber'] = t('form.required', {
        label: t('entry.newRegistration.houseNumber'),
      });
    } else if (!/^\d{1,5}$/.test(number) || Number(number) < 1) {
      found['resident.address.houseNumber'] = t('entry.newRegistration.invalidHouseNumber');
    }
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
  if (withAddress && hasAddress(values)) {
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
    resident.address = address;
  }
  if (withAddress) set('neighbourhoodCode', optional(values.neighbourhoodCode));
  return resident;
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
        <Fieldset
          id={id('address')}
          tabIndex={-1}
          className="sk-fieldset sk-subgroup"
          invalid={Boolean(errors['resident.address'])}
        >
          <FieldsetLegend className="sk-sublegend">{label('addressLegend')}</FieldsetLegend>
          {errors['resident.address'] && (
            <p className="utrecht-form-field-error-message sk-field-error">
              {errors['resident.address']}
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
              error={errors['resident.address.postcode']}
            />
            <TextField
              id={id('address.houseNumber')}
              label={label('houseNumber')}
              inputMode="numeric"
              autoComplete="off"
              size="sm"
              value={values.houseNumber}
              onChange={set('houseNumber')}
              error={errors['resident.address.houseNumber']}
            />
            <TextField
              id={id('address.houseLetter')}
              label={label('houseLetter')}
              autoComplete="off"
              size="xs"
              maxLength={1}
              value={values.houseLetter}
              onChange={set('houseLetter')}
              error={errors['resident.address.houseLetter']}
            />
            <TextField
              id={id('address.houseNumberAddition')}
              label={label('houseNumberAddition')}
              autoComplete="off"
              size="xs"
              maxLength={4}
              value={values.houseNumberAddition}
              onChange={set('houseNumberAddition')}
              error={errors['resident.address.houseNumberAddition']}
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
              error={errors['resident.address.street']}
            />
            <TextField
              id={id('address.city')}
              label={label('city')}
              autoComplete="off"
              size="md"
              value={values.city}
              onChange={set('city')}
              error={errors['resident.address.city']}
            />
          </div>
          {neighbourhoods && (
            <SelectField
              id={id('neighbourhoodCode')}
              label={label('neighbourhood')}
              description={label('neighbourhoodHint')}
              placeholder={label('neighbourhoodPlaceholder')}
              options={neighbourhoods.map((item) => ({ value: item.code, label: item.name }))}
              value={values.neighbourhoodCode}
              onChange={set('neighbourhoodCode')}
              error={errors['resident.neighbourhoodCode']}
            />
          )}
        </Fieldset>
      )}
    </Fieldset>
  );
}
