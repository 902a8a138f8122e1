import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { useLanguage } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { groupByDistrict } from './districts';
import { useNeighbourhoods } from './queries';

export function NeighbourhoodsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  useDocumentTitle(t('neighbourhoods.title'));
  const neighbourhoods = useNeighbourhoods();

  return (
    <>
      <PageTitle>{t('neighbourhoods.title')}</PageTitle>
      <Paragraph lead>{t('neighbourhoods.intro')}</Paragraph>
      {neighbourhoods.isPending && <Loading />}
      {neighbourhoods.isError && (
        <LoadError error={neighbourhoods.error} onRetry={() => void neighbourhoods.refetch()} />
      )}
      {neighbourhoods.data?.length === 0 && <Paragraph>{t('neighbourhoods.empty')}</Paragraph>}
      {neighbourhoods.data &&
        groupByDistrict(neighbourhoods.data, language).map((district) => (
          <section
            key={district.code}
            aria-labelledby={`district-${district.code}`}
            className="sk-section"
          >
            <Heading level={2} id={`district-${district.code}`}>
              {district.name}{' '}
              <span className="sk-muted sk-heading-note">
                ({district.code}, {t('neighbourhoods.count', { count: district.items.length })})
              </span>
            </Heading>
            <Table
              caption={t('neighbourhoods.districtCaption', { district: district.name })}
              captionHidden
              compact
            >
              <TableHeader>
                <TableRow>
                  <HeaderCell>{t('neighbourhoods.name')}</HeaderCell>
                  <HeaderCell>{t('neighbourhoods.code')}</HeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {district.items.map((item) => (
                  <TableRow key={item.code}>
                    <Cell>{item.name}</Cell>
                    <Cell>
                      <span className="sk-code">{item.code}</span>
                    </Cell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </section>
        ))}
    </>
  );
}
