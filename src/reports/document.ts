/**
 * A report as data: sections following the checklist, each made of blocks. HTML,
 * Markdown and PDF are renderings of the same document.
 */
import type { EChartsCoreOption } from 'echarts/core';

export type ReportKind = 'daily' | 'weekly' | 'monthly' | 'annual';
export const REPORT_KINDS: ReportKind[] = ['daily', 'weekly', 'monthly', 'annual'];

export interface PostCard {
  author: string;
  source: string;
  url: string | null;
  when: string;
  text: string;
  engagement: string;
  sentiment: 'negative' | 'neutral' | 'positive' | null;
}

export type Block =
  | { type: 'paragraph'; text: string; tone?: 'alert' | 'good' | 'neutral' }
  | { type: 'table'; columns: string[]; rows: string[][]; align?: ('left' | 'right')[] }
  | { type: 'chart'; title: string; option: EChartsCoreOption; height?: number }
  | { type: 'posts'; posts: PostCard[] }
  | { type: 'metrics'; items: { label: string; value: string; note?: string; tone?: 'alert' | 'good' | 'neutral' }[] }
  | { type: 'heading'; text: string };

export interface Section {
  id: string;
  /** The checklist item this section answers. */
  title: string;
  status: 'ok' | 'attention';
  blocks: Block[];
}

export interface ReportDocument {
  kind: ReportKind;
  lang: string;
  title: string;
  subtitle: string;
  generated: string;
  /** Headline figures shown above the checklist. */
  headline: Extract<Block, { type: 'metrics' }>;
  sections: Section[];
}

export type ReportFormat = 'html' | 'pdf' | 'md' | 'json';
export const REPORT_FORMATS: ReportFormat[] = ['html', 'pdf', 'md', 'json'];
