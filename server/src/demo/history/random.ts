// A seeded pseudo-random source for the synthetic city: the same seed (and anchor day) gives the
// same city, so that two benchmark runs measure the same data.

/** mulberry32: a small, fast 32-bit PRNG; good enough for synthetic data, not for secrets. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
  readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** One key of a table of weights (they need not sum to 1). */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [key, w] of entries) {
      r -= w;
      if (r < 0) return key;
    }
    return (entries[entries.length - 1] as [K, number])[0];
  }

  /** Exponentially distributed with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** A child stream, so that one module's draws do not shift another's. */
  fork(label: string): Random {
    let h = Math.floor(this.next() * 2 ** 32);
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x9e3779b1);
    return new Random(h >>> 0);
  }

  /** A UUIDv7 for a row created at `at`: time-ordered like the app's own ids, but reproducible. */
  uuidv7(at: Date | number): string {
    const ms = typeof at === 'number' ? at : at.getTime();
    const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');
    const time = hex(Math.max(0, Math.floor(ms)), 12);
    const r = () => Math.floor(this.next() * 0x10000);
    return (
      `${time.slice(0, 8)}-${time.slice(8, 12)}-` +
      `${hex(0x7000 | (r() & 0x0fff), 4)}-${hex(0x8000 | (r() & 0x3fff), 4)}-` +
      `${hex(r(), 4)}${hex(r(), 4)}${hex(r(), 4)}`
    );
  }
}

/** A seed from text (e.g. the --seed option). */
export function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
