/**
 * What the "add a connector" form asks for each network: the options a user must or
 * usually sets, in the connector's own option names (src/listen/connectors/<network>/),
 * so the form sends them as they are and the server validates them with the
 * connector's schema (its message names the field). A new network slots in with one
 * entry here and a label for each new field key in `connectorFields` (locales).
 * Options not listed keep the connector's default; they can be edited as JSON later.
 */
export type FieldKind =
  /** One line of text. */
  | 'text'
  | 'url'
  /** A textarea, one value per line, sent as an array. */
  | 'list'
  | 'number'
  | 'checkbox'
  /** One of `choices`. */
  | 'choice'
  /** A password input, sent in `secrets` (sealed by the server, never shown again). */
  | 'secret';

export interface KindField {
  key: string;
  kind: FieldKind;
  required?: boolean;
  /** Checkbox and choice: the connector's default, shown selected. */
  initial?: boolean | string;
  choices?: readonly string[];
  placeholder?: string;
}

export const CONNECTOR_KINDS: Record<string, readonly KindField[]> = {
  mastodon: [
    { key: 'instance', kind: 'url', required: true, placeholder: 'mastodon.social' },
    { key: 'tags', kind: 'list' },
    { key: 'accounts', kind: 'list', placeholder: 'brand@mastodon.social' },
    { key: 'query', kind: 'text' },
    { key: 'token', kind: 'secret' },
  ],
  bluesky: [
    { key: 'identifier', kind: 'text', required: true, placeholder: 'brand.bsky.social' },
    { key: 'queries', kind: 'list', required: true },
    { key: 'lang', kind: 'text', placeholder: 'en' },
    { key: 'appPassword', kind: 'secret', required: true },
  ],
  reddit: [
    { key: 'clientId', kind: 'text', required: true },
    { key: 'query', kind: 'text' },
    { key: 'subreddits', kind: 'list' },
    { key: 'userAgent', kind: 'text', placeholder: 'server:murmur-acme:1.0 (by /u/you)' },
    { key: 'comments', kind: 'checkbox', initial: true },
    { key: 'clientSecret', kind: 'secret', required: true },
  ],
  hackernews: [{ key: 'queries', kind: 'list', required: true }],
  rss: [{ key: 'url', kind: 'url', required: true, placeholder: 'https://blog.example/feed.xml' }],
  lemmy: [
    { key: 'instance', kind: 'url', required: true, placeholder: 'lemmy.world' },
    { key: 'queries', kind: 'list', required: true },
    { key: 'community', kind: 'text', placeholder: 'coffee@lemmy.world' },
    { key: 'listingType', kind: 'choice', choices: ['All', 'Local'], initial: 'All' },
    { key: 'comments', kind: 'checkbox', initial: true },
  ],
  youtube: [
    { key: 'queries', kind: 'list', required: true },
    { key: 'dailyQuota', kind: 'number', placeholder: '10000' },
    { key: 'comments', kind: 'checkbox', initial: true },
    { key: 'apiKey', kind: 'secret', required: true },
  ],
  tumblr: [
    { key: 'tags', kind: 'list', required: true },
    { key: 'apiKey', kind: 'secret', required: true },
  ],
};

export type FieldValues = Record<string, string | boolean>;

export function initialValues(fields: readonly KindField[]): FieldValues {
  return Object.fromEntries(fields.map((f) => [f.key, f.initial ?? (f.kind === 'checkbox' ? false : '')]));
}

/**
 * The form's values as the API takes them: empty fields left out (the connector's
 * default applies), lists split by line, numbers as numbers (a non-number is sent as
 * typed, for the server to name), secrets apart.
 */
export function sourceInput(fields: readonly KindField[], values: FieldValues): { config: Record<string, unknown>; secrets: Record<string, string> } {
  const config: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const field of fields) {
    const value = values[field.key];
    if (field.kind === 'checkbox') {
      config[field.key] = value === true;
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') continue;
    if (field.kind === 'secret') secrets[field.key] = text;
    else if (field.kind === 'list') config[field.key] = text.split('\n').map((line) => line.trim()).filter(Boolean);
    else if (field.kind === 'number') config[field.key] = Number.isFinite(Number(text)) ? Number(text) : text;
    else config[field.key] = text;
  }
  return { config, secrets };
}
