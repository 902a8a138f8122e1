import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button';
import { setLanguage, useLanguage } from '../lib/i18n';

/** "English" on Dutch screens, "Nederlands" on English ones; the choice is remembered. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useLanguage();
  const other = language === 'nl' ? 'en' : 'nl';
  return (
    <Button
      appearance="subtle"
      lang={other}
      className="sk-header__button"
      onClick={() => void setLanguage(other)}
    >
      {t('app.switchLanguage')}
    </Button>
  );
}
