// What a route shows when its code cannot be loaded or its page fails while rendering. The usual
// cause is a deployment: the browser still runs the previous index.html, whose page chunks (with
// their content hashes) no longer exist on the server. Reloading fetches the new version.
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { PageTitle, Paragraph } from '../components/Typography';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/**
 * A failed `import()` of a page chunk. Browsers word it differently: Chromium "Failed to fetch
 * dynamically imported module", Firefox "error loading dynamically imported module", Safari
 * "Importing a module script failed"; Vite's preload helper "Unable to preload CSS".
 */
export function isChunkLoadError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /dynamically imported module|importing a module script failed|unable to preload css/i.test(
    error.message,
  );
}

export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const chunk = isChunkLoadError(error);
  const title = chunk ? t('routes.chunkErrorTitle') : t('routes.errorTitle');
  useDocumentTitle(title);
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <Alert type="error">
        <Paragraph>{chunk ? t('routes.chunkErrorText') : t('routes.errorText')}</Paragraph>
        <Button appearance="primary" onClick={() => window.location.reload()}>
          {t('routes.reload')}
        </Button>
      </Alert>
    </>
  );
}

/** The same, for a route without a layout around it (it brings its own <main>). */
export function StandaloneRouteError() {
  return (
    <main id="main" tabIndex={-1} className="sk-main">
      <RouteError />
    </main>
  );
}
