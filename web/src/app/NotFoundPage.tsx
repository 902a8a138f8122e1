import { useTranslation } from 'react-i18next';
import { Link } from '../components/Link';
import { PageTitle, Paragraph } from '../components/Typography';
import { useDocumentTitle } from '../lib/useDocumentTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.notFound'));
  return (
    <>
      <PageTitle>{t('app.notFound')}</PageTitle>
      <Paragraph>{t('app.notFoundText')}</Paragraph>
      <Paragraph>
        <Link to="/organisatie/teams">{t('app.toHome')}</Link>
      </Paragraph>
    </>
  );
}
