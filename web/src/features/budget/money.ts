// Money typed by people: "490", "490,00", "1.234,56", "€ 490,5" or "-25" become integer cents.
// No floating point: the euros and cents are read as digits.

/** The cents, or null when the text is not an amount of money. */
export function parseEuros(text: string, { allowNegative = false } = {}): number | null {
  const cleaned = text.replace(/[€\s\u00a0]/g, '');
  const match = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const [, sign, whole = '', fraction = ''] = match;
  if (sign && !allowNegative) return null;
  const euros = Number(whole.replace(/\./g, ''));
  const cents = Number(fraction.padEnd(2, '0'));
  const total = euros * 100 + cents;
  if (!Number.isSafeInteger(total)) return null;
  return sign ? -total : total;
}

/** Cents as text for an input field: 49000 -> "490,00". */
export function centsToInput(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}
