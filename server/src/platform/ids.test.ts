import { beforeEach, describe, expect, it, vi } from 'vitest';

// The generator keeps the last millisecond and its counter: each test starts from a fresh module.
let newId: (now?: number) => string;
beforeEach(async () => {
  vi.resetModules();
  ({ newId } = await import('./ids.js'));
});

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newId', () => {
  it('draws distinct UUIDv7s in creation order, across many refills of the random pool', () => {
    // 20,000 ids draw about 350 KB of random bytes: the 4 KiB pool is refilled some 80 times.
    const ids = Array.from({ length: 20_000 }, () => newId());
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('writes the time of creation into the first 48 bits', () => {
    const at = Date.UTC(2026, 10, 24, 23, 15);
    expect(parseInt(newId(at).replaceAll('-', '').slice(0, 12), 16)).toBe(at);
    expect(
      parseInt(
        newId(at + 60_000)
          .replaceAll('-', '')
          .slice(0, 12),
        16,
      ),
    ).toBe(at + 60_000);
  });

  it('keeps ids of one millisecond in order, even when the clock steps back', () => {
    const at = Date.UTC(2026, 10, 25, 8, 0);
    const first = newId(at);
    const sameMillisecond = newId(at);
    const clockBack = newId(at - 5);
    expect([first, sameMillisecond, clockBack]).toEqual([first, sameMillisecond, clockBack].sort());
    expect(new Set([first, sameMillisecond, clockBack]).size).toBe(3);
    // The clock that stepped back does not go into the id: it keeps the millisecond it follows.
    expect(clockBack.slice(0, 13)).toBe(first.slice(0, 13));
  });

  it('gives every id its own random bits: no two share their last 62', () => {
    const tails = Array.from({ length: 5_000 }, () => newId().slice(19));
    expect(new Set(tails).size).toBe(tails.length);
  });
});
