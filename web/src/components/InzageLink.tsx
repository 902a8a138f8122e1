// The right of access as a readable document (server-rendered HTML with a print stylesheet),
// opened in a new window so that the browser can print it or save it as PDF. In a table row the
// link's purpose comes from its row; `describedBy` can name the person (e.g. the name cell).
import { useTranslation } from 'react-i18next';

export function InzageLink({
  residentId,
  describedBy,
  label,
}: {
  residentId: string;
  describedBy?: string;
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <a
      className="utrecht-link utrecht-link--html-a"
      href={`/api/v1/residents/${residentId}/export.html`}
      target="_blank"
      rel="noopener"
      aria-describedby={describedBy}
    >
      {label ?? t('inzage.button')}
      <span className="sk-visually-hidden"> ({t('inzage.newWindow')})</span>
    </a>
  );
}
