/**
 * Masking of personal fields for display and logs: `440106199001011234` -> `4401**********1234`.
 * Shared by the cloud function (log lines) and the page (the ID number is masked until the user reveals it).
 */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/** `张三丰` -> `张**`: keeps the first character only. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  return chars.length === 0 ? '' : chars[0] + '*'.repeat(chars.length - 1);
}
