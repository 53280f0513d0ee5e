/**
 * The persistent entropy pool: where conditioned, full-entropy bytes wait between ingest and the consumers that
 * turn them into noise. {@link org.spinnoise.entropy.pool.EntropyPool} is the entry point; everything else public
 * here is its configuration, status and exceptions.
 *
 * <h2>Directory</h2>
 * <pre>
 * &lt;pool&gt;/pool.lock             exclusive FileChannel lock held by the one process that has the pool open; its
 *                             text names that process ({@link org.spinnoise.entropy.pool.PoolHolder}), emptied on close
 * &lt;pool&gt;/cursor                serving state and ledger (JSON line + "crc32c &lt;hex&gt;" line), replaced atomically
 * &lt;pool&gt;/commits               16-byte entries: the pool's end after each acknowledged append (CommitLog)
 * &lt;pool&gt;/segments/00000001.seg append-only record files, numbered upward, never reused
 * &lt;pool&gt;/handoff/              runs handed to a running service that owns the pool (org.spinnoise.run.PoolHandoff)
 * </pre>
 *
 * <h2>Record (all integers big-endian)</h2>
 * <pre>
 * offset size  field
 *      0    4  magic 0x53504E50 ("SPNP")
 *      4    1  format version, 1
 *      5    8  global offset of the first payload byte (u64)
 *     13    4  payload length L (u32, at most 2^31-1)
 *     17    8  raw bits in (u64)
 *     25    8  quarantined bits (u64)
 *     33    8  credited min-entropy in bits: IEEE-754 binary64 bit pattern (Double.doubleToLongBits)
 *     41    2  source id length S (u16, at most 1024)
 *     43    S  source id, UTF-8
 *   43+S    L  payload
 * 43+S+L    4  CRC-32C (Castagnoli) of bytes 0 .. 43+S+L-1
 * </pre>
 * The global offset is an addition to the first design: because every record says where it sits in the pool's
 * byte sequence, a reader that meets damaged bytes resynchronises at the next record whose magic, lengths and CRC
 * check out, and the lost payload is exactly the gap in offsets; nothing after it shifts, even when the damaged
 * length field cannot be trusted. A segment holds whole records only; a new one starts when the next record would
 * take the current one past {@code segmentBytes}.
 *
 * <h2>Durability and serving</h2>
 * <ul>
 * <li>{@code append} writes the record, calls {@code FileChannel.force(true)}, then writes the new end to the commit
 *     log and forces it before it returns; only then does the record become visible to {@code take}. A new segment
 *     file's directory entry is forced too.</li>
 * <li>Bytes are served in global-offset order, exactly as many as a consumer asks for. Before a take returns bytes
 *     past the durable reservation, the cursor is rewritten ({@code cursor.tmp}, force, atomic rename, force the
 *     directory) with {@code reservedEnd} ahead by a reservation that follows demand (ReservationSize: 4 KiB first,
 *     doubling while used up within a second, up to {@code reserveChunkBytes}), so most takes need no fsync. After a
 *     crash the unused rest of the reservation is skipped and counted in {@code bytesDiscardedAtRecovery}; bytes are
 *     therefore never served twice. While the holder runs, {@code inspect} reports the reservation as reserved, by
 *     that holder.</li>
 * <li>Per-consumer counts are durable as of the last cursor write, which counts the take that caused it as
 *     delivered. Bytes delivered from the in-memory reservation after that write and before a crash show up as
 *     discarded, not as served: the pool cannot tell them from bytes never delivered. A clean {@code close} records
 *     exact counts and gives the reservation back.</li>
 * <li>Recovery verifies every record. Damaged bytes at the very end of the newest segment past the last committed
 *     end are an append a crash interrupted (it was never acknowledged): they are truncated and counted in
 *     {@code bytesTornAtRecovery}. Damage to acknowledged records, wherever it lies (the last, unserved record of
 *     the newest segment included), is logged at WARN, listed in {@code corruptRanges} with file and file positions,
 *     and its offsets are skipped, never served, never credited and never reused; damaged bytes at the end of the
 *     newest segment stay on disk and new records follow them. A lost tail with no intact record after it is charged
 *     up to the committed end; without a commit log (a pool from an older version) the tail counts as torn only
 *     when it is a record for the expected offset cut short, and otherwise is charged conservatively (its byte
 *     count, an upper bound of the payload it held). Offsets the commit log or the cursor vouch for that no longer
 *     exist on disk are reported as corrupt too.</li>
 * <li>{@code compact} deletes leading segments whose bytes are all served or skipped. Their counters move to the
 *     cursor's ledger first, with the highest deleted index, so a crash between the two steps neither loses nor
 *     double-counts them; an older segment found on disk is deleted on open.</li>
 * <li>A missing cursor beside existing segments (someone deleted it) makes the pool treat every stored byte as
 *     served; a cursor whose checksum fails stops {@code open} with a message saying so.</li>
 * </ul>
 */
package org.spinnoise.entropy.pool;
