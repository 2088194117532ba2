/**
 * `text` without the slashes it ends with. A scan, not `replace(/\/+$/, '')`: that pattern is tried
 * at every slash of a run and takes quadratic time on a long run not at the end (settings and
 * request files are outside text).
 */
export function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '/') end--;
  return text.slice(0, end);
}
