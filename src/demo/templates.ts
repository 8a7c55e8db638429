/**
 * Hand-written brand posts for the sample stream, in the languages Murmur serves.
 * `{b}` is the brand (or competitor) name. Generic labelled posts from
 * data/sample-texts.jsonl are mixed in with a brand reference woven around them.
 */
import type { SentimentLabel } from '../core/mention.ts';

export type DemoLang = 'en' | 'fr' | 'it' | 'bg' | 'id' | 'de' | 'es' | 'pt' | 'ar' | 'hi';

type ByLabel = Record<SentimentLabel, string[]>;

export const brandPosts: Record<DemoLang, ByLabel> = {
  en: {
    positive: [
      'My {b} Go cup kept my coffee hot through a two-hour meeting. Impressed.',
      'The new oat flat white at {b} is honestly the best in town',
      'Shoutout to the {b} team for fixing my order in minutes, great service!',
    ],
    negative: [
      '{b} app crashed again right when I tried to pay. Third time this week.',
      'Waited 25 minutes for a lukewarm latte at {b}. Not good enough.',
      'Why did {b} raise prices again? Not worth it anymore.',
    ],
    neutral: [
      'Does anyone know if {b} is opening a store near the station?',
      '{b} opening hours change from Monday according to their site',
      'Comparing {b} and the other chains for office coffee, any data?',
    ],
  },
  fr: {
    positive: [
      'Le flat white de {b} ce matin, un vrai bonheur',
      'Service impeccable chez {b}, commande prête en deux minutes !',
      'Franchement la tasse {b} Go garde le café chaud toute la matinée, top',
    ],
    negative: [
      "L'appli {b} plante encore au moment de payer, c'est pas terrible",
      'Café tiède et 20 minutes d’attente chez {b}, franchement décevant',
      '{b} augmente encore ses prix, ça ne vaut plus le coup',
    ],
    neutral: [
      'Quelqu’un sait si {b} ouvre une boutique à Lyon ?',
      '{b} change ses horaires à partir de lundi',
      'Réunion ce matin au {b} de la gare',
    ],
  },
  it: {
    positive: [
      'Il cappuccino di {b} stamattina era perfetto, non è male per niente!',
      'Personale gentilissimo da {b}, ordine pronto in un attimo',
      'La tazza {b} Go tiene il caffè caldo per ore, la adoro',
    ],
    negative: [
      "L'app di {b} si blocca sempre al pagamento, che delusione",
      'Venti minuti di fila da {b} per un caffè tiepido. Mai più.',
      '{b} ha alzato di nuovo i prezzi, non ne vale la pena',
    ],
    neutral: [
      'Qualcuno sa se {b} apre un locale a Torino?',
      '{b} cambia gli orari da lunedì',
      'Appuntamento da {b} in stazione alle 9',
    ],
  },
  bg: {
    positive: [
      'Кафето в {b} тази сутрин беше страхотно!',
      'Много любезен персонал в {b}, поръчката беше готова за минута',
      'Чашата {b} Go пази кафето топло с часове, супер е',
    ],
    negative: [
      'Приложението на {b} пак забива при плащане. Не е добре.',
      'Двайсет минути чакане в {b} за хладко кафе. Ужас.',
      '{b} пак вдигна цените, вече не си струва',
    ],
    neutral: [
      'Някой знае ли дали {b} ще отвори обект в Пловдив?',
      '{b} сменя работното време от понеделник',
      'Среща в {b} до гарата в 9',
    ],
  },
  id: {
    positive: [
      'Kopi susu di {b} pagi ini enak banget, mantap!',
      'Pelayanan {b} cepat dan ramah, pesanan siap dalam dua menit',
      'Tumbler {b} Go bikin kopi tetap panas berjam-jam, suka sekali',
    ],
    negative: [
      'Aplikasi {b} error lagi pas mau bayar, tidak bagus',
      'Antre 20 menit di {b} dan kopinya dingin. Kecewa.',
      '{b} naikin harga lagi, sudah tidak worth it',
    ],
    neutral: [
      'Ada yang tahu {b} buka cabang di Bandung?',
      '{b} ganti jam buka mulai Senin',
      'Meeting di {b} dekat stasiun jam 9',
    ],
  },
  de: {
    positive: ['Der Flat White bei {b} heute war richtig gut!', 'Super freundliches Team bei {b}, danke!'],
    negative: ['Die {b} App stürzt schon wieder beim Bezahlen ab. Nervig.', '{b} hat die Preise wieder erhöht, lohnt sich nicht mehr'],
    neutral: ['Weiß jemand, ob {b} in Köln eröffnet?', '{b} ändert ab Montag die Öffnungszeiten'],
  },
  es: {
    positive: ['El café de {b} esta mañana estaba buenísimo', 'Atención genial en {b}, pedido listo en dos minutos'],
    negative: ['La app de {b} se cuelga otra vez al pagar, qué desastre', '{b} ha vuelto a subir los precios, ya no merece la pena'],
    neutral: ['¿Alguien sabe si {b} abre tienda en Valencia?', '{b} cambia su horario desde el lunes'],
  },
  pt: {
    positive: ['O café da {b} hoje de manhã estava ótimo!', 'Atendimento excelente na {b}, adorei'],
    negative: ['O app da {b} travou de novo na hora de pagar, péssimo', 'A {b} aumentou os preços outra vez, não vale mais a pena'],
    neutral: ['Alguém sabe se a {b} vai abrir loja no Porto?', 'A {b} muda o horário a partir de segunda'],
  },
  ar: {
    positive: ['القهوة في {b} اليوم رائعة جدا', 'خدمة ممتازة في {b}، شكرا للفريق'],
    negative: ['تطبيق {b} يتوقف مرة أخرى عند الدفع، سيء جدا', '{b} رفعت الأسعار مرة أخرى، لا يستحق'],
    neutral: ['هل يعرف أحد إذا كان {b} سيفتح فرعا في عمان؟', '{b} تغير مواعيد العمل من يوم الاثنين'],
  },
  hi: {
    positive: ['{b} ki coffee aaj bahut mast thi yaar', '{b} ka staff bahut accha hai, order jaldi mila'],
    negative: ['{b} ka app phir se crash ho gaya payment ke time, bilkul bekaar', '{b} ne phir se price badha diya, ab worth nahi hai'],
    neutral: ['Kisi ko pata hai {b} Pune mein store khol raha hai kya?', '{b} ka timing Monday se badal raha hai'],
  },
};

