import { describe, expect, it } from 'vitest';
import { convertSpeech, type Converted } from '../../src/pipeline/convert.ts';
import { rules, taxonomy } from '../helpers/rules.ts';

/** Title lines, salutations and numbering as scraped speeches write them (found on unseen pages). */
const convert = (text: string): Converted =>
  convertSpeech({ file: 'x.txt', name: 'x.txt', bytes: new TextEncoder().encode(text), rules, taxonomy });
const outline = (r: Converted) => r.blocks.flatMap((b) => (b.type === 'heading' ? [[b.depth, b.text]] : []));
const BODY = '同志们：\n今天召开会议，研究部署工作。\n一、提高认识\n要提高认识。\n二、狠抓落实\n要抓好落实。\n';

describe('title line', () => {
  it.each([
    '在全县工作会议上的讲话',
    '县委书记在2022年全县劳动模范表彰大会上的讲话范文',
    '第三届“人民好公仆”表彰会议的讲话',
    '在全镇乡村振兴工作推进会上的表态发言',
    '全县2018年秋冬季创森工作会议上的主持词',
    '县长在全县乡镇党委书记座谈会上讲话',
    '2021年干部在全区乡村振兴工作推进会讲话稿',
    '全市干部大会讲话',
    '在全县安全生产工作会议上的讲话（讨论稿）',
    '在第一期全市乡镇（街道）党政正职述职评议会上的讲话',
  ])('%s is the title, kept as written', (title) => {
    const r = convert(`${title}\n${BODY}`);
    expect(r.data.title).toBe(title);
    expect(r.data.titleDerived).toBe(false);
    expect(r.blocks[0]).toMatchObject({ role: 'salutation', text: '同志们：' });
  });

  it.each([
    '当前位置：首页 > 范文 > 领导讲话 > 会议讲话',
    '标签：公司年会讲话 年终总结会讲话',
    '会议讲话 | 领导讲话 / 年会讲话',
  ])('%s before the title line does not take its place', (chrome) => {
    const r = convert(`${chrome}\n在全县工作会议上的讲话\n${BODY}`);
    expect(r.data.title).toBe('在全县工作会议上的讲话');
  });

  it('a host’s line (下面请县委书记在大会上讲话) is not a title', () => {
    const r = convert(`现在开会。\n下面请县委书记在大会上讲话\n${BODY}`);
    expect(r.data.titleDerived).toBe(true);
  });

  it.each(['今天召开全县工作会议，研究部署工作。', '会议讲话精神要认真传达', '关于进一步做好安全生产工作'])(
    '%s is not a title',
    (line) => {
      const r = convert(`${line}\n${BODY}`);
      expect(r.data.titleDerived).toBe(true);
      expect(r.blocks.some((b) => b.text === line)).toBe(true);
    },
  );
});

describe('salutation', () => {
  it.each([
    '同志们：',
    '同志们！',
    '尊敬的各位领导、同志们：',
    '各位代表、同志们：',
    '同志们，朋友们：',
    '各位领导，同志们：',
    '女士们、先生们，朋友们：',
  ])('%s is the salutation', (line) => {
    const r = convert(`在全县工作会议上的讲话\n${line}\n今天召开会议。\n`);
    expect(r.blocks.map((b) => [b.type === 'paragraph' ? b.role : b.type, b.text])).toEqual([
      ['salutation', line],
      [undefined, '今天召开会议。'],
    ]);
  });

  it('glued to the first words of the speech, is split off them, and no character is lost', () => {
    const r = convert('在全县工作会议上的讲话\n同志们：此次会议，我们组织了学习培训。\n下面我讲几点意见。\n');
    expect(r.blocks.map((b) => [b.type === 'paragraph' ? b.role : b.type, b.text, b.line])).toEqual([
      ['salutation', '同志们：', 2],
      [undefined, '此次会议，我们组织了学习培训。', 2],
      [undefined, '下面我讲几点意见。', 3],
    ]);
    // Without a title line the derived title starts after it.
    expect(convert('同志们：此次会议，我们组织了学习培训。\n').data.title).not.toContain('同志们');
  });
});

