import { coreMigration } from './0001-core.ts';
import { dropTsvectorMigration } from './0002-core-drop-tsvector.ts';
import { previousPublishedAtMigration } from './0003-core-previous-published-at.ts';
import { sourceLangMigration } from './0004-core-source-lang.ts';
import { unfinishedLoadsMigration } from './0005-core-unfinished-loads.ts';
import { connectorsMigration } from './2001-connectors.ts';
import { watchMigration } from './3001-watch.ts';
import { watchCatchUpMigration } from './3002-watch-catch-up.ts';
import { watchRankingsMigration } from './3003-watch-rankings.ts';
import { watchAuthorMonthsMigration } from './3004-watch-author-months.ts';
import { watchAuthorRanksMigration } from './3005-watch-author-ranks.ts';
import { watchRollupSourcesMigration } from './3006-watch-rollup-sources.ts';
import { watchSealAlertChannelsMigration } from './3007-watch-seal-alert-channels.ts';
import { planMigration } from './4001-plan.ts';
import { roiMigration } from './4002-roi.ts';
import { experimentsMigration } from './4003-experiments.ts';
import { roiLinkVisitsMigration } from './4004-roi-link-visits.ts';
import { roiSealCrmSecretMigration } from './4005-roi-seal-crm-secret.ts';
import { accountsMigration } from './5001-accounts.ts';
import { catchUpReleasedStoresMigration } from './5002-catch-up-released-stores.ts';
import { inboxMigration } from './5010-inbox.ts';
import { inboxTagsMigration } from './5011-inbox-tags.ts';
import { listsCollapseIndexesMigration } from './5020-lists-collapse-indexes.ts';
import { listsTopicMutesMigration } from './5021-lists-topic-mutes.ts';
import { mentionRepliesMigration } from './5022-mention-replies.ts';
import { watchReachRebuildMigration } from './5030-watch-reach-rebuild.ts';
import { watchCrisisDismissalsMigration } from './5031-watch-crisis-dismissals.ts';
import { ownAccountsMigration } from './5050-own-accounts.ts';
import { reportDigestsMigration } from './5080-reports-digests.ts';
import { planApprovalsMigration } from './5120-plan-approvals.ts';
import { nlpSentimentAdaptersMigration } from './5150-nlp-sentiment-adapters.ts';
import { listsSortIndexesMigration } from './5170-lists-sort-indexes.ts';
import { listsNegativeOrderIndexMigration } from './5180-lists-negative-order-index.ts';
import { planPublishUploadsMigration } from './5240-plan-publish-uploads.ts';
import { watchTopicChainsMigration } from './5250-watch-topic-chains.ts';
import { watchRollupNotSureMigration } from './5260-watch-rollup-not-sure.ts';
import { nlpAdapterHeldOutCheckMigration } from './5270-nlp-adapter-held-out-check.ts';
import type { MurmurMigration } from './migration.ts';

/**
 * Every migration, in order. Up to 5001 each part numbered its own range; from 5002 on,
 * one sequence: a new migration takes the next number above every existing one and goes
 * at the end (CONTRIBUTING.md, "Migrations"; migrations/history.test.ts checks both).
 */
export const migrations: MurmurMigration[] = [coreMigration, dropTsvectorMigration, previousPublishedAtMigration, sourceLangMigration, unfinishedLoadsMigration, connectorsMigration, watchMigration, watchCatchUpMigration, watchRankingsMigration, watchAuthorMonthsMigration, watchAuthorRanksMigration, watchRollupSourcesMigration, watchSealAlertChannelsMigration, planMigration, roiMigration, experimentsMigration, roiLinkVisitsMigration, roiSealCrmSecretMigration, accountsMigration, catchUpReleasedStoresMigration, inboxMigration, inboxTagsMigration, listsCollapseIndexesMigration, listsTopicMutesMigration, mentionRepliesMigration, watchReachRebuildMigration, watchCrisisDismissalsMigration, ownAccountsMigration, reportDigestsMigration, planApprovalsMigration, nlpSentimentAdaptersMigration, listsSortIndexesMigration, listsNegativeOrderIndexMigration, planPublishUploadsMigration, watchTopicChainsMigration, watchRollupNotSureMigration, nlpAdapterHeldOutCheckMigration];
