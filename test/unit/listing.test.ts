import { describe, expect, it } from 'vitest';
import { facetSlugs } from '../../src/lib/listing.ts';

describe('facetSlugs', () => {
  it('gives every value its own URL segment, homophones numbered, whatever the order asked in', () => {
    const a = facetSlugs(['公示', '公式', '县', '2020']);
    expect(new Set(a.values()).size).toBe(4);
    expect(a.get('县')).toBe('xian');
    expect(a.get('2020')).toBe('2020');
    expect([a.get('公示'), a.get('公式')].sort()).toEqual(['gong-shi', 'gong-shi-2']);
    expect(facetSlugs(['县', '公式', '2020', '公示'])).toEqual(a);
  });
});
