// The right of access as a readable document (server-rendered HTML with a print stylesheet),
// opened in a new window so that the browser can print it or save it as PDF.
import { useTranslation } from 'react-i18next';

export function InzageLink({ residentId, name }: { residentId: string; name: string }) {
  const { t } = useTranslation();
  return (
    <a
      className="utrecht-link utrecht-link--html-a"
      href={`/api/v1/residents/${residentId}/export.html`}
      target="_blank"
      rel="noopener"
    >
      {t('inzage.button', { name })}
      <span className="sk-visually-hidden"> ({t('inzage.newWindow')})</span>
    </a>
  );
}
