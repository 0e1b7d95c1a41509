import { pinyin } from 'pinyin-pro';

/**
 * An ASCII slug from a file path: Han characters become toneless pinyin syllables, anything else
 * that is not a letter or digit becomes a hyphen. `2020/在廉政会议上的讲话 v2.txt` →
 * `2020-zai-lian-zheng-hui-yi-shang-de-jiang-hua-v2`.
 */
export function slugify(path: string): string {
  const stem = path.replace(/\.txt$/iu, '');
  const spelled = pinyin(stem, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .join('-')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '');
  const slug = spelled
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 80)
    .replace(/-+$/u, '');
  return slug || 'speech';
}
