// What a page shows while its data loads, when loading failed, or when the role may not see it.
import { useTranslation } from 'react-i18next';
import { isApiError } from '../lib/api';
import { Alert } from './Alert';
import { Button } from './Button';
import { Paragraph } from './Typography';

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="sk-loading" role="status">
      {t('app.loading')}
    </p>
  );
}

export function NoAccess() {
  const { t } = useTranslation();
  return (
    <Alert type="warning">
      <Paragraph>
        <strong>{t('app.noAccess')}</strong>. {t('app.noAccessText')}
      </Paragraph>
    </Alert>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (isApiError(error, 403)) return <NoAccess />;
  return (
    <Alert type="error">
      <Paragraph>{t('app.loadError')}</Paragraph>
      {onRetry && (
        <Button appearance="secondary" onClick={onRetry}>
          {t('app.retry')}
        </Button>
      )}
    </Alert>
  );
}
