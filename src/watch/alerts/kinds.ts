/** What an alert rule watches for: the one list the CLI, the API and the dashboard offer. */
export const ALERT_KINDS = ['negative-spike', 'volume-spike', 'volume-drop', 'negative-post'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
