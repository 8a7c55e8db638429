/** A button that copies a text (a short link, a secret shown once) and says whether it worked. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function CopyButton({ text, label, failed }: { text: string; label: string; failed?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      // No clipboard (an insecure origin, a refused permission): the text stays on screen to copy by hand.
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" className="button-link" aria-label={label} onClick={() => void copy()}>
        {t('utmLinks.copy')}
      </button>
      {state !== 'idle' && (
        <span role="status" className="muted small">
          {' '}
          {state === 'copied' ? t('utmLinks.copied') : (failed ?? t('utmLinks.copyFailed'))}
        </span>
      )}
    </>
  );
}