describe('numbering', () => {
  it('may skip one number where the item is mis-written (二，) or the list goes on after it', () => {
    const r = convert(
      '在全县工作会议上的讲话\n一、提高认识\n（一）统一思想\n要统一思想。\n（三）落实责任\n要落实责任。\n（四）加强督查\n要督查。\n二，明确任务\n要明确任务。\n三、强化措施\n要强化措施。\n四、抓好落实\n要抓好落实。\n',
    );
    expect(outline(r)).toEqual([
      [1, '一、提高认识'],
      [2, '（一）统一思想'],
      [2, '（三）落实责任'],
      [2, '（四）加强督查'],
      [1, '三、强化措施'],
      [1, '四、抓好落实'],
    ]);
  });

  it('a line that skips a number the list then reaches is a stray, and stays text', () => {
    const r = convert('在全县工作会议上的讲话\n一、总体要求\n要求很明确。\n三、这一行跳号，不是标题\n二、保障措施\n');
    expect(outline(r)).toEqual([
      [1, '一、总体要求'],
      [1, '二、保障措施'],
    ]);
  });

  it('only on evidence: 三、四季度 or 五、六月份 that skips a number is a sentence, not a heading', () => {
    const r = convert(
      '在全县工作会议上的讲话\n一、提高认识\n要提高认识。\n三、四季度是全年工作的关键，各地要抓紧时间。\n二、狠抓落实\n要抓好落实。\n三、强化保障\n要强化保障。\n五、六月份是汛期，要做好防汛准备。\n',
    );
    expect(outline(r)).toEqual([
      [1, '一、提高认识'],
      [1, '二、狠抓落实'],
      [1, '三、强化保障'],
    ]);
    const arabic = convert('在全县工作会议上的讲话\n1. 提高认识\n要提高认识。\n3. 落实\n要落实。\n5. 保障\n要保障。\n');
    expect(outline(arabic)).toEqual([[1, '1. 提高认识']]);
  });

  it('speech enumerations never skip: 一是 … 三是 is text', () => {
    const r = convert('在全县工作会议上的讲话\n一、提高认识\n一是统一思想。\n三是落实责任。\n');
    expect(outline(r)).toEqual([[1, '一、提高认识']]);
  });
});

describe('date', () => {
  it.each([
    ['在○○县工作会议上的讲话\n○○○○年○月○日', null],
    ['○○○○年工作总结会上的讲话\n（〇〇〇〇年×月×日）', null],
    ['在纪念1840年鸦片战争的座谈会上的讲话\n（2020年13月45日）', 2020],
    ['在全县工作会议上的讲话\n（2019年2月30日）', 2019],
  ])('a placeholder or impossible date (%j) is no date, and the speech converts', (head, year) => {
    const r = convert(`${head}\n同志们：\n今天召开会议。\n`);
    expect(r.data.date.year).toBe(year);
  });

  it.each(['二○一八年十二月二十九日', '二〇一八年十二月二十九日', '二◯一八年十二月二十九日'])('（%s） is read', (d) => {
    const r = convert(`在全县创森工作会议上的讲话\n（${d}）\n同志们：\n今天召开会议。\n`);
    expect(r.data.date).toMatchObject({ year: 2018, month: 12, day: 29, certainty: 'stated' });
  });
});

describe('a scrape that lost its line breaks', () => {
  const FLAT =
    '在全县工作会议上的讲话 同志们： 今天召开会议，研究部署工作。下面讲两点意见。一、提高认识。要提高认识，统一思想，切实增强责任感和使命感，把各项工作抓紧抓实抓好。二、狠抓落实。要抓好落实，层层压实责任，确保各项任务落到实处，以实际行动和优异成绩迎接党的二十大胜利召开。';

  it('is split before its salutation and each heading in sequence, losing no character', () => {
    const r = convert(`${FLAT}\n`);
    expect(r.data.title).toBe('在全县工作会议上的讲话');
    expect(r.blocks[0]).toMatchObject({ role: 'salutation', text: '同志们：' });
    expect(outline(r)).toEqual([
      [1, '一、提高认识。'],
      [1, '二、狠抓落实。'],
    ]);
    const ink = (s: string) => s.replace(/\s/gu, '');
    expect(ink(r.data.title + r.blocks.map((b) => b.text).join(''))).toBe(ink(FLAT));
  });

  it('is only a document of a few lines: the same text among other lines is one paragraph', () => {
    const body = FLAT.slice(FLAT.indexOf('今天'));
    const r = convert(`在全县工作会议上的讲话\n同志们：\n${body}\n二是落实。\n谢谢大家。\n`);
    expect(outline(r)).toEqual([]);
    expect(r.blocks.map((b) => b.text)).toContain(body);
  });
});

