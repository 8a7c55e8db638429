/**
 * Calls of the mention lists (mutes, exports, replies), apart from endpoints.ts so the
 * inbox's own calls grow beside them without touching one file.
 */
import { buildUrl, getJson, sendJson, type Query } from './client.ts';
import { wsPath, type MentionFilters } from './endpoints.ts';

export type MuteKind = 'author' | 'site' | 'term';

export interface ApiMute {
  id: number;
  topicId: number;
  kind: MuteKind;
  value: string;
  reason: string | null;
  createdBy: string;
  createdAt: string;
  removedBy: string | null;
  removedAt: string | null;
}

export interface MuteChange {
  mute: ApiMute;
  mentions: number;
}

export type ExportFormat = 'csv' | 'xlsx';

export interface ApiReply {
  id: number;
  mentionId: number;
  idempotencyKey: string;
  text: string;
  status: 'awaiting_approval' | 'sending' | 'retrying' | 'sent' | 'failed';
  url: string | null;
  error: string | null;
  retryAt: string | null;
  requestedBy: string;
  approvedBy: string | null;
}

export const listsEndpoints = {
  /** Where the browser downloads every mention of a search (the session cookie signs the request). */
  mentionsExportUrl: (ws: string, filters: MentionFilters, format: ExportFormat) => buildUrl(wsPath(ws, '/mentions/export'), { ...filters, format } as Query),
  /** Advocates, spikes or the calendar as a file, with that list's own parameters. */
  listExportUrl: (ws: string, list: 'advocates' | 'spikes' | 'calendar', params: Query, format: ExportFormat) => buildUrl(wsPath(ws, `/export/${list}`), { ...params, format }),
  replies: (ws: string, mentionId: number) => getJson<{ items: ApiReply[] }>(wsPath(ws, `/mentions/${mentionId}/replies`)),
  reply: (ws: string, mentionId: number, body: { text: string; idempotencyKey: string; approval?: boolean }) =>
    sendJson<ApiReply>('POST', wsPath(ws, `/mentions/${mentionId}/replies`), body),
  approveReply: (ws: string, replyId: number) => sendJson<ApiReply>('POST', wsPath(ws, `/replies/${replyId}/approve`)),
  mutes: (ws: string, topicId: number | string) => getJson<{ items: ApiMute[] }>(wsPath(ws, `/topics/${encodeURIComponent(String(topicId))}/mutes`)),
  mute: (ws: string, topicId: number | string, mute: { kind: MuteKind; value: string; reason?: string }) =>
    sendJson<MuteChange>('POST', wsPath(ws, `/topics/${encodeURIComponent(String(topicId))}/mutes`), mute),
  unmute: (ws: string, topicId: number | string, muteId: number) =>
    sendJson<MuteChange>('DELETE', wsPath(ws, `/topics/${encodeURIComponent(String(topicId))}/mutes/${muteId}`)),
};
