/**
 * The composer: a post written once, the networks picked, a preview per network counted
 * as that network counts it (src/core/post-rules.ts, the API's own rules), pictures with
 * their alt text, and a time in the workspace's zone. It sends the API's compose body.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarEndpoints, type LinkPreview } from '../api/calendar-endpoints.ts';
import { FormError, useWrites } from '../components/FormError.tsx';
import { COMPOSER_NETWORKS, ComposeSchema, linksOf, POST_LIMITS, postLength, type ComposeInput, type ComposerNetwork, type MediaAttachment } from '../../../src/core/post-rules.ts';
import { formatPath } from '../../../src/core/validation.ts';
import { fromLocalInput } from './calendar-grid.ts';

const NETWORK_NAMES: Record<ComposerNetwork, string> = { mastodon: 'Mastodon', bluesky: 'Bluesky' };

export function Composer(props: { ws: string; timeZone: string; planId: number; owner: string; requireApproval: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const { error, run } = useWrites();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [channels, setChannels] = useState<ComposerNetwork[]>(['mastodon', 'bluesky']);
  const [when, setWhen] = useState('');
  const [media, setMedia] = useState<MediaAttachment[]>([]);
  const [saved, setSaved] = useState<string | null>(null);

  const post: ComposeInput = { planId: props.planId, channels, title, body, owner: props.owner, media, scheduledAt: when ? fromLocalInput(when, props.timeZone) : null };
  const checked = ComposeSchema.safeParse(post);
  const issues = checked.success ? [] : checked.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
  const card = linksOf(body)[0] ?? null;
  const preview = useLinkPreview(props.ws, card);

  const save = (submit: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    void run(async () => {
      const answer = await calendarEndpoints.compose(props.ws, post, submit);
      setSaved((answer?.items ?? []).map((i) => `#${i.id} ${NETWORK_NAMES[i.channel as ComposerNetwork] ?? i.channel}`).join(', '));
      setTitle('');
      setBody('');
      setMedia([]);
      props.onSaved();
    });
  };
  const toggle = (network: ComposerNetwork) => setChannels((all) => (all.includes(network) ? all.filter((n) => n !== network) : COMPOSER_NETWORKS.filter((n) => n === network || all.includes(n))));
  const setPicture = (i: number, patch: Partial<MediaAttachment>) => setMedia((all) => all.map((m, j) => (j === i ? { ...m, ...patch } : m)));

  return (
    <form className="card stack-form composer" aria-labelledby="composer-title" onSubmit={save(props.requireApproval)}>
      <h2 id="composer-title">{t('composer.newPost')}</h2>
      <label>
        {t('composer.postTitle')}
        <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} required />
      </label>
      <label>
        {t('composer.body')}
        <textarea rows={5} value={body} onChange={(e) => setBody(e.target.value)} />
      </label>
      <fieldset className="form-row">
        <legend>{t('composer.networks')}</legend>
        {COMPOSER_NETWORKS.map((n) => (
          <label key={n} className="inline">
            <input type="checkbox" checked={channels.includes(n)} onChange={() => toggle(n)} /> {NETWORK_NAMES[n]}
          </label>
        ))}
      </fieldset>
      <label>
        {t('composer.when', { tz: props.timeZone })}
        <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
      </label>
      <fieldset>
        <legend>{t('composer.media')}</legend>
        {media.map((m, i) => (
          <div key={i} className="form-row">
            <label>
              {t('composer.pictureUrl')}
              <input type="url" value={m.url} onChange={(e) => setPicture(i, { url: e.target.value })} required />
            </label>
            <label>
              {t('composer.altText')}
              <input value={m.alt} onChange={(e) => setPicture(i, { alt: e.target.value })} required aria-invalid={m.alt.trim() === ''} />
            </label>
            <button type="button" className="button-link" onClick={() => setMedia((all) => all.filter((_, j) => j !== i))}>
              {t('composer.removePicture')}
            </button>
          </div>
        ))}
        {media.length < 4 && (
          <button type="button" className="button-link" onClick={() => setMedia((all) => [...all, { url: '', alt: '' }])}>
            {t('composer.addPicture')}
          </button>
        )}
      </fieldset>

      <div className="composer-previews">
        {channels.map((network) => {
          const length = postLength(network, body);
          const over = length > POST_LIMITS[network];
          return (
            <section key={network} className="composer-preview" aria-label={t('composer.preview', { network: NETWORK_NAMES[network] })} data-testid={`preview-${network}`}>
              <h3>{t('composer.preview', { network: NETWORK_NAMES[network] })}</h3>
              <p className={over ? 'tone-bad' : 'muted'} data-testid={`count-${network}`}>
                {t('composer.count', { count: length, limit: POST_LIMITS[network], network: NETWORK_NAMES[network] })}
                {over && <strong> · {t('composer.overLimit', { network: NETWORK_NAMES[network] })}</strong>}
              </p>
              <p className="composer-text">{body}</p>
              {media.map((m, i) => (
                <figure key={i} className="composer-media">
                  <figcaption>{m.alt.trim() ? m.alt : <span className="tone-bad">{t('composer.altMissing')}</span>}</figcaption>
                </figure>
              ))}
              {/* Mastodon builds the card from the first link itself; Murmur attaches the same card to a Bluesky post, unless it carries pictures (one embed per post). */}
              {card && network === 'bluesky' && media.length > 0 && <p className="muted small">{t('composer.cardPicturesInstead')}</p>}
              {card && (network === 'mastodon' || media.length === 0) && (
                <a className="link-card" href={card} target="_blank" rel="noreferrer noopener" data-testid="link-card" data-network={network}>
                  <span className="muted small">{t('composer.linkCard')}</span>
                  {preview?.image && <img src={preview.image} alt="" loading="lazy" referrerPolicy="no-referrer" />}
                  <strong>{preview?.title || safeHost(card)}</strong>
                  {preview?.description && <span className="small">{preview.description}</span>}
                  <span className="small muted">{safeHost(card)}</span>
                </a>
              )}
            </section>
          );
        })}
      </div>

      {issues.length > 0 && (title || body) && (
        <ul className="form-error small" data-testid="composer-issues">
          {issues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      )}
      <div className="form-row">
        {props.requireApproval ? (
          <>
            <button type="submit" disabled={!checked.success}>
              {t('composer.submit')}
            </button>
            <button type="button" className="secondary" disabled={!checked.success} onClick={() => save(false)()}>
              {t('composer.saveDraft')}
            </button>
          </>
        ) : (
          <button type="submit" disabled={!checked.success}>
            {when ? t('composer.schedule') : t('composer.saveDraft')}
          </button>
        )}
      </div>
      {saved && (
        <p role="status" data-testid="composer-saved">
          {t('composer.saved', { items: saved })}
        </p>
      )}
      <FormError error={error} />
    </form>
  );
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The card the server reads from the link's page (the one the Bluesky publisher attaches), asked once the text stops changing. */
function useLinkPreview(ws: string, url: string | null): LinkPreview | null {
  const [answer, setAnswer] = useState<{ url: string; preview: LinkPreview | null } | null>(null);
  useEffect(() => {
    if (!url) return;
    let live = true;
    const timer = setTimeout(() => {
      calendarEndpoints.linkPreview(ws, url).then(
        (a) => live && setAnswer({ url, preview: a.preview }),
        () => live && setAnswer({ url, preview: null }),
      );
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [ws, url]);
  return answer?.url === url ? answer.preview : null;
}
