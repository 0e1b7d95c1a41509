/** Toneless pinyin, for sorting and grouping (lǜ → lv). */
export const plainPinyin = (p: string) =>
  p
    .normalize('NFD')
    .replace(/\u0308/gu, 'v')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase();
