/** One authenticated GET on a Mastodon instance, a refused token named as such (the connector and the own-posts reader share it). */
import { AuthError } from '../connector.ts';
import { HttpStatusError, type HttpClient } from '../http.ts';
import type { MastodonSecrets } from './mastodon-config.ts';

export async function mastodonGet(http: HttpClient, url: URL, secrets: MastodonSecrets) {
  try {
    return await http.json(url, { headers: secrets.token ? { authorization: `Bearer ${secrets.token}` } : {} });
  } catch (error) {
    if (error instanceof HttpStatusError && error.status === 401) {
      throw new AuthError(`${url.host} refused ${secrets.token ? 'the access token (revoked or expired: create a new one)' : 'an anonymous request (this instance needs an access token: --token)'}`);
    }
    throw error;
  }
}
