// A move, or a corrected address: the household's address and buurt, prefilled with what is
// recorded. The buurt follows the address where the municipality loaded a postcode table; else the
// worker picks one of the team's buurten.
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldId, Form } from '../../components/FormFields';
import { Heading, Paragraph } from '../../components/Typography';
import type { Household } from '../../lib/api-types';
import { compareText } from '../../lib/format';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { formatPostcode } from './format';
import type { HouseholdEditing } from './HouseholdEditing';
import {
  isVersionConflict,
  Reloaded,
  useFocusOnOpen,
  useStartVersion,
  VersionConflict,
  withoutVersionConflict,
} from './HouseholdEditing';
import { useChangeHousehold, useNeighbourhoods, useTeams } from './queries';
import type { AddressValues } from './ResidentFields';
import { AddressFields, addressLabels, checkAddress, toAddressInput } from './ResidentFields';

export const ADDRESS_FORM = 'household-address';

function addressValuesOf(household: Household): AddressValues {
  const { address } = household;
  return {
    postcode: formatPostcode(address.postcode),
    houseNumber: address.houseNumber === null ? '' : String(address.houseNumber),
    houseLetter: address.houseLetter ?? '',
    houseNumberAddition: address.houseNumberAddition ?? '',
    street: address.street ?? '',
    city: address.city ?? '',
    neighbourhoodCode: household.neighbourhoodCode ?? '',
  };
}

export function HouseholdAddressForm({
  editing,
  onClose,
}: {
  editing: HouseholdEditing;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { household } = editing;
  const change = useChangeHousehold(household.id);
  const teams = useTeams();
  const neighbourhoods = useNeighbourhoods();
  const [values, setValues] = useState(() => addressValuesOf(household));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [reloaded, setReloaded] = useState(false);
  const start = useStartVersion(editing, () => {
    change.reset();
    setReloaded(true);
  });
  useFocusOnOpen(fieldId(ADDRESS_FORM, 'address.postcode'));

  const team = teams.data?.find((item) => item.id === household.teamId);
  const teamNeighbourhoods = (neighbourhoods.data ?? [])
    .filter((item) => team?.neighbourhoodCodes.includes(item.code))
    .sort((a, b) => compareText(a.name, b.name, language));
  const labels = addressLabels(t);
  const errors = useFormErrors(
    labels,
    (field) => fieldId(ADDRESS_FORM, field),
    clientErrors,
    withoutVersionConflict(change.error),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setReloaded(false);
    const found = checkAddress(values, t);
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      change.reset();
      return;
    }
    const version = start.version;
    const neighbourhoodCode = values.neighbourhoodCode.trim();
    change.mutate(
      {
        version,
        // Postcode and house number both empty: the household has no address (any more).
        address: toAddressInput(values) ?? null,
        ...(neighbourhoodCode ? { neighbourhoodCode } : {}),
      },
      {
        onSuccess: (changed) =>
          editing.saved(version, changed, t('entry.householdChanges.addressChanged')),
      },
    );
  };

  return (
    <section aria-labelledby={`${ADDRESS_FORM}-title`} className="sk-panel sk-household-form">
      <Heading level={3} id={`${ADDRESS_FORM}-title`}>
        {t('entry.householdChanges.addressTitle')}
      </Heading>
      <Paragraph className="sk-hint">{t('entry.householdChanges.addressIntro')}</Paragraph>
      <ErrorSummary items={errors.summary} general={errors.general} />
      {isVersionConflict(change.error) && (
        <VersionConflict onReload={start.reload} reloading={start.reloading} />
      )}
      {reloaded && <Reloaded />}
      <Form id={ADDRESS_FORM} onSubmit={submit}>
        <AddressFields
          formId={ADDRESS_FORM}
          values={values}
          onChange={setValues}
          errors={errors.byField}
          neighbourhoods={teamNeighbourhoods}
          legend={t('entry.householdChanges.newAddress')}
        />
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={change.isPending}>
            {t('entry.householdChanges.addressSave')}
          </Button>
          <Button appearance="secondary" onClick={onClose}>
            {t('entry.householdChanges.cancel')}
          </Button>
        </ButtonGroup>
      </Form>
    </section>
  );
}
