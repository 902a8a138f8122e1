// Amounts typed the Dutch way ("9.000,00", "72,50", "€ 1.250") become integer cents; no floating
// point. (The budget feature has its own copy: features do not import each other.)
export function parseEuros(text: string): number | null {
  const cleaned = text.replace(/[€\s\u00a0]/g, '');
  const match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const [, whole = '', fraction = ''] = match;
  const total = Number(whole.replace(/\./g, '')) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(total) ? total : null;
}

export function centsToInput(cents: number): string {
  return `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
}
