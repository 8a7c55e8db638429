/**
 * Test support: a Mastodon instance on a ReplayServer, following the documented
 * paging (max_id / since_id / min_id / limit, Link header), rate-limit headers,
 * search, account lookup and posting with Idempotency-Key. Tests mutate `statuses`
 * to make new posts arrive between polls.
 */
import { htmlToText } from '../html-text.ts';
import { jsonBody, NetworkReplay, ReplayServer, startReplay, type ReplayRequest, type ReplayResponse } from '../replay-server.ts';
import { accounts, status as makeStatus, type AccountFixture, type StatusFixture } from './mastodon-fixtures.ts';

type Status = StatusFixture;

const byIdDesc = (a: Status, b: Status) => (BigInt(b.id) > BigInt(a.id) ? 1 : BigInt(b.id) < BigInt(a.id) ? -1 : 0);

export class MastodonReplay extends NetworkReplay {
  statuses: Status[] = [];
  tags: Record<string, unknown>[] = [];
  /** Access tokens the instance accepts; empty = public endpoints only need none. */
  tokens = new Set<string>(['mastodon-token-1']);
  posted: Status[] = [];
  /** Open streaming connections, by tag. */
  readonly streams: { tag: string; write(text: string): void; end(): void }[] = [];
  rateLimit = { limit: 300, remaining: 300, resetAt: '2026-11-22T12:05:00.000Z' };
  readonly #idempotent = new Map<string, Status>();
  /** Pictures uploaded through POST /api/v2/media, by id; `pendingPolls` 206 answers before it is processed. */
  readonly media = new Map<string, { description: string; mimeType: string; bytes: Buffer; pendingPolls: number }>();
  /** Polls answered 206 before a new upload is processed; 0 answers the upload itself with 200 (small pictures). */
  processingPolls = 0;
  /** Media uploads allowed per window, as the documented 30 per 30 minutes: https://docs.joinmastodon.org/api/rate-limits/ */
  mediaUploadsLeft = 30;
  /**
   * The instance's configuration.media_attachments.image_size_limit in bytes (GET /api/v2/instance);
   * null: an instance older than 4.0, which has no v2 endpoint (404).
   */
  imageSizeLimit: number | null = 16_777_216;

  constructor(server: ReplayServer) {
    super(server);
    this.#routes();
  }

  static start(): Promise<MastodonReplay> {
    return startReplay(MastodonReplay);
  }


