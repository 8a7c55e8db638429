/** The dashboard's pages in menu order. Keys are i18n keys under `nav.`. */
export const PAGES = [
  { path: '/', key: 'overview' },
  { path: '/crisis', key: 'crisis' },
  { path: '/inbox', key: 'inbox' },
  { path: '/mentions', key: 'mentions' },
  { path: '/spikes', key: 'spikes' },
  { path: '/people', key: 'people' },
  { path: '/share-of-voice', key: 'shareOfVoice' },
  { path: '/reports', key: 'reports' },
  { path: '/plan', key: 'plan' },
  { path: '/calendar', key: 'calendar' },
  { path: '/experiments', key: 'experiments' },
  { path: '/campaigns', key: 'campaigns' },
  { path: '/settings', key: 'settings' },
] as const;

export type PageKey = (typeof PAGES)[number]['key'];
