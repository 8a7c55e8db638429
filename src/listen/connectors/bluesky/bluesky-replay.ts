/**
 * Test support: a Bluesky PDS + AppView on a ReplayServer — app-password sessions
 * with expiring tokens, searchPosts with cursor/since/until/lang as documented,
 * and the repo record calls the publisher uses.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { NetworkReplay, startReplay, jsonBody, ReplayServer, type ReplayRequest, type ReplayResponse } from '../replay-server.ts';
import { authors, type PostFixture } from './bluesky-fixtures.ts';

/** The largest blob the PDS accepts here; an image embed allows 1,000,000 bytes. */
const BLOB_LIMIT = 5_000_000;

const sortAt = (p: PostFixture) => Math.min(Date.parse(p.record.createdAt), Date.parse(p.indexedAt));

export class BlueskyReplay extends NetworkReplay {
  posts: PostFixture[] = [];
  /** The account's own feed, newest first, as getAuthorFeed returns it (`reason` marks a repost). */
  authorFeed: { post: PostFixture; reason?: Record<string, unknown> }[] = [];
  followersCount = 2048;
  appPassword = 'abcd-efgh-ijkl-mnop';
  readonly account = authors.alice;
  /** Records written through createRecord, by rkey. */
  records = new Map<string, Record<string, unknown>>();
  /** Blobs sent through uploadBlob, by CID. */
  blobs = new Map<string, { mimeType: string; bytes: Buffer }>();
  /** uploadBlob calls allowed before a 429 (the PDS's rate limit, as its ratelimit-* headers announce). */
  blobUploadsLeft = 100;
  sessionsCreated = 0;
  refreshes = 0;
  #access = new Set<string>();
  #refresh = new Set<string>();
  #counter = 0;

  constructor(server: ReplayServer) {
    super(server);
    this.#routes();
  }

  static start(): Promise<BlueskyReplay> {
    return startReplay(BlueskyReplay);
  }


  /** Every access token issued so far expires (as after two hours). */
  expireAccessTokens() {
    this.#access.clear();
  }

  expireRefreshTokens() {
    this.#refresh.clear();
  }

