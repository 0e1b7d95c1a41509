import type { ElementContent } from 'hast';

/**
 * hast as HTML, byte for byte what hast-util-to-html writes for the trees the page renderers build
 * (src/lib/render-speech.ts, render-shared.ts: elements with string, string-list and boolean-free
 * properties, and text), several times faster: at 10,000 speeches the speech and reuse pages hold
 * hundreds of thousands of elements. test/unit/html.test.ts holds the two to the same output.
 * Text and attribute values are escaped here, always: speech text stays text.
 */
const TEXT = /[&<]/gu;
const ATTRIBUTE = /[\0"&'`]/gu;
/** A hexadecimal character reference, as stringify-entities writes one (`&#x3C;`). */
const entity = (c: string) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`;
const escapeText = (s: string) => s.replace(TEXT, entity);
const escapeAttribute = (s: string) => s.replace(ATTRIBUTE, entity);

/** hast property names as HTML attribute names (className → class, ariaLabelledBy → aria-labelledby, dataPagefindBody → data-pagefind-body). */
const names = new Map<string, string>();
/** The plain properties the renderers use; any other name is refused rather than guessed (htmlFor, hidden …). */
const PLAIN = new Set(['id', 'href', 'lang', 'title']);
function attributeName(property: string): string {
  let name = names.get(property);
  if (name === undefined) {
    if (property === 'className') name = 'class';
    else if (/^aria[A-Z][A-Za-z]*$/u.test(property)) name = `aria-${property.slice(4).toLowerCase()}`;
    else if (/^data[A-Z]/u.test(property)) name = property.replace(/[A-Z]/gu, (c) => `-${c.toLowerCase()}`);
    else if (PLAIN.has(property)) name = property;
    else throw new Error(`toHtmlFast: unsupported property ${property}`);
    names.set(property, name);
  }
  return name;
}

/** Elements written without an end tag. */
const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'wbr']);

export function toHtmlFast(nodes: readonly ElementContent[]): string {
  let out = '';
  const write = (node: ElementContent): void => {
    if (node.type === 'text') {
      out += escapeText(node.value);
      return;
    }
    if (node.type !== 'element') throw new Error(`toHtmlFast: unsupported node ${node.type}`);
    // Their text is raw in HTML: none of the renderers writes one.
    if (node.tagName === 'script' || node.tagName === 'style')
      throw new Error(`toHtmlFast: unsupported <${node.tagName}>`);
    out += `<${node.tagName}`;
    for (const [property, value] of Object.entries(node.properties)) {
      if (value === undefined || value === null || value === false) continue;
      if (typeof value === 'boolean' || typeof value === 'number')
        throw new Error(`toHtmlFast: unsupported property ${property}`);
      out += ` ${attributeName(property)}="${escapeAttribute(Array.isArray(value) ? value.join(' ') : value)}"`;
    }
    out += '>';
    if (VOID.has(node.tagName)) return;
    for (const child of node.children) write(child);
    out += `</${node.tagName}>`;
  };
  for (const node of nodes) write(node);
  return out;
}
