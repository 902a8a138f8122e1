import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets <title> to "<page> – Samenkracht". */
export function useDocumentTitle(pageTitle: string): void {
  const { t } = useTranslation();
  const appName = t('app.name');
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} – ${appName}` : appName;
  }, [pageTitle, appName]);
}
