// i18next set-up: Dutch first, English beside it; the choice is remembered in localStorage and
// mirrored in <html lang>.
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import nl from '../i18n/nl.json';
import en from '../i18n/en.json';
import nlReports from '../i18n/nl.reports.json';
import enReports from '../i18n/en.reports.json';
import nlPortal from '../i18n/nl.portal.json';
import enPortal from '../i18n/en.portal.json';
import nlBusinessCase from '../i18n/nl.businessCase.json';
import enBusinessCase from '../i18n/en.businessCase.json';
import nlCollective from '../i18n/nl.collective.json';
import enCollective from '../i18n/en.collective.json';
import nlPrivacy from '../i18n/nl.privacy.json';
import enPrivacy from '../i18n/en.privacy.json';
import nlSignIn from '../i18n/nl.signIn.json';
import enSignIn from '../i18n/en.signIn.json';
import nlPortalSecondFactor from '../i18n/nl.portalSecondFactor.json';
import enPortalSecondFactor from '../i18n/en.portalSecondFactor.json';
import nlPrivacySettings from '../i18n/nl.privacySettings.json';
import enPrivacySettings from '../i18n/en.privacySettings.json';
import nlStaffOidc from '../i18n/nl.staffOidc.json';
import enStaffOidc from '../i18n/en.staffOidc.json';
import nlSignalsPaging from '../i18n/nl.signalsPaging.json';
import enSignalsPaging from '../i18n/en.signalsPaging.json';
import nlPassword from '../i18n/nl.password.json';
import enPassword from '../i18n/en.password.json';
import nlRoutes from '../i18n/nl.routes.json';
import enRoutes from '../i18n/en.routes.json';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'samenkracht.language';

function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
}

function applyLanguage(language: string): void {
  document.documentElement.lang = language;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts for this page only.
  }
}

void i18n.use(initReactI18next).init({
  resources: {
    nl: {
      translation: {
        ...nl,
        ...nlReports,
        ...nlPortal,
        ...nlBusinessCase,
        ...nlCollective,
        ...nlPrivacy,
        ...nlSignIn,
        ...nlPortalSecondFactor,
        ...nlPrivacySettings,
        ...nlStaffOidc,
        ...nlSignalsPaging,
        ...nlPassword,
        ...nlRoutes,
      },
    },
    en: {
      translation: {
        ...en,
        ...enReports,
        ...enPortal,
        ...enBusinessCase,
        ...enCollective,
        ...enPrivacy,
        ...enSignIn,
        ...enPortalSecondFactor,
        ...enPrivacySettings,
        ...enStaffOidc,
        ...enSignalsPaging,
        ...enPassword,
        ...enRoutes,
      },
    },
  },
  lng: storedLanguage(),
  fallbackLng: 'nl',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  returnNull: false,
});

applyLanguage(i18n.language);
i18n.on('languageChanged', applyLanguage);

/** The current language as one of ours ('nl' unless English was chosen). */
export function useLanguage(): Language {
  const { i18n: instance } = useTranslation();
  return instance.language === 'en' ? 'en' : 'nl';
}

export default i18n;
