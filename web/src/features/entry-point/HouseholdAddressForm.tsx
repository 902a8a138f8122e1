// A move, or a corrected address: the household's address, prefilled with what is recorded. The
// buurt follows the new address where the municipality loaded a postcode table; else the worker
// picks one of the team's buurten. The recorded buurt is not prefilled: it belongs to the old
// address (and may lie outside the team's area), so sending it again would keep it, or be refused,
// where the table does not know the new address.
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
import { rebaseValues } from './formBase';
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
    // Empty: "determined by the postcode" unless the worker chooses one.
    neighbourhoodCode: '',
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
  // The address the worker saw when the form opened (or when they read the household again). The
  // whole address is sent, so after a colleague's change the fields the worker did not edit take
  // the colleague's values: sending what the worker saw would undo them.
  const [base, setBase] = useState(() => addressValuesOf(household));
  const [values, setValues] = useState(base);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [reloaded, setReloaded] = useState(false);
  const start = useStartVersion(editing, (newerHousehold) => {
    change.reset();
    setReloaded(true);
    const newer = addressValuesOf(newerHousehold);
    setValues((typed) => rebaseValues(typed, base, newer));
    setBase(newer);
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
        onSuccess: (changed) => {
          // The postcode table may place the new address outside the team's area: the household
          // stays with this team, and the worker should know (a warm handover is the lead's call).
          const outside =
            team !== undefined &&
            changed.neighbourhoodCode !== null &&
            !team.neighbourhoodCodes.includes(changed.neighbourhoodCode);
          editing.saved(
            version,
            changed,
            t('entry.householdChanges.addressChanged'),
            outside
              ? t('entry.householdChanges.outsideArea', {
                  neighbourhood: changed.neighbourhoodName ?? changed.neighbourhoodCode,
                })
              : undefined,
          );
        },
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
          neighbourhoodPlaceholder={t('entry.householdChanges.neighbourhoodByPostcode')}
          neighbourhoodHint={t('entry.householdChanges.neighbourhoodHint')}
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