  #session(): ReplayResponse {
    const n = ++this.#counter;
    const accessJwt = `access-${n}`;
    const refreshJwt = `refresh-${n}`;
    this.#access.add(accessJwt);
    this.#refresh.add(refreshJwt);
    return { json: { did: this.account.did, handle: this.account.handle, email: 'alice@example.com', emailConfirmed: true, accessJwt, refreshJwt, active: true } };
  }

  #bearer(request: ReplayRequest): string | null {
    return /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? null;
  }

  /** null when the access token is valid, else the documented error. */
  #denied(request: ReplayRequest): ReplayResponse | null {
    const token = this.#bearer(request);
    if (!token) return { status: 401, json: { error: 'AuthenticationRequired', message: 'Authentication Required' } };
    if (!this.#access.has(token)) return { status: 400, json: { error: 'ExpiredToken', message: 'Token has expired' } };
    return null;
  }

  #routes() {
    const s = this.server;
    const limits = () => ({ 'ratelimit-limit': '3000', 'ratelimit-remaining': '2999', 'ratelimit-reset': '1795000000', 'ratelimit-policy': '3000;w=300' });
    s.route('POST', '/xrpc/com.atproto.server.createSession', (req) => {
      const body = jsonBody(req) as { identifier?: string; password?: string } | undefined;
      if (body?.identifier !== this.account.handle || body.password !== this.appPassword) {
        return { status: 401, json: { error: 'AuthenticationRequired', message: 'Invalid identifier or password' } };
      }
      this.sessionsCreated += 1;
      return this.#session();
    });
    s.route('POST', '/xrpc/com.atproto.server.refreshSession', (req) => {
      const token = this.#bearer(req);
      if (!token || !this.#refresh.has(token)) return { status: 400, json: { error: 'ExpiredToken', message: 'Token has expired' } };
      this.#refresh.delete(token);
      this.refreshes += 1;
      return this.#session();
    });
    s.route('GET', '/xrpc/app.bsky.feed.searchPosts', (req) => {
      const denied = this.#denied(req);
      if (denied) return denied;
      const q = req.query;
      const term = (q.get('q') ?? '').toLowerCase();
      if (!term) return { status: 400, json: { error: 'InvalidRequest', message: 'Error: Params must have the property "q"' } };
      const since = q.get('since') ? Date.parse(q.get('since')!) : -Infinity;
      const until = q.get('until') ? Date.parse(q.get('until')!) : Infinity;
      const lang = q.get('lang');
      const limit = Math.min(Number(q.get('limit') ?? 25), 100);
      const offset = Number(q.get('cursor') ?? 0);
      const hits = this.posts
        .filter((p) => p.record.text.toLowerCase().includes(term))
        .filter((p) => sortAt(p) >= since && sortAt(p) < until)
        .filter((p) => !lang || (p.record.langs ?? []).includes(lang))
        .sort((a, b) => sortAt(b) - sortAt(a));
      const page = hits.slice(offset, offset + limit);
      const cursor = offset + limit < hits.length ? String(offset + limit) : undefined;
      return { json: { ...(cursor ? { cursor } : {}), hitsTotal: hits.length, posts: page }, headers: limits() };
    });
    s.route('GET', '/xrpc/app.bsky.actor.getProfile', (req) => {
      const denied = this.#denied(req);
      if (denied) return denied;
      const actor = req.query.get('actor');
      if (actor !== this.account.did && actor !== this.account.handle) return { status: 400, json: { error: 'InvalidRequest', message: 'Profile not found' } };
      return { json: { ...this.account, followersCount: this.followersCount, followsCount: 180, postsCount: this.authorFeed.length, indexedAt: '2026-11-01T00:00:00.000Z', createdAt: '2023-04-20T00:00:00.000Z', labels: [] } };
    });
    s.route('GET', '/xrpc/app.bsky.feed.getAuthorFeed', (req) => {
      const denied = this.#denied(req);
      if (denied) return denied;
      if (req.query.get('actor') !== this.account.did) return { status: 400, json: { error: 'InvalidRequest', message: 'Profile not found' } };
      const limit = Math.min(Number(req.query.get('limit') ?? 50), 100);
      const offset = Number(req.query.get('cursor') ?? 0);
      const page = this.authorFeed.slice(offset, offset + limit);
      return { json: { ...(offset + limit < this.authorFeed.length ? { cursor: String(offset + limit) } : {}), feed: page } };
    });
    s.route('GET', '/xrpc/app.bsky.actor.getProfiles', (req) => {
      const denied = this.#denied(req);
      if (denied) return denied;
      const actors = req.query.getAll('actors');
      const profiles = Object.values(authors).map((a, i) => ({ ...a, followersCount: 1000 * (i + 1), followsCount: 10, postsCount: 500, createdAt: '2023-04-20T00:00:00.000Z' }));
      return { json: { profiles: profiles.filter((a) => actors.includes(a.did) || actors.includes(a.handle)) } };
    });
    // https://docs.bsky.app/docs/api/app-bsky-feed-get-posts: the posts known, in the order asked; unknown ones left out.
    s.route('GET', '/xrpc/app.bsky.feed.getPosts', (req) => {
      const denied = this.#denied(req);
      if (denied) return denied;
      const uris = req.query.getAll('uris');
      return { json: { posts: uris.flatMap((uri) => this.posts.filter((p) => p.uri === uri)) } };
    });
    s.route('GET', '/xrpc/com.atproto.repo.getRecord', (req) => {
      const denied = this.#denied(req);
      if (denied) return denied;
      const rkey = req.query.get('rkey') ?? '';
      const record = this.records.get(rkey);
      if (!record) return { status: 400, json: { error: 'RecordNotFound', message: `Could not locate record: at://${this.account.did}/app.bsky.feed.post/${rkey}` } };
      return { json: { uri: `at://${this.account.did}/app.bsky.feed.post/${rkey}`, cid: 'bafyreiexisting', value: record } };
    });
    // https://docs.bsky.app/docs/api/com-atproto-repo-upload-blob: raw bytes in, a blob ref out.
    s.route('POST', '/xrpc/com.atproto.repo.uploadBlob', (req) => {
      const denied = this.#denied(req);
      if (denied) return denied;
      if (this.blobUploadsLeft <= 0) return { status: 429, json: { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' }, headers: { ...limits(), 'ratelimit-remaining': '0' } };
      this.blobUploadsLeft -= 1;
      const mimeType = String(req.headers['content-type'] ?? '');
      if (req.raw.byteLength > BLOB_LIMIT) return { status: 400, json: { error: 'BlobTooLarge', message: `This file is too large. It is ${req.raw.byteLength} bytes but the maximum size is ${BLOB_LIMIT} bytes.` } };
      const cid = `bafkrei${createHash('sha256').update(req.raw).digest('hex').slice(0, 52)}`;
      this.blobs.set(cid, { mimeType, bytes: req.raw });
      return { json: { blob: { $type: 'blob', ref: { $link: cid }, mimeType, size: req.raw.byteLength } }, headers: limits() };
    });
    s.route('POST', '/xrpc/com.atproto.repo.createRecord', (req) => {
      const denied = this.#denied(req);
      if (denied) return denied;
      const body = jsonBody(req) as { repo: string; collection: string; rkey?: string; record: Record<string, unknown> };
      if (body.repo !== this.account.did) return { status: 400, json: { error: 'InvalidRequest', message: 'Invalid repo' } };
      const embed = body.record.embed as { $type?: string; images?: { alt?: unknown; image?: { ref?: { $link?: string } } }[] } | undefined;
      for (const image of embed?.$type === 'app.bsky.embed.images' ? (embed.images ?? []) : []) {
        if (typeof image.alt !== 'string') return { status: 400, json: { error: 'InvalidRecord', message: 'Record/embed/images/0 must have the property "alt"' } };
        if (!this.blobs.has(image.image?.ref?.$link ?? '')) return { status: 400, json: { error: 'InvalidRecord', message: 'Could not find blob' } };
      }
      const rkey = body.rkey ?? `3lnew${this.records.size}`;
      if (this.records.has(rkey)) return { status: 400, json: { error: 'InvalidRequest', message: 'Record already exists' } };
      this.records.set(rkey, body.record);
      return { json: { uri: `at://${this.account.did}/${body.collection}/${rkey}`, cid: 'bafyreinewrecord', commit: { cid: 'bafyreicommit', rev: '3lrev' }, validationStatus: 'valid' } };
    });
  }
}

/**
 * Test support: a Jetstream on a local websocket server. Tests send commit events
 * (shaped as in https://github.com/bluesky-social/jetstream#example-events) to
 * every subscriber, or drop the connections.
 */
export class JetstreamReplay {
  readonly #server: WebSocketServer;
  readonly clients = new Set<WebSocket>();
  readonly subscriptions: URL[] = [];
  url = '';

  private constructor(server: WebSocketServer) {
    this.#server = server;
    server.on('connection', (socket, request) => {
      this.subscriptions.push(new URL(request.url ?? '/', 'ws://127.0.0.1'));
      this.clients.add(socket);
      socket.on('close', () => this.clients.delete(socket));
    });
  }

  static async start(): Promise<JetstreamReplay> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const replay = new JetstreamReplay(server);
    replay.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return replay;
  }

  send(event: unknown) {
    const text = typeof event === 'string' ? event : JSON.stringify(event);
    for (const client of this.clients) client.send(text);
  }

  dropAll() {
    for (const client of this.clients) client.terminate();
  }

  async close() {
    this.dropAll();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** A Jetstream commit event creating a post. */
export function jetstreamPost(did: string, rkey: string, text: string, options: { langs?: string[]; replyTo?: string; timeUs?: number } = {}) {
  const createdAt = new Date(Math.floor((options.timeUs ?? 1_795_000_000_000_000) / 1000)).toISOString();
  const record: Record<string, unknown> = { $type: 'app.bsky.feed.post', createdAt, langs: options.langs ?? ['en'], text };
  if (options.replyTo) record.reply = { parent: { cid: 'bafyreiparent', uri: options.replyTo }, root: { cid: 'bafyreiparent', uri: options.replyTo } };
  return {
    did,
    time_us: options.timeUs ?? 1_795_000_000_000_000,
    kind: 'commit',
    commit: { rev: '3l3qo2vutsw2b', operation: 'create', collection: 'app.bsky.feed.post', rkey, record, cid: 'bafyreidwaivazkwu67xztlmuobx35hs2lnfh3kolmgfmucldvhd3sgzcqi' },
  };
}
