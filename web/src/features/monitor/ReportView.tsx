// The sections of a monitor or public report: key figures as cards, every table as a bar chart
// with its data table. Hidden counts ("<5", and "x" hidden to protect them) are never drawn.
import { useTranslation } from 'react-i18next';
import { ChartWithTable } from '../../components/Chart';
import { Heading, Paragraph } from '../../components/Typography';
import { useLanguage } from '../../lib/i18n';
import {
  drawable,
  formatFigure,
  formatNumber,
  formatShown,
  isProtected,
  isSuppressed,
} from './format';
import type { Monitor, MonitorFigure, MonitorTable } from './queries';

export function ReportView({ report }: { report: Monitor }) {
  const language = useLanguage();
  return (
    <>
      {report.sections.map((section) => (
        <section
          key={section.key}
          aria-labelledby={`section-${section.key}`}
          className="sk-section sk-report-section"
        >
          <Heading level={2} id={`section-${section.key}`}>
            {section.title[language]}
          </Heading>
          {section.figures.length > 0 && <Figures figures={section.figures} />}
          {section.tables.map((table) => (
            <ReportTable key={table.key} table={table} />
          ))}
        </section>
      ))}
    </>
  );
}

function Figures({ figures }: { figures: MonitorFigure[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <ul className="sk-figures">
      {figures.map((figure) => (
        <li key={figure.key} className="sk-figure">
          <span className="sk-figure__title">{figure.title[language]}</span>
          <span className="sk-figure__value">
            {formatFigure(figure.value, figure.unit, language, t)}
          </span>
          <span className="sk-figure__based-on">
            {t('monitor.basedOn', {
              count: drawable(figure.basedOn) ?? 4,
              value: formatShown(figure.basedOn, language),
            })}
          </span>
        </li>
      ))}
    </ul>
  );
}

function ReportTable({ table }: { table: MonitorTable }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const title = table.title[language];
  const suppressed = table.rows.some((row) => isSuppressed(row.value));
  const protectedCells = table.rows.some((row) => isProtected(row.value));
  return (
    <>
      <Heading level={3} className="sk-report-table-title">
        {title}
      </Heading>
      {table.rows.length === 0 ? (
        <Paragraph className="sk-muted">{t('monitor.emptyTable')}</Paragraph>
      ) : (
        <ChartWithTable
          caption={title}
          captionHidden
          ariaLabel={t('monitor.chartLabel', { title })}
          labelHeader={t('monitor.category')}
          valueHeader={t('monitor.number')}
          rows={table.rows.map((row) => ({
            key: row.key,
            label: row.label[language],
            value: drawable(row.value),
            display: formatShown(row.value, language),
          }))}
          total={formatShown(table.total, language)}
          totalLabel={t('monitor.total')}
          formatValue={(value) => formatNumber(value, language)}
          note={
            suppressed || protectedCells ? (
              <>
                {suppressed && (
                  <Paragraph className="sk-muted sk-report-note">
                    {t('monitor.suppressedNote')}
                  </Paragraph>
                )}
                {protectedCells && (
                  <Paragraph className="sk-muted sk-report-note">
                    {t('monitor.protectedNote')}
                  </Paragraph>
                )}
              </>
            ) : undefined
          }
        />
      )}
    </>
  );
}