/** How a generic post gets its brand reference. */
export const weavePatterns = ['{b} {t}', '{t} #{b}', '@{h} {t}', '{t} — {b}', '{b}: {t}'];

export const crisisPost =
  'Found a shard of glass in my Brewly Go cup this morning. My daughter almost drank from it. @brewly this is unacceptable. #BrewlyFail';

export const crisisQuotes: Partial<Record<DemoLang, string[]>> = {
  en: ['This is horrifying. Never buying Brewly again #BrewlyFail', 'Glass in a Brewly cup?! Recall them now #BrewlyFail', 'Brewly still silent about the glass in that cup. Disgraceful. #BrewlyFail'],
  fr: ['Du verre dans un gobelet Brewly ?! Inadmissible #BrewlyFail', 'Plus jamais Brewly après ça #BrewlyFail'],
  it: ['Vetro nella tazza Brewly, che vergogna #BrewlyFail', 'Brewly non ha ancora risposto, pessimo #BrewlyFail'],
  bg: ['Стъкло в чаша на Brewly?! Отвратително. #BrewlyFail', 'Никога повече Brewly #BrewlyFail'],
  id: ['Ada pecahan kaca di gelas Brewly, mengerikan #BrewlyFail', 'Brewly harus tanggung jawab, parah banget #BrewlyFail'],
  de: ['Glas im Brewly Becher?! Unfassbar schlecht #BrewlyFail'],
  es: ['¿Cristal en un vaso de Brewly? Vergonzoso #BrewlyFail'],
};

