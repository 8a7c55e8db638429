import { useTranslation } from 'react-i18next';
import type { ExportFormat } from '../api/lists-endpoints.ts';

/** Download the list on screen, every page of it, as CSV or XLSX. */
export function ExportLinks({ href }: { href: (format: ExportFormat) => string }) {
  const { t } = useTranslation();
  return (
    <p className="export-links">
      {(['csv', 'xlsx'] as const).map((format) => (
        <a key={format} className="button-secondary" href={href(format)} download data-testid={`export-${format}`}>
          {t(`exports.${format}`)}
        </a>
      ))}
    </p>
  );
}
