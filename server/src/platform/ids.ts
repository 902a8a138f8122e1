// UUIDv7: time-ordered ids keep B-tree inserts local and sort by creation, which a sharded
// (Citus) deployment and our cursors both rely on (ARCHITECTURE.md, "Scale").
import { randomFillSync } from 'node:crypto';

// Random bytes come from a pool, refilled from the CSPRNG 4 KiB at a time: one call per 256 ids
// instead of two allocations and calls per id. A waiting list writes an audit row, and so draws an
// id, for every resident on it (bench/README.md, session 15). No byte is handed out twice.
const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let poolOffset = POOL_BYTES;

/** The offset in `pool` of `count` unused random bytes. */
function takeRandom(count: number): number {
  if (poolOffset + count > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const start = poolOffset;
  poolOffset += count;
  return start;
}

// Each id is assembled here and then written out as text, so no buffer is allocated per id.
const scratch = Buffer.alloc(16);
let lastMillis = 0;
let sequence = 0;

export function newId(now: number = Date.now()): string {
  // A 12-bit counter keeps ids created in the same millisecond in order.
  if (now <= lastMillis) {
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) lastMillis += 1;
    now = lastMillis;
  } else {
    lastMillis = now;
    sequence = pool.readUInt16BE(takeRandom(2)) & 0x3ff;
  }
  const random = takeRandom(16);
  pool.copy(scratch, 0, random, random + 16);
  scratch.writeUIntBE(now, 0, 6);
  scratch[6] = 0x70 | (sequence >> 8);
  scratch[7] = sequence & 0xff;
  scratch[8] = 0x80 | ((scratch[8] ?? 0) & 0x3f);
  const hex = scratch.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
