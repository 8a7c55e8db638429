/**
 * Test support: t.me on a ReplayServer. `/s/<channel>` serves the preview page (older
 * messages with `?before=`); a channel without a preview redirects to `/<channel>`, as t.me does.
 */
import { NetworkReplay, ReplayServer, startReplay, type ReplayRequest, type ReplayResponse } from '../replay-server.ts';
import { channelPage, plainChannelPage, type Channel } from './telegram-fixtures.ts';

export class TelegramReplay extends NetworkReplay {
  readonly channels = new Map<string, Channel>();

  constructor(server: ReplayServer) {
    super(server);
    this.server.route('GET', /^\/s\/[^/]+$/, (req) => this.#preview(req));
    this.server.route('GET', /^\/[A-Za-z0-9_]+$/, (req) => ({ body: plainChannelPage(req.path.slice(1)), headers: { 'content-type': 'text/html; charset=utf-8' } }));
  }

  static start(): Promise<TelegramReplay> {
    return startReplay(TelegramReplay);
  }

  #preview(req: ReplayRequest): ReplayResponse {
    const name = req.path.slice('/s/'.length);
    const channel = this.channels.get(name.toLowerCase());
    if (!channel) return { status: 302, headers: { location: `/${name}` } };
    const before = req.query.get('before');
    return { body: channelPage(channel, before ? Number(before) : null), headers: { 'content-type': 'text/html; charset=utf-8' } };
  }
}