  #headers(): Record<string, string> {
    this.rateLimit.remaining = Math.max(0, this.rateLimit.remaining - 1);
    return {
      'x-ratelimit-limit': String(this.rateLimit.limit),
      'x-ratelimit-remaining': String(this.rateLimit.remaining),
      'x-ratelimit-reset': this.rateLimit.resetAt,
    };
  }

  #authorized(request: ReplayRequest): boolean {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    return token != null && this.tokens.has(token);
  }

  /** Paging as the docs describe it: newest first, `limit` (default 20, max 40), Link next/prev. */
  #page(request: ReplayRequest, list: Status[]): ReplayResponse {
    const q = request.query;
    const limit = Math.min(Number(q.get('limit') ?? 20), 40);
    const maxId = q.get('max_id');
    const sinceId = q.get('since_id');
    const minId = q.get('min_id');
    let items = [...list].sort(byIdDesc);
    if (maxId) items = items.filter((s) => BigInt(s.id) < BigInt(maxId));
    if (sinceId) items = items.filter((s) => BigInt(s.id) > BigInt(sinceId));
    // min_id pages upwards: the `limit` statuses immediately newer than it.
    if (minId) items = items.filter((s) => BigInt(s.id) > BigInt(minId)).slice(-limit);
    else items = items.slice(0, limit);
    const headers = this.#headers();
    if (items.length > 0) {
      const base = `${this.url}${request.path}`;
      const keep = new URLSearchParams(q);
      ['max_id', 'since_id', 'min_id'].forEach((k) => keep.delete(k));
      const extra = keep.toString() ? `&${keep}` : '';
      headers.link = `<${base}?max_id=${items.at(-1)!.id}${extra}>; rel="next", <${base}?min_id=${items[0]!.id}${extra}>; rel="prev"`;
    }
    return { json: items, headers };
  }

  /** Sends a new status to every open stream of its tag, as `event: update` (Status JSON in one data line). */
  pushUpdate(tag: string, status: Status) {
    this.statuses.push(status);
    for (const stream of this.streams.filter((st) => st.tag === tag)) stream.write(`event: update\ndata: ${JSON.stringify(status)}\n\n`);
  }

  /** Drops every open stream, as a restart of the streaming server would. */
  dropStreams() {
    for (const stream of this.streams.splice(0)) stream.end();
  }

  #routes() {
    const s = this.server;
    s.route('GET', /^\/api\/v1\/streaming\/hashtag(\/local)?$/, (req) => ({
      stream: (writer) => {
        const tag = (req.query.get('tag') ?? '').toLowerCase();
        this.streams.push({ tag, ...writer });
        writer.write(':)\n\n'); // Mastodon opens with a comment, then heartbeats (`:thump`)
      },
    }));
    s.route('GET', /^\/api\/v1\/timelines\/tag\/[^/]+$/, (req) => {
      const name = decodeURIComponent(req.path.split('/').pop()!).toLowerCase();
      const tagged = this.statuses.filter((st) => htmlToText(String((st.reblog as Status | null)?.content ?? st.content)).toLowerCase().includes(`#${name}`));
      return this.#page(req, req.query.get('local') === 'true' ? tagged.filter((st) => !String((st.account as AccountFixture).acct).includes('@')) : tagged);
    });
    s.route('GET', '/api/v1/accounts/lookup', (req) => {
      const acct = req.query.get('acct');
      const account = Object.values(accounts).find((a) => a.acct === acct);
      return account ? { json: makeStatus({ id: '0', account, content: '', createdAt: '2026-01-01T00:00:00Z' }).account, headers: this.#headers() } : { status: 404, json: { error: 'Record not found' } };
    });
    s.route('GET', /^\/api\/v1\/accounts\/[^/]+\/statuses$/, (req) => {
      const id = req.path.split('/')[4];
      return this.#page(req, this.statuses.filter((st) => (st.account as AccountFixture).id === id));
    });
    s.route('GET', /^\/api\/v1\/statuses\/[^/]+$/, (req) => {
      const found = this.statuses.find((st) => st.id === req.path.split('/').pop());
      return found ? { json: found, headers: this.#headers() } : { status: 404, json: { error: 'Record not found' } };
    });
    s.route('GET', '/api/v2/search', (req) => {
      const q = (req.query.get('q') ?? '').toLowerCase();
      const type = req.query.get('type');
      const result = { accounts: [] as unknown[], statuses: [] as unknown[], hashtags: [] as unknown[] };
      if (type === 'hashtags' || !type) result.hashtags = this.tags.filter((t) => String(t.name).toLowerCase() === q.replace(/^#/, ''));
      // Full-text status search needs a signed-in user (docs: "requires authentication").
      if ((type === 'statuses' || !type) && this.#authorized(req)) {
        // With resolve=true a status URL or URI finds that status (docs: "attempt WebFinger lookup").
        const byUri = req.query.get('resolve') === 'true' ? this.statuses.filter((st) => st.uri === req.query.get('q') || st.url === req.query.get('q')) : [];
        const matching = byUri.length > 0 ? byUri : this.statuses.filter((st) => htmlToText(String(st.content)).toLowerCase().includes(q));
        result.statuses = (this.#page(req, matching).json as Status[]);
      }
      return { json: result, headers: this.#headers() };
    });
    this.#mediaRoutes();
    this.#instanceRoute();
    s.route('POST', '/api/v1/statuses', (req) => {
      if (!this.#authorized(req)) return { status: 401, json: { error: 'The access token is invalid' } };
      const key = req.headers['idempotency-key'];
      const previous = typeof key === 'string' ? this.#idempotent.get(key) : undefined;
      if (previous) return { json: previous, headers: this.#headers() };
      const body = jsonBody(req) as { status?: string; in_reply_to_id?: string; media_ids?: string[] } | undefined;
      if (!body?.status) return { status: 422, json: { error: "Validation failed: Text can't be blank" } };
      const attached = (body.media_ids ?? []).map((id) => this.media.get(id));
      if (attached.some((m) => !m)) return { status: 422, json: { error: 'Validation failed: Media attachments are invalid' } };
      if (attached.some((m) => m!.pendingPolls > 0)) return { status: 422, json: { error: 'Cannot attach files that have not finished processing. Try again in a moment!' } };
      if (body.in_reply_to_id && !this.statuses.some((st) => st.id === body.in_reply_to_id)) return { status: 404, json: { error: 'Record not found' } };
      const created = makeStatus({
        id: String(200_000 + this.posted.length),
        account: accounts.brand,
        content: `<p>${body.status}</p>`,
        createdAt: new Date().toISOString(),
        inReplyToId: body.in_reply_to_id ?? null,
      }) as Status;
      created.media_attachments = (body.media_ids ?? []).map((id) => this.#attachment(id));
      this.posted.push(created);
      if (typeof key === 'string') this.#idempotent.set(key, created);
      return { json: created, headers: this.#headers() };
    });
  }

  #attachment(id: string) {
    const m = this.media.get(id)!;
    const processed = m.pendingPolls === 0;
    return { id, type: 'image', url: processed ? `${this.url}/system/media/${id}.png` : null, preview_url: `${this.url}/system/media/${id}-small.png`, remote_url: null, description: m.description, blurhash: null, meta: {} };
  }

  // https://docs.joinmastodon.org/methods/media/#v2 and #get
  #mediaRoutes() {
    const s = this.server;
    s.route('POST', '/api/v2/media', async (req) => {
      if (!this.#authorized(req)) return { status: 401, json: { error: 'The access token is invalid' } };
      if (this.mediaUploadsLeft <= 0) return { status: 429, json: { error: 'Too many requests' }, headers: { ...this.#headers(), 'x-ratelimit-remaining': '0' } };
      this.mediaUploadsLeft -= 1;
      const form = await new Request('http://replay.invalid/', { method: 'POST', headers: { 'content-type': String(req.headers['content-type'] ?? '') }, body: new Uint8Array(req.raw) }).formData().catch(() => null);
      const file = form?.get('file');
      if (!form || !(file instanceof Blob)) return { status: 422, json: { error: "Validation failed: File can't be blank" } };
      if (!file.type.startsWith('image/')) return { status: 422, json: { error: 'Validation failed: File content type is invalid, File is invalid' } };
      if (this.imageSizeLimit !== null && file.size > this.imageSizeLimit) return { status: 422, json: { error: `Validation failed: File file size must be less than ${this.imageSizeLimit} Bytes` } };
      const id = String(110_000_000 + this.media.size);
      this.media.set(id, { description: String(form.get('description') ?? ''), mimeType: file.type, bytes: Buffer.from(await file.arrayBuffer()), pendingPolls: this.processingPolls });
      return { status: this.processingPolls > 0 ? 202 : 200, json: this.#attachment(id), headers: this.#headers() };
    });
    s.route('GET', /^\/api\/v1\/media\/[^/]+$/, (req) => {
      if (!this.#authorized(req)) return { status: 401, json: { error: 'The access token is invalid' } };
      const id = req.path.split('/').pop()!;
      const m = this.media.get(id);
      if (!m) return { status: 404, json: { error: 'Record not found' } };
      if (m.pendingPolls > 0) {
        const processing = this.#attachment(id);
        m.pendingPolls -= 1;
        return { status: 206, json: processing };
      }
      return { json: this.#attachment(id) };
    });
  }

  /**
   * GET /api/v2/instance, public, shaped as the Instance entity of
   * https://docs.joinmastodon.org/methods/instance/#v2 and https://docs.joinmastodon.org/entities/Instance/
   * (the documented example, cut to what matters here and a few neighbours).
   */
  #instanceRoute() {
    this.server.route('GET', '/api/v2/instance', () => {
      if (this.imageSizeLimit === null) return { status: 404, json: { error: 'Record not found' } };
      return {
        headers: this.#headers(),
        json: {
          domain: new URL(this.url).host,
          title: 'Replay',
          version: '4.3.0',
          source_url: 'https://github.com/mastodon/mastodon',
          configuration: {
            urls: { streaming: this.url.replace(/^http/, 'ws') },
            accounts: { max_featured_tags: 10 },
            statuses: { max_characters: 500, max_media_attachments: 4, characters_reserved_per_url: 23 },
            media_attachments: {
              supported_mime_types: ['image/jpeg', 'image/png', 'image/gif', 'image/heic', 'image/heif', 'image/webp', 'image/avif', 'video/webm', 'video/mp4', 'video/quicktime', 'video/ogg', 'audio/wave', 'audio/wav', 'audio/x-wav', 'audio/x-pn-wave', 'audio/vnd.wave', 'audio/ogg', 'audio/vorbis', 'audio/mpeg', 'audio/mp3', 'audio/webm', 'audio/flac', 'audio/aac', 'audio/m4a', 'audio/x-m4a', 'audio/mp4', 'audio/3gpp', 'video/x-ms-asf'],
              image_size_limit: this.imageSizeLimit,
              image_matrix_limit: 16777216,
              video_size_limit: 103809024,
              video_frame_rate_limit: 120,
              video_matrix_limit: 8294400,
            },
            polls: { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2629746 },
            translation: { enabled: false },
          },
          registrations: { enabled: false, approval_required: false, message: null },
        },
      };
    });
  }
}
