/**
 * Pages shaped like Telegram's public channel preview, https://t.me/s/<channel> (e.g.
 * https://t.me/s/telegram, https://t.me/s/durov): the class names, `data-post`,
 * `data-before`, `<time datetime>`, view and subscriber counts abbreviated as "12.4K",
 * reactions as `.tgme_reaction`, the oldest message first on each page, ~20 messages a
 * page, and a `.tme_messages_more[data-before]` link above them while older ones exist.
 * Telegram documents the embeddable widget (https://core.telegram.org/widgets/post) but
 * not this page; the markup below follows the served one, trimmed of scripts' bodies and
 * styles. A channel whose preview is off (or private, or unknown) redirects to its plain
 * `t.me/<channel>` page, a `.tgme_page` with no message history.
 */
export interface ChannelMessage {
  id: number;
  datetime: string;
  /** The message body as t.me renders it (HTML: <br/>, <a>, <b>, emoji markup). */
  html: string;
  views?: string;
  reactions?: [emoji: string, count: string][];
  service?: boolean;
}

export interface Channel {
  name: string;
  title: string;
  subscribers: string;
  messages: ChannelMessage[];
}

const PAGE_SIZE = 20;

function messageHtml(channel: Channel, m: ChannelMessage): string {
  if (m.service) {
    return `<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message service_message js-widget_message" data-post="${channel.name}/${m.id}"><div class="tgme_widget_message_bubble"><div class="message_media_not_supported_wrap"></div><div class="tgme_widget_message_text js-message_text" dir="auto">${m.html}</div><div class="tgme_widget_message_footer js-message_footer"><div class="tgme_widget_message_info js-message_info"><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/${channel.name}/${m.id}"><time datetime="${m.datetime}" class="time">12:00</time></a></span></div></div></div></div></div>`;
  }
  const reactions = m.reactions?.length
    ? `<div class="tgme_widget_message_reactions js-message_reactions">${m.reactions.map(([emoji, count]) => `<span class="tgme_reaction"><i class="emoji" style="background-image:url('//telegram.org/img/emoji/40/F09F918D.png')"><b>${emoji}</b></i>${count}</span>`).join('')}</div>`
    : '';
  return `
    <div class="tgme_widget_message_wrap js-widget_message_wrap">
      <div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="${channel.name}/${m.id}" data-view="eyJjIjotMTAwMTAwNTY0MDg5MiwicCI6MTIwMSwidCI6MTczMjE4MTQwMCwiaCI6IjFhMmIzYyJ9">
        <div class="tgme_widget_message_user"><a href="https://t.me/${channel.name}"><i class="tgme_widget_message_user_photo bgcolor1" style="background-color:#f4a53e" data-content="B"><img src="https://cdn4.cdn-telegram.org/file/x.jpg"></i></a></div>
        <div class="tgme_widget_message_bubble">
          <i class="tgme_widget_message_bubble_tail"><svg class="bubble_icon" width="9px" height="20px" viewBox="0 0 9 20"><g fill="none"><path class="background" fill="#ffffff" d="M8,1 L9,1 L9,20 L8,20 L8,18 C7.807,15.161 7.124,12.233 5.950,9.218 C5.046,6.893 3.504,4.733 1.325,2.738 L1.325,2.738 C0.917,2.365 0.89,1.732 1.263,1.325 C1.452,1.118 1.72,1 2,1 L8,1 Z"></path></g></svg></i>
          <div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/${channel.name}"><span dir="auto">${channel.title}</span></a></div>
          <div class="tgme_widget_message_text js-message_text" dir="auto">${m.html}</div>
          ${reactions}
          <div class="tgme_widget_message_footer compact js-message_footer">
            <div class="tgme_widget_message_info short js-message_info">
              ${m.views ? `<span class="tgme_widget_message_views">${m.views}</span><span class="copyonly"> views</span>` : ''}<span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/${channel.name}/${m.id}"><time datetime="${m.datetime}" class="time">09:30</time></a></span>
            </div>
          </div>
        </div>
      </div>
    </div>`;
}

