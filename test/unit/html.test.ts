import fc from 'fast-check';
import type { ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { toHtmlFast } from '../../src/lib/html.ts';

/** Text as speeches have it, and what HTML must escape: quotes, ampersands, angle brackets, entities, astral characters. */
const text = fc
  .array(
    fc.constantFrom(
      '讲',
      '话',
      '&',
      '<',
      '>',
      '"',
      "'",
      '&amp;',
      '&#x26;',
      ' ',
      '\n',
      '𠀀',
      'a',
      '=',
      '`',
      '/',
      '\u00a0',
      '\0',
      '\u0001',
      '',
    ),
    {
      maxLength: 8,
    },
  )
  .map((parts) => parts.join(''));
const properties = fc.record(
  {
    id: text,
    href: text,
    className: fc.array(fc.constantFrom('q', 'c', 'pl', 'sh', 'byline'), { minLength: 1, maxLength: 3 }),
    ariaLabel: text,
    // Token lists (space-separated): ids, never with spaces.
    ariaLabelledBy: fc.array(fc.constantFrom('h-p1', 'h-s2-3', 'h-&"'), { minLength: 1, maxLength: 2 }),
    dataPagefindBody: fc.constant(''),
    lang: fc.constant('zh-CN'),
  },
  { requiredKeys: [] },
);
const tree: fc.Arbitrary<ElementContent> = fc.letrec<{ node: ElementContent }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text.map((value): ElementContent => ({ type: 'text', value })),
    fc
      .tuple(
        fc.constantFrom('p', 'a', 'h2', 'h6', 'section', 'blockquote', 'mark', 'ol', 'li', 'div'),
        properties,
        fc.array(tie('node'), { maxLength: 4 }),
      )
      .map(([tagName, props, children]): ElementContent => ({ type: 'element', tagName, properties: props, children })),
  ),
})).node;

describe('toHtmlFast', () => {
  it('writes exactly what hast-util-to-html writes for the trees the page renderers build', () => {
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 5 }), (nodes) => {
        expect(toHtmlFast(nodes)).toBe(toHtml({ type: 'root', children: nodes }));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses what it does not write as hast-util-to-html does, rather than guess', () => {
    const el = (tagName: string, properties: Record<string, string>): ElementContent => ({
      type: 'element',
      tagName,
      properties,
      children: [],
    });
    expect(() => toHtmlFast([el('label', { htmlFor: 'x' })])).toThrow(/htmlFor/u);
    expect(() => toHtmlFast([el('p', { hidden: '' })])).toThrow(/hidden/u);
    expect(() => toHtmlFast([el('script', {})])).toThrow(/script/u);
  });

  it('escapes speech text, so no text becomes markup', () => {
    const html = toHtmlFast([{ type: 'text', value: '<script>alert("x")</script>&' }]);
    expect(html).not.toContain('<script');
    expect(html).toBe('&#x3C;script>alert("x")&#x3C;/script>&#x26;');
  });
});
