import { describe, expect, it } from 'vitest';
import { suggestions } from '../../src/lib/partner.ts';
import type { SpeechMeta, SpeechShared } from '../../src/schemas/generated.ts';

/** Just the fields the partner choice reads, for speeches of a made-up collection (by order). */
const speech = (order: number, year: number | null, level: string | null, occasion?: string, theme?: string) =>
  ({
    order,
    slug: `s${order}`,
    title: `讲话${order}`,
    level,
    occasions: occasion ? [occasion] : [],
    themes: theme ? [theme] : [],
    date: { year, certainty: 'stated', evidence: '' },
  }) as unknown as SpeechMeta;
const sharing = (...orders: number[]): SpeechShared => ({
  passages: orders.map((o, i) => [`p${i + 1}`, [[0, 12]], 1, [[o, 'p1']]]),
  formulations: [],
});

describe('the speech the compare page sets beside another', () => {
  const all = [
    speech(0, 2022, '县', '廉政工作会议'),
    speech(1, 2021, '县', '廉政工作会议'),
    speech(2, 2021, '市', '廉政工作会议'),
    speech(3, 2021, '县', '全体会议'),
    speech(4, 2020, '县', '廉政工作会议'),
    speech(5, 2019, '县', undefined, '党风廉政'),
    speech(6, 2023, '县', '廉政工作会议'),
  ];

  it('is the same kind of speech (level and first occasion) from the year before, then the one sharing most', () => {
    // s3 shares more paragraphs, but s1 is last year's speech at the same meeting.
    expect(suggestions(all[0]!, all, sharing(3, 3, 1))).toEqual([
      ['s1', '讲话1', 2021, 'year'],
      ['s3', '讲话3', 2021, 'shared'],
      ['s6', '讲话6', 2023, 'next'],
      ['s4', '讲话4', 2020, 'kind'],
    ]);
  });

  it('among several of last year, takes the one sharing most passages', () => {
    const two = [...all, speech(7, 2021, '县', '廉政工作会议')];
    expect(suggestions(two[0]!, two, sharing(7))[0]).toEqual(['s7', '讲话7', 2021, 'year']);
  });

  it('without one from last year, is the speech sharing most passages', () => {
    expect(suggestions(all[5]!, all, sharing(2, 4, 4))[0]).toEqual(['s4', '讲话4', 2020, 'shared']);
    expect(suggestions(all[3]!, all, sharing())).toEqual([]);
  });
});
