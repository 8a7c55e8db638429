/**
 * Calls of the composer, the calendar's edits, the approval chain and the client review
 * link (src/server/routes/calendar.ts), apart from endpoints.ts so they grow on their own.
 */
import { getJson, sendJson } from './client.ts';
import { wsPath } from './endpoints.ts';
import type { ComposeInput } from '../../../src/core/post-rules.ts';
import type { CalendarItem, CalendarItemPatch } from '../../../src/plan/calendar.ts';
import type { CalendarEvent, CalendarSettings } from '../../../src/plan/calendar-log.ts';
import type { ReviewLink, ReviewView } from '../../../src/plan/review-links.ts';
import type { LinkPreview } from '../../../src/listen/connectors/link-preview.ts';

export type { CalendarEvent, CalendarSettings, LinkPreview, ReviewLink, ReviewView };

const PUBLIC_REVIEW = '/api/v1/public/review';
const item = (ws: string, id: number, tail = '') => wsPath(ws, `/calendar/${id}${tail}`);

export const calendarEndpoints = {
  items: (ws: string, from: string, to: string) => getJson<{ items: CalendarItem[] }>(wsPath(ws, '/calendar'), { from, to }),
  unscheduled: (ws: string) => getJson<{ items: CalendarItem[] }>(wsPath(ws, '/calendar')),
  settings: (ws: string) => getJson<CalendarSettings>(wsPath(ws, '/calendar/settings')),
  setSettings: (ws: string, settings: CalendarSettings) => sendJson<CalendarSettings>('PUT', wsPath(ws, '/calendar/settings'), settings),
  compose: (ws: string, post: ComposeInput, submit: boolean) => sendJson<{ items: CalendarItem[] }>('POST', wsPath(ws, '/calendar/compose'), { post, submit }),
  update: (ws: string, id: number, patch: CalendarItemPatch) => sendJson<CalendarItem>('PATCH', item(ws, id), patch),
  submit: (ws: string, id: number, comment?: string) => sendJson<CalendarItem>('POST', item(ws, id, '/submit'), comment ? { comment } : {}),
  approve: (ws: string, id: number, comment?: string) => sendJson<CalendarItem>('POST', item(ws, id, '/approve'), comment ? { comment } : {}),
  reject: (ws: string, id: number, comment: string) => sendJson<CalendarItem>('POST', item(ws, id, '/reject'), { comment }),
  comment: (ws: string, id: number, comment: string) => sendJson<null>('POST', item(ws, id, '/comments'), { comment }),
  linkPreview: (ws: string, url: string) => getJson<{ preview: LinkPreview | null }>(wsPath(ws, '/calendar/link-preview'), { url }),
  history: (ws: string, id: number) => getJson<{ items: CalendarEvent[] }>(item(ws, id, '/history')),
  reviewLinks: (ws: string, id: number) => getJson<{ items: ReviewLink[] }>(item(ws, id, '/review-links')),
  createReviewLink: (ws: string, id: number, days: number) => sendJson<ReviewLink & { token: string; path: string }>('POST', item(ws, id, '/review-links'), { days }),
  revokeReviewLink: (ws: string, linkId: number) => sendJson<ReviewLink>('DELETE', wsPath(ws, `/calendar/review-links/${linkId}`)),
  /** The client's side: no session, the token is the authority. */
  review: (token: string) => getJson<ReviewView>(`${PUBLIC_REVIEW}/${encodeURIComponent(token)}`),
  reviewComment: (token: string, name: string, comment: string) => sendJson<ReviewView>('POST', `${PUBLIC_REVIEW}/${encodeURIComponent(token)}/comments`, { name, comment }),
};