describe('found by the second review', () => {
  const P = '要提高认识，统一思想，切实增强责任感和使命感，把各项工作抓紧抓实抓好，确保取得实效。';
  const heads = (t: string) => outline(convert(t)).map(([, h]) => h);

  it('a flat scrape that opens with chrome keeps its title text: no rule sees a piece of a line', () => {
    for (const chrome of ['上一篇：关于做好春耕生产的通知', '【文章共3500字】', '热门搜索：讲话稿 致辞']) {
      const r = convert(`${chrome} 在全县经济工作会议上的讲话 同志们：${P}一、提高认识。${P}二、突出重点。${P}\n`);
      expect(r.data.removed).toEqual([]);
      expect(r.data.title).toContain('在全县经济工作会议上的讲话');
      expect(heads(`${chrome} 在全县经济工作会议上的讲话 同志们：${P}一、提高认识。${P}二、突出重点。${P}\n`)).toEqual([
        '一、提高认识。',
        '二、突出重点。',
      ]);
    }
  });

  it.each([
    `本次评选设立奖项：一、二等奖各5名，三等奖10名。`,
    `具体来说：二、三季度要完成任务。`,
    `重点是：（二）（三）两项任务。`,
  ])('a flat scrape does not break inside a run of numbers: %s', (run) => {
    expect(heads(`在全县工作会议上的讲话 同志们：${P}${run}一、提高认识。${P}二、突出重点。${P}\n`)).toEqual([
      '一、提高认识。',
      '二、突出重点。',
    ]);
  });

  it('a laid-out short speech with an inline list of clauses is not a flat scrape', () => {
    const r = convert(
      `在全县经济工作会议上的讲话\n（2019年3月5日）\n${P}今年要重点抓好三件事：一、抓产业发展；二、抓项目建设；三、抓民生改善。希望大家认真落实。\n`,
    );
    expect(outline(r)).toEqual([]);
  });

  it('a breadcrumb is never the title, even when it ends in one', () => {
    for (const crumb of ['首页 > 讲话稿 > 在全县工作会议上的讲话', '首页 » 讲话稿 » 在全县工作会议上的讲话'])
      expect(convert(`${crumb}\n在全县工作会议上的讲话\n同志们：\n${P}\n`).data.title).toBe('在全县工作会议上的讲话');
  });

  it('a sub-item is no evidence for a skipped item of the list above it', () => {
    const r = convert(
      `在全县工作会议上的讲话\n一、提高认识\n${P}\n二、突出重点\n${P}\n三、强化措施\n（一）抓学习。\n（二）抓人才。\n（三）抓产业。\n（四）加强保障。\n${P}\n五、六月份是汛期的关键阶段，各地要提前做好准备。\n`,
    );
    expect(outline(r).filter(([d]) => d === 1)).toEqual([
      [1, '一、提高认识'],
      [1, '二、突出重点'],
      [1, '三、强化措施'],
    ]);
  });
});

describe('cleaning blocks', () => {
  it('a 关键词： line with its keywords missing does not take the title a blank line below it', () => {
    const r = convert('关键词：\n\n在全县工作会议上的讲话\n同志们：\n今天召开会议。\n');
    expect(r.data.title).toBe('在全县工作会议上的讲话');
  });

  it('a 温馨提示： that no download notice follows is the speech’s own line', () => {
    const r = convert('在全县工作会议上的讲话\n同志们：\n今天召开会议。\n温馨提示：\n请大家将手机调至静音。\n');
    expect(r.data.removed).toEqual([]);
    expect(r.blocks.map((b) => b.text)).toContain('温馨提示：');
  });
});
