// i18next set-up: Dutch first, English beside it; the choice is remembered in localStorage and
// mirrored in <html lang>. The Dutch texts come with the first screen; the English ones are a
// chunk of their own (i18n/english.ts), fetched when someone chooses English or comes back with
// that choice, so that most people never download them.
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import nl from '../i18n/nl.json';
import nlReports from '../i18n/nl.reports.json';
import nlPortal from '../i18n/nl.portal.json';
import nlBusinessCase from '../i18n/nl.businessCase.json';
import nlCollective from '../i18n/nl.collective.json';
import nlPrivacy from '../i18n/nl.privacy.json';
import nlSignIn from '../i18n/nl.signIn.json';
import nlPortalSecondFactor from '../i18n/nl.portalSecondFactor.json';
import nlPrivacySettings from '../i18n/nl.privacySettings.json';
import nlStaffOidc from '../i18n/nl.staffOidc.json';
import nlSignalsPaging from '../i18n/nl.signalsPaging.json';
import nlListsPaging from '../i18n/nl.listsPaging.json';
import nlTrajectoriesPaging from '../i18n/nl.trajectoriesPaging.json';
import nlPassword from '../i18n/nl.password.json';
import nlRoutes from '../i18n/nl.routes.json';
import nlResidentMessages from '../i18n/nl.residentMessages.json';
import nlSecondment from '../i18n/nl.secondment.json';
import nlStaffEdits from '../i18n/nl.staffEdits.json';

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

function remember(language: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts for this page only.
  }
}

function applyLanguage(language: string): void {
  document.documentElement.lang = language;
  remember(language === 'en' ? 'en' : 'nl');
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
        ...nlListsPaging,
        ...nlTrajectoriesPaging,
        ...nlPassword,
        ...nlRoutes,
        ...nlResidentMessages,
        ...nlSecondment,
        ...nlStaffEdits,
      },
    },
  },
  lng: 'nl',
  fallbackLng: 'nl',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Fetches the English texts once (a second call waits for the first). */
let englishLoaded: Promise<void> | null = null;
function loadEnglish(): Promise<void> {
  englishLoaded ??= import('../i18n/english').then(({ english }) => {
    i18n.addResourceBundle('en', 'translation', english, true, true);
  });
  return englishLoaded;
}

/**
 * Switches the screens to `language`, fetching the English texts first. If they cannot be
 * fetched (the server was updated while the tab stayed open and the old file is gone), the page
 * reloads with the choice remembered: the new build's files are there.
 */
export async function setLanguage(language: Language): Promise<void> {
  if (language === 'en') {
    try {
      await loadEnglish();
    } catch {
      englishLoaded = null;
      remember('en');
      globalThis.location.reload();
      return;
    }
  }
  await i18n.changeLanguage(language);
}

/**
 * Resolves when the remembered language can be shown; the first render waits for it (main.tsx),
 * so that someone who chose English never sees a Dutch screen first. If English cannot be
 * fetched at start, the screens stay Dutch rather than reload again and again.
 */
export const languageReady: Promise<void> =
  storedLanguage() === 'en'
    ? loadEnglish().then(
        () => i18n.changeLanguage('en').then(() => undefined),
        () => {
          englishLoaded = null;
        },
      )
    : Promise.resolve();

// Only <html lang> at start: the remembered choice stays as it is while English is on its way.
document.documentElement.lang = i18n.language;
i18n.on('languageChanged', applyLanguage);

/** The current language as one of ours ('nl' unless English was chosen). */
export function useLanguage(): Language {
  const { i18n: instance } = useTranslation();
  return instance.language === 'en' ? 'en' : 'nl';
}

export default i18n;
