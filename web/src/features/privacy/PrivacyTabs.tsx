import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** The privacy officer's four screens, as a small secondary navigation. */
export function PrivacyTabs() {
  const { t } = useTranslation();
  const tabs = [
    { to: '/privacy/meldingen', label: t('privacy.tabs.alerts') },
    { to: '/privacy/logboek', label: t('privacy.tabs.audit') },
    { to: '/privacy/bewaren', label: t('privacy.tabs.retention') },
    { to: '/privacy/instellingen', label: t('privacySettings.tab') },
  ];
  return (
    <nav aria-label={t('privacy.subnav')} className="sk-privacy-tabs">
      <ul>
        {tabs.map((tab) => (
          <li key={tab.to}>
            <NavLink to={tab.to} className="utrecht-link utrecht-link--html-a">
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