/** The preview page of messages older than `before` (all when null). */
export function channelPage(channel: Channel, before: number | null): string {
  const older = channel.messages.filter((m) => before == null || m.id < before).sort((a, b) => a.id - b.id);
  const shown = older.slice(-PAGE_SIZE);
  const more = older.length > shown.length ? `<div class="tgme_widget_message_centered js-messages_more_wrap"><a href="/s/${channel.name}?before=${shown[0]!.id}" class="tme_messages_more js-messages_more" data-before="${shown[0]!.id}"></a></div>` : '';
  return `<!DOCTYPE html>
<html>
  <head>
    <meta charset="utf-8">
    <title>${channel.title} – Telegram</title>
    <meta name="viewport" content="width=device-width, initial-scale=1.0, minimum-scale=1.0, maximum-scale=1.0, user-scalable=no">
    <meta property="og:title" content="${channel.title}">
    <meta property="og:site_name" content="Telegram">
    <link rel="canonical" href="https://t.me/s/${channel.name}"/>
    <script>window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches && document.documentElement.classList.add('theme_dark'); if (1 < 2 && 3 > 2) {}</script>
  </head>
  <body class="widget_frame_base tgme_webpreview_body emoji_image nostretch">
    <header class="tgme_header search_collapsed"><div class="tgme_header_search"><form class="tgme_header_search_form" action="/s/${channel.name}" method="get"><input class="tgme_header_search_form_input js-header_search" name="q" type="text" placeholder="Search" autocomplete="off"></form></div></header>
    <main class="tgme_main">
      <div class="tgme_container">
        <section class="tgme_right_column">
          <div class="tgme_channel_info">
            <div class="tgme_channel_info_header"><div class="tgme_channel_info_header_title"><span dir="auto">${channel.title}</span></div><div class="tgme_channel_info_header_username"><a href="https://t.me/${channel.name}">@${channel.name}</a></div></div>
            <div class="tgme_channel_info_counters">
              <div class="tgme_channel_info_counter"><span class="counter_value">${channel.subscribers}</span> <span class="counter_type">subscribers</span></div>
              <div class="tgme_channel_info_counter"><span class="counter_value">312</span> <span class="counter_type">photos</span></div>
              <div class="tgme_channel_info_counter"><span class="counter_value">41</span> <span class="counter_type">links</span></div>
            </div>
          </div>
        </section>
        <section class="tgme_channel_history js-message_history">
          ${more}
          ${shown.map((m) => messageHtml(channel, m)).join('\n')}
        </section>
      </div>
    </main>
    <script src="//telegram.org/js/widget-frame.js?66"></script>
    <script>TWidgetPost.init();</script>
  </body>
</html>`;
}

/** What t.me/<channel> shows when there is no preview to see. */
export function plainChannelPage(name: string): string {
  return `<!DOCTYPE html>
<html class=""><head><meta charset="utf-8"><title>Telegram: Contact @${name}</title><meta property="og:title" content="Telegram: Contact @${name}"></head>
<body><div class="tgme_page_wrap"><div class="tgme_body_wrap"><div class="tgme_page"><div class="tgme_page_icon"></div><div class="tgme_page_title"><span dir="auto">Brewly Insiders</span></div><div class="tgme_page_description">If you have <strong>Telegram</strong>, you can contact <a class="tgme_username_link" href="tg://resolve?domain=${name}">@${name}</a> right away.</div><div class="tgme_page_action"><a class="tgme_action_button_new shine" href="tg://resolve?domain=${name}">Send Message</a></div></div></div></div></body></html>`;
}

/** 25 messages of a coffee brand's channel: two pages on the preview, with a service message and a photo without caption. */
export function brewlyChannel(): Channel {
  const messages: ChannelMessage[] = [];
  for (let i = 0; i < 25; i++) {
    const id = 1177 + i;
    const at = new Date(Date.parse('2026-11-21T10:00:00Z') - (24 - i) * 3_600_000).toISOString().replace('.000Z', '+00:00');
    messages.push({ id, datetime: at, html: `Roast log #${id}: Ethiopia Guji, medium.`, views: `${(i + 1) * 100}` });
  }
  messages[0] = { ...messages[0]!, service: true, html: 'Channel photo updated' };
  messages[10] = { ...messages[10]!, html: '' }; // a photo without caption
  messages[23] = { ...messages[23]!, html: 'Tomorrow in Sofia: see <a href="https://brewly.example/menu?city=sofia" target="_blank" rel="noopener">our menu</a>.' };
  messages[24] = {
    id: 1201,
    datetime: '2026-11-21T09:30:00+00:00',
    html: 'Brewly opens in <b>Sofia</b> today!<br/>Come and taste &amp; tell us: <a href="https://brewly.example/sofia" target="_blank" rel="noopener">brewly.example/sofia</a> <i class="emoji" style="background-image:url(\'//telegram.org/img/emoji/40/E29895.png\')"><b>☕</b></i>',
    views: '12.4K',
    reactions: [
      ['👍', '325'],
      ['❤', '1.2K'],
    ],
  };
  return { name: 'brewlynews', title: 'Brewly News', subscribers: '48.2K', messages };
}
