import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints, type MentionFilters } from '../api/endpoints.ts';
import type { ApiMention } from '../api/types.ts';
import { Link } from '../app/router.tsx';
import { formatNumber } from '../i18n/format.ts';
import { fromMention, PostCard } from './MentionCard.tsx';

/** Members shown inline when a collapsed row is opened; the rest are a link away. */
const INLINE_MEMBERS = 20;

/**
 * A collapsed row's reposts and quotes: a button with the count that opens the other
 * members of the group (the same search, restricted to the group) under the row.
 */
export function RepostGroup({ ws, mention, filters }: { ws: string; mention: ApiMention; filters: MentionFilters }) {
  const { t, i18n } = useTranslation();
  const [members, setMembers] = useState<ApiMention[] | 'loading' | null>(null);
  const group = mention.group;
  if (!group || group.members <= 1) return null;
  const others = group.members - 1;
  const memberFilters: MentionFilters = { ...filters, collapse: undefined, group: group.key };
  const toggle = () => {
    if (members !== null) return setMembers(null);
    setMembers('loading');
    endpoints.mentions(ws, memberFilters, null, INLINE_MEMBERS + 1).then(
      (page) => setMembers(page.items.filter((m) => m.id !== mention.id).slice(0, INLINE_MEMBERS)),
      () => setMembers(null),
    );
  };
  const allLink = `/mentions?${new URLSearchParams({ group: group.key }).toString()}`;
  return (
    <div className="repost-group" data-testid="repost-group">
      <button type="button" className="button-secondary" aria-expanded={members !== null} onClick={toggle}>
        {t('mentions.reposts', { formatted: formatNumber(i18n.language, others) })}
      </button>
      {members === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {Array.isArray(members) && (
        <div className="repost-members">
          {members.map((m) => (
            <PostCard key={m.id} post={fromMention(m)} />
          ))}
          {others > members.length && <Link href={allLink}>{t('mentions.allReposts', { formatted: formatNumber(i18n.language, others) })}</Link>}
        </div>
      )}
    </div>
  );
}
