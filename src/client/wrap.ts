/**
 * Wrap characters [start, end) of an element's text, across its element boundaries, in elements
 * made by `make()` (one per text node touched). Offsets are into the element's textContent, which
 * wrapping does not change, so ranges can be wrapped in any order.
 */
export function wrapText(root: Element, start: number, end: number, make: () => HTMLElement) {
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) nodes.push(walker.currentNode as Text);
  let offset = 0;
  for (const node of nodes) {
    const a = Math.max(start - offset, 0);
    const b = Math.min(end - offset, node.data.length);
    offset += node.data.length;
    if (a >= b) continue;
    const range = document.createRange();
    range.setStart(node, a);
    range.setEnd(node, b);
    range.surroundContents(make());
  }
}