export const burstCampaignPosts: Partial<Record<DemoLang, string[]>> = {
  en: ['Iced lattes 2-for-1 all weekend with #BrewlySummer, love it!', 'Cold brew season is here #BrewlySummer', 'Just tried the mango cold brew #BrewlySummer, so good'],
  fr: ['Les boissons glacées #BrewlySummer sont arrivées, super bonnes', 'Cold brew à la mangue #BrewlySummer, trop bon'],
  it: ['Caffè freddo al mango #BrewlySummer, buonissimo', 'Due al prezzo di uno con #BrewlySummer!'],
  bg: ['Студено кафе с манго #BrewlySummer, много е вкусно', 'Две на цената на едно с #BrewlySummer!'],
  id: ['Es kopi mangga #BrewlySummer enak banget', 'Beli satu gratis satu pakai #BrewlySummer!'],
};

export const steadyCampaignPosts: Partial<Record<DemoLang, string[]>> = {
  en: ['Proud to be one of the #BrewlyBaristas this month, come by for a latte art class!', 'Our #BrewlyBaristas meetup was great, learned so much'],
  fr: ['Fière de faire partie des #BrewlyBaristas, atelier latte art samedi !'],
  it: ['Orgogliosa di essere tra i #BrewlyBaristas, corso di latte art sabato!'],
  bg: ['Горда съм, че съм от #BrewlyBaristas, работилница в събота!'],
  id: ['Bangga jadi bagian #BrewlyBaristas, kelas latte art hari Sabtu!'],
};

export const competitorLaunchPosts: Partial<Record<DemoLang, string[]>> = {
  en: ['Kaffio One just launched and it looks amazing', 'Pre-ordered the Kaffio One, can’t wait', 'The Kaffio One launch event was packed'],
  fr: ['La Kaffio One est sortie, elle a l’air géniale', 'Précommande de la Kaffio One faite !'],
  it: ['È uscita la Kaffio One, sembra fantastica', 'Ho preordinato la Kaffio One!'],
  bg: ['Kaffio One излезе и изглежда страхотно', 'Поръчах си Kaffio One!'],
  id: ['Kaffio One sudah rilis dan kelihatan keren', 'Sudah pre-order Kaffio One!'],
  de: ['Die Kaffio One ist da und sieht super aus'],
  es: ['Ya salió la Kaffio One y pinta genial'],
};

export const advocatePosts: Partial<Record<DemoLang, string[]>> = {
  it: ['Anche oggi colazione da Brewly, il migliore cappuccino della città', 'Brewly non sbaglia mai, consigliatissimo', 'Il nuovo blend di Brewly è fantastico'],
  id: ['Brewly selalu jadi andalan tiap pagi, kopinya enak banget', 'Rekomendasi banget Brewly, pelayanannya ramah'],
};

export const detractorPosts: Partial<Record<DemoLang, string[]>> = {
  en: ['Brewly is overpriced garbage and the app is broken, again', 'Another terrible experience at Brewly. Avoid.', 'Brewly support ignored my complaint for a week. Awful.'],
};

export const firstNames: Record<DemoLang, string[]> = {
  en: ['sam', 'alex', 'jordan', 'taylor', 'chris', 'emma', 'liam', 'olivia', 'noah', 'mia'],
  fr: ['camille', 'lea', 'hugo', 'louis', 'chloe', 'manon', 'jules', 'ines'],
  it: ['giulia', 'marco', 'luca', 'sofia', 'matteo', 'chiara', 'paolo', 'sara'],
  bg: ['ivan', 'maria', 'georgi', 'elena', 'dimitar', 'petya', 'nikolay', 'desi'],
  id: ['budi', 'siti', 'agus', 'dewi', 'rizky', 'putri', 'andi', 'ayu'],
  de: ['lukas', 'anna', 'felix', 'lena', 'jonas', 'marie'],
  es: ['pablo', 'lucia', 'javier', 'carmen', 'diego', 'elena'],
  pt: ['joao', 'ana', 'pedro', 'beatriz', 'tiago', 'rita'],
  ar: ['omar', 'layla', 'youssef', 'nour', 'karim', 'salma'],
  hi: ['rahul', 'priya', 'amit', 'neha', 'vikram', 'pooja'],
};
