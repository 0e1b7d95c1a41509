import { describe, expect, it } from 'vitest';
import { deriveTitle, inferDate, inferLevel, inferOccasions, inferThemes } from '../../src/pipeline/metadata.ts';
import { slugify } from '../../src/pipeline/slug.ts';
import { taxonomy } from '../helpers/rules.ts';

describe('inferDate', () => {
  it('reads a full date from the byline', () => {
    expect(inferDate('政府工作报告', '——2019年3月4日在区人民代表大会上', '', taxonomy)).toEqual({
      year: 2019,
      month: 3,
      day: 4,
      certainty: 'stated',
      evidence: '2019年3月4日',
    });
  });

  it.each([
    ['（２００１年３月５日在第九届全国人民代表大会第四次会议上）', 2001, 3, 5],
    ['——二〇一九年三月五日在第十三届全国人民代表大会第二次会议上', 2019, 3, 5],
    ['（二〇二〇年十二月三十一日）', 2020, 12, 31],
  ])('reads a date written in full-width digits or Chinese numerals: %s', (byline, year, month, day) => {
    expect(inferDate('政府工作报告', byline, '', taxonomy)).toMatchObject({ year, month, day, certainty: 'stated' });
  });

  it('reads the year from the title', () => {
    expect(inferDate('在2020年县政府全体会议上的讲话', '', '2019年成绩显著。', taxonomy)).toMatchObject({
      year: 2020,
      certainty: 'stated',
    });
  });

  it('dates 党的二十大召开之年 to 2022', () => {
    expect(inferDate('', '', '今年是党的二十大召开之年，是关键之年。2021年成绩显著。', taxonomy)).toEqual({
      year: 2022,
      certainty: 'inferred',
      evidence: '党的二十大召开之年',
    });
  });

  it('gives 十九届四中全会精神 as a lower bound of 2019', () => {
    expect(inferDate('', '', '学习贯彻十九届四中全会精神。', taxonomy)).toEqual({
      year: 2019,
      certainty: 'earliest',
      evidence: '十九届四中全会',
    });
  });

  it('takes the latest year the text names as a lower bound', () => {
    expect(inferDate('', '', '学习十九届四中全会精神，安排2020年工作，回顾2019年。', taxonomy)).toMatchObject({
      year: 2020,
      certainty: 'earliest',
      evidence: '2020年',
    });
  });

  it('does not read 3.2019年 style numbers or amounts as years', () => {
    expect(inferDate('', '', '投资12019年', taxonomy).year).toBeNull();
  });
});

describe('inferLevel', () => {
  it.each([
    ['在县政府廉政工作会上的讲话', '全县各部门', '县'],
    ['在市政府廉政工作电视电话会议上的讲话', '全市各县区，率先在全省上线', '市'],
    ['政府工作报告', '现在，我代表国务院，向大会报告政府工作。全国', '国家'],
    ['', '我省全省各地', '省'],
  ])('%s → %s', (title, text, level) => {
    expect(inferLevel(title, text, taxonomy)).toBe(level);
  });

  it('is null when nothing says', () => {
    expect(inferLevel('讲话', '今天天气很好。', taxonomy)).toBeNull();
  });
});

describe('inferOccasions / inferThemes', () => {
  it('finds every occasion the title names', () => {
    expect(inferOccasions('在2020年县政府全体（扩大）会议暨廉政工作会议上的讲话', '', taxonomy)).toEqual([
      '廉政工作会议',
      '政府全体会议',
    ]);
  });

  it('falls back to the opening when the title names none', () => {
    expect(inferOccasions('讲话', '今天召开作风整顿动员部署会议。', taxonomy)).toEqual(['作风整顿动员']);
  });

  it('keeps themes that recur, most frequent first', () => {
    expect(inferThemes('疫情疫情疫情疫情。廉政廉政反腐。营商环境放管服。', taxonomy)).toEqual([
      '疫情防控',
      '党风廉政',
      '放管服与营商环境',
    ]);
  });
});

describe('deriveTitle', () => {
  it('makes a 在…上的讲话 title from the meeting the opening names', () => {
    expect(deriveTitle('今天，召开县政府廉政工作会，主要任务是贯彻落实')).toBe('在县政府廉政工作会上的讲话');
  });

  it("names a report to a people's congress 政府工作报告", () => {
    expect(deriveTitle('现在，我代表区人民政府向大会作工作报告，请予审议。')).toBe('政府工作报告');
  });

  it('uses the venue a byline names', () => {
    expect(deriveTitle('同志们好。', '——2016年1月12日在中央纪委第六次全体会议上')).toBe(
      '在中央纪委第六次全体会议上的讲话',
    );
  });

  it('falls back to the first clause', () => {
    expect(deriveTitle('过去一年极不平凡，全县上下团结奋斗')).toBe('讲话：过去一年极不平凡');
  });

  it('does not take a meeting described (这场意义重大的会议) for its name', () => {
    expect(deriveTitle('今天，我们在这里召开这场意义重大的会议，就是要传递信号')).toBe(
      '讲话：今天，我们在这里召开这场意义重大的会议',
    );
    expect(deriveTitle('这是县委召开的一次非常重要的会议，大家要高度重视')).toBe(
      '讲话：这是县委召开的一次非常重要的会议',
    );
  });

  it('ends the clause at a half-width comma, and runs a short one on to the next', () => {
    expect(deriveTitle('这次经济工作会议,是县委、政府认真研究决定的')).toBe('讲话：这次经济工作会议');
    expect(deriveTitle('今天，全县上下团结奋斗，开创新局面')).toBe('讲话：今天，全县上下团结奋斗');
  });
});

describe('slugify', () => {
  it.each([
    ['000_fd10df7c996cb8f6.txt', '000-fd10df7c996cb8f6'],
    ['2020/在廉政会议上的讲话 v2.txt', '2020-zai-lian-zheng-hui-yi-shang-de-jiang-hua-v2'],
    ['  My Speech (final).TXT', 'my-speech-final'],
    ['——.txt', 'speech'],
  ])('%s → %s', (path, slug) => {
    expect(slugify(path)).toBe(slug);
  });
});
