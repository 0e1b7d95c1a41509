/** The rules of `content/taxonomy.yaml`. */
export interface Taxonomy {
  levels: Array<{ level: Level; patterns: Array<{ re: string; weight: number }> }>;
  occasions: Array<{ label: string; re: string }>;
  themes: Array<{ label: string; re: string; min: number }>;
  events: Array<{ re: string; year?: number; after?: number }>;
}

export type Level = '县' | '市' | '省' | '国家';

/** When a speech was given, and how we know. */
export interface DateInfo {
  year: number | null;
  month?: number;
  day?: number;
  /**
   * `stated`: written in the title or byline; `inferred`: from an event the text names;
   * `earliest`: only a lower bound is known (the latest year the text mentions or implies);
   * `override`: set by the sidecar; `unknown`.
   */
  certainty: 'stated' | 'inferred' | 'earliest' | 'override' | 'unknown';
  /** The words the date was read from, or the sidecar's note. */
  evidence: string;
}

const count = (text: string, re: string) => text.match(new RegExp(re, 'gu'))?.length ?? 0;

/** Chinese digits; a zero is also typed as ○ ◯ Ｏ (二○一八年: a circle for 〇). */
const CN_DIGIT: Record<string, string> = {
  〇: '0',
  '○': '0',
  '◯': '0',
  Ｏ: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/** 一 … 三十一 as a number (months and days). */
function cnSmall(s: string): number {
  if (!s.includes('十')) return Number(CN_DIGIT[s] ?? NaN);
  const [tens, ones] = s.split('十');
  return (tens ? Number(CN_DIGIT[tens]) : 1) * 10 + (ones ? Number(CN_DIGIT[ones]) : 0);
}

/**
 * Dates as digits: full-width digits (２００１年３月５日) become ASCII, and dates in Chinese
 * numerals (二〇一九年三月五日, 二零零一年, 二○一八年) become Arabic, so one pattern reads them all.
 */
export function dateDigits(text: string): string {
  return text
    .replace(/[０-９]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(
      /([〇○◯Ｏ零一二三四五六七八九]{4})年(?:([一二三四五六七八九十]{1,2})月(?:([一二三四五六七八九十]{1,3})日)?)?/gu,
      (m, y: string, mo?: string, d?: string) => {
        const year = [...y].map((c) => CN_DIGIT[c]).join('');
        const month = mo ? cnSmall(mo) : NaN;
        const day = d ? cnSmall(d) : NaN;
        if (mo && !(month >= 1 && month <= 12)) return m;
        return `${year}年${mo ? `${month}月` : ''}${d && day >= 1 && day <= 31 ? `${day}日` : d ? `${d}日` : ''}`;
      },
    );
}

/** Whether year-month-day is a day of the calendar (not 2019年2月30日). */
const isDay = (y: number, m: number, d: number) => {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};
/** The years a speech's date may have (the front matter's range). */
const inRange = (y: number) => y >= 1900 && y <= 2099;

/** Date from the title and byline, else from dated events, else a lower bound from the text. */
export function inferDate(rawTitle: string, rawByline: string, rawText: string, taxonomy: Taxonomy): DateInfo {
  const [title, byline, text] = [rawTitle, rawByline, rawText].map(dateDigits) as [string, string, string];
  // Only a year the schema takes (1900–2099) is a date: ○○○○年○月○日 and 0000年 are placeholders.
  const full = [...`${title}\n${byline}`.matchAll(/(?<!\d)((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日/gu)].find((m) =>
    isDay(Number(m[1]), Number(m[2]), Number(m[3])),
  );
  if (full) {
    return {
      year: Number(full[1]),
      month: Number(full[2]),
      day: Number(full[3]),
      certainty: 'stated',
      evidence: full[0],
    };
  }
  const inTitle = /(?<!\d)((?:19|20)\d\d)年/u.exec(title);
  if (inTitle) return { year: Number(inTitle[1]), certainty: 'stated', evidence: `标题：${inTitle[0]}` };
  const dated = /(?<!\d)((?:19|20)\d\d)年/u.exec(byline);
  if (dated) return { year: Number(dated[1]), certainty: 'stated', evidence: dated[0] };

  for (const e of taxonomy.events) {
    const m = e.year !== undefined && inRange(e.year) ? new RegExp(e.re, 'u').exec(text) : null;
    if (m) return { year: e.year!, certainty: 'inferred', evidence: m[0] };
  }
  let earliest: { year: number; evidence: string } | null = null;
  for (const e of taxonomy.events) {
    const m = e.after !== undefined && inRange(e.after) ? new RegExp(e.re, 'u').exec(text) : null;
    if (m && (!earliest || e.after! > earliest.year)) earliest = { year: e.after!, evidence: m[0] };
  }
  for (const m of text.matchAll(/(?<![\d.])((?:19|20)\d\d)年/gu)) {
    const y = Number(m[1]);
    if (!earliest || y > earliest.year) earliest = { year: y, evidence: m[0] };
  }
  if (earliest) return { year: earliest.year, certainty: 'earliest', evidence: earliest.evidence };
  return { year: null, certainty: 'unknown', evidence: '' };
}

/** Administrative level by weighted pattern counts; the title weighs ten times the text. */
export function inferLevel(title: string, text: string, taxonomy: Taxonomy): Level | null {
  let best: { level: Level; score: number } | null = null;
  for (const { level, patterns } of taxonomy.levels) {
    const score = patterns.reduce((s, p) => s + p.weight * (10 * count(title, p.re) + count(text, p.re)), 0);
    if (score > 0 && (!best || score > best.score)) best = { level, score };
  }
  return best?.level ?? null;
}

/** Occasions named by the title, or by the opening paragraph when the title says none. */
export function inferOccasions(title: string, opening: string, taxonomy: Taxonomy): string[] {
  const from = (s: string) => taxonomy.occasions.filter((o) => new RegExp(o.re, 'u').test(s)).map((o) => o.label);
  const named = from(title);
  return named.length ? named : from(opening);
}

/** Themes whose patterns recur in the text, most frequent first. */
export function inferThemes(text: string, taxonomy: Taxonomy): string[] {
  return taxonomy.themes
    .map((t) => ({ label: t.label, n: count(text, t.re), min: t.min }))
    .filter((t) => t.n >= t.min)
    .sort((a, b) => b.n - a.n)
    .slice(0, 5)
    .map((t) => t.label);
}

/**
 * A title for a speech that has none, from its byline (——2017年2月11日在…会议上) or its opening:
 * 今天，召开县政府廉政工作会 → 在县政府廉政工作会上的讲话; a report to a people's congress
 * (我代表…向大会作工作报告) is a 政府工作报告. Falls back to the first clause.
 */
export function deriveTitle(opening: string, byline = ''): string {
  if (/向大会(?:作|报告)(?:政府)?工作(?:报告)?/u.test(opening)) return '政府工作报告';
  const venue = /在(.{4,60}?(?:会议|大会|座谈会|研讨班))上/u.exec(byline);
  if (venue) return `在${venue[1]}上的讲话`;
  const meeting =
    /(?:召开|举行|参加)(?:了|的)?(?:这次|今天的|本次)?([^，。；：、]{4,40}?(?:会议|工作会|大会|座谈会|推进会|动员会|部署会|研讨班|会))/u.exec(
      opening,
    );
  // A meeting named, not described (这场意义重大的会议, 一次非常重要的会议 name none).
  if (meeting && !/^(?:这|那|此|一[次场个]|本|今天|我们)|(?:重要|重大|隆重|简短|特殊|难得)的/u.test(meeting[1]!))
    return `在${meeting[1]}上的讲话`;
  // The opening's first clause; a short one (今天，…) runs on to the next, as written.
  const first =
    /^.*?[^，。；：！？,;:!?\n]{6}.*?(?=[，。；：！？,;:!?\n]|$)/u.exec(opening)?.[0] ??
    opening.split(/[。！？\n]/u)[0]!;
  const clause = [...first];
  return `讲话：${clause.length > 20 ? `${clause.slice(0, 20).join('')}…` : clause.join('')}`;
}

/** Offices that precede a speaker's name in a byline (国务院总理 李克强, 广东省省长 孟凡利). */
const OFFICE =
  /^(\S.{0,24}?(?:总书记|书记|总理|主席|省长|市长|县长|区长|州长|旗长|镇长|乡长|主任|部长|厅长|局长|秘书长|委员长|院长|检察长))[ \t\u3000]+([\p{Script=Han}·]{2,5})$/u;

/**
 * The speaker named by a byline line `<office> <name>`, as the national and provincial work
 * reports print it; null when no byline line has that shape (the text is never guessed from).
 */
export function inferSpeaker(bylineLines: string[]): { name: string; role: string } | null {
  for (const line of bylineLines) {
    const m = OFFICE.exec(line.trim());
    if (m) return { name: m[2]!, role: m[1]! };
  }
  return null;
}
