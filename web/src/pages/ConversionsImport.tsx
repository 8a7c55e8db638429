/**
 * Campaigns → Import conversions: a CRM export (CSV) is first previewed by the API's own
 * reader with nothing stored — which column feeds which field, how many rows are new or
 * already imported, and each rejected row with its line and reason (worded from the API's
 * problem codes in the reader's language) — then imported.
 * Importing the same file again adds nothing (conversions are keyed by their CRM id).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { endpoints } from '../api/endpoints.ts';
import { FormError, useWrites } from '../components/FormError.tsx';
import { formatNumber } from '../i18n/format.ts';
import type { CrmImportReject, CrmImportResult } from '../../../src/roi/crm-csv.ts';

export function ConversionsImport({ ws, onImported }: { ws: string; onImported: () => void }) {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<CrmImportResult | null>(null);
  const [imported, setImported] = useState<CrmImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const { error, run } = useWrites();

  const busyWhile = (work: () => Promise<void>) =>
    run(async () => {
      setBusy(true);
      try {
        await work();
      } finally {
        setBusy(false);
      }
    });
  const choose = (chosen: File | null) => {
    setFile(chosen);
    setPreview(null);
    setImported(null);
    if (chosen) void busyWhile(async () => setPreview(await endpoints.importConversions(ws, chosen, true)));
  };
  const commit = () => {
    if (!file) return;
    void busyWhile(async () => {
      setImported(await endpoints.importConversions(ws, file, false));
      setPreview(null);
      onImported();
    });
  };

  return (
    <section className="card" aria-labelledby="conversions-import-title" aria-busy={busy}>
      <h2 id="conversions-import-title">{t('conversionsImport.title')}</h2>
      <p className="help">{t('conversionsImport.intro')}</p>
      <label>
        {t('conversionsImport.file')}
        <input
          type="file"
          accept=".csv,.csv.gz,text/csv"
          onChange={(e) => {
            choose(e.target.files?.[0] ?? null);
            // Emptied, so choosing the same file again (a corrected export) previews it again.
            e.target.value = '';
          }}
        />
      </label>
      <FormError error={error} />
      {preview && (
        <div data-testid="conversions-preview">
          <h3>{t('conversionsImport.previewTitle', { file: file?.name ?? '' })}</h3>
          <p className="muted">{t('conversionsImport.nothingStored')}</p>
          <Mapping result={preview} />
          <Counts result={preview} />
          <Rejects result={preview} />
          <button type="button" onClick={commit} disabled={busy}>
            {t('conversionsImport.commit', { n: formatNumber(i18n.language, preview.inserted) })}
          </button>
        </div>
      )}
      {imported && (
        <div data-testid="conversions-imported" role="status">
          <Counts result={imported} />
          <Rejects result={imported} />
        </div>
      )}
    </section>
  );
}

function Mapping({ result }: { result: CrmImportResult }) {
  const { t } = useTranslation();
  return (
    <table className="breakable" data-testid="conversions-mapping">
      <caption>{t('conversionsImport.mapping')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('conversionsImport.column')}</th>
          <th scope="col">{t('conversionsImport.readAs')}</th>
        </tr>
      </thead>
      <tbody>
        {result.mapping.map((m, i) => (
          <tr key={`${i}:${m.column}`}>
            <th scope="row">{m.column}</th>
            <td className={m.field ? undefined : 'muted'}>{m.field ? t(`conversionsImport.fields.${m.field}` as never) : t('conversionsImport.notRead')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Counts({ result: r }: { result: CrmImportResult }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatNumber(i18n.language, value);
  return (
    <p data-testid="conversions-counts">
      {t(r.dryRun ? 'conversionsImport.wouldImport' : 'conversionsImport.didImport', { rows: n(r.rows), inserted: n(r.inserted), duplicates: n(r.duplicates), rejected: n(r.rejectedCount) })}
    </p>
  );
}

/** The row's problems in the reader's language, from the API's codes; the English reason (kept as the cell's title) if a code is new to this dashboard. */
export function rejectReason(t: TFunction, reject: CrmImportReject): string {
  const words = reject.problems.map((p) => {
    const field = p.field === null ? '' : t(`conversionsImport.fields.${p.field}` as 'conversionsImport.fields.eventId', { defaultValue: p.field });
    return t(`conversionsImport.problems.${p.code}` as 'conversionsImport.problems.bad_value', { field, defaultValue: '' });
  });
  return words.length > 0 && words.every(Boolean) ? words.join(' ') : reject.reason;
}

function Rejects({ result: r }: { result: CrmImportResult }) {
  const { t, i18n } = useTranslation();
  if (r.rejectedCount === 0) return null;
  return (
    <table className="breakable" data-testid="conversions-rejects">
      <caption>{t('conversionsImport.rejected', { n: formatNumber(i18n.language, r.rejectedCount) })}</caption>
      <thead>
        <tr>
          <th scope="col" className="num">
            {t('conversionsImport.line')}
          </th>
          <th scope="col">{t('conversionsImport.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {r.rejected.map((x) => (
          <tr key={x.line}>
            <td className="num">{formatNumber(i18n.language, x.line)}</td>
            <td title={x.reason}>{rejectReason(t, x)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
