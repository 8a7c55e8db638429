/**
 * Calls of the mention lists (mutes, exports, replies), apart from endpoints.ts so the
 * inbox's own calls grow beside them without touching one file.
 */
import { getJson, sendJson } from './client.ts';
import { wsPath } from './endpoints.ts';

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

export const listsEndpoints = {
  mutes: (ws: string, topicId: number | string) => getJson<{ items: ApiMute[] }>(wsPath(ws, `/topics/${encodeURIComponent(String(topicId))}/mutes`)),
  mute: (ws: string, topicId: number | string, mute: { kind: MuteKind; value: string; reason?: string }) =>
    sendJson<MuteChange>('POST', wsPath(ws, `/topics/${encodeURIComponent(String(topicId))}/mutes`), mute),
  unmute: (ws: string, topicId: number | string, muteId: number) =>
    sendJson<MuteChange>('DELETE', wsPath(ws, `/topics/${encodeURIComponent(String(topicId))}/mutes/${muteId}`)),
};
