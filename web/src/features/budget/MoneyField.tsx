import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/FormFields';

/** An amount in euros, typed the Dutch way ("490,00"); parsed with parseEuros on submit. */
export function MoneyField({
  id,
  label,
  value,
  onChange,
  error,
  description,
  required,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  description?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      id={id}
      label={label}
      value={value}
      onChange={onChange}
      error={error}
      required={required}
      size="sm"
      autoComplete="off"
      description={description ?? t('budget.moneyHint')}
    />
  );
}
