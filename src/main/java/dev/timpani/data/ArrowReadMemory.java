package dev.timpani.data;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.AllocationManager;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ReferenceManager;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * The native memory of one Arrow read, all of it given back when the read ends.
 *
 * <p>Arrow releases a message's buffers only on its success paths; several of its refusals of malformed input
 * (an unknown dictionary id, an out-of-range slice, a message of the wrong type, ...) leave them taken, and the
 * allocator then closes with "Memory was leaked" while the memory stays allocated for good (found one by one by
 * ArrowFrameReaderFuzzTest). Rather than chase each path, every allocation of a read is recorded here and freed at
 * {@link #close()} unless Arrow already freed it: the frame a read returns holds Java arrays, never Arrow memory.
 */
final class ArrowReadMemory implements AutoCloseable {

    /** Bytes freed here that Arrow had left behind, over the life of the process (for tests and diagnosis). */
    private static final AtomicLong RECLAIMED_BYTES = new AtomicLong();

    private static final ArrowBuf EMPTY = new ArrowBuf(ReferenceManager.NO_OP, null, 0, MemoryUtil.allocateMemory(0));

    private final List<Allocation> allocations = new ArrayList<>();
    private final RootAllocator allocator;

    ArrowReadMemory(long limit) {
        this.allocator = new RootAllocator(RootAllocator.configBuilder()
                .maxAllocation(limit)
                .allocationManagerFactory(new Factory())
                .build());
    }

    BufferAllocator allocator() {
        return allocator;
    }

    static long reclaimedBytes() {
        return RECLAIMED_BYTES.get();
    }

    @Override
    public void close() {
        try {
            allocator.close();
        } catch (IllegalStateException leaked) {
            // "Memory was leaked by query": Arrow's accounting is wrong from here on, the memory itself is freed below.
        }
        synchronized (allocations) {
            for (Allocation allocation : allocations) {
                if (allocation.free()) {
                    RECLAIMED_BYTES.addAndGet(allocation.getSize());
                }
            }
            allocations.clear();
        }
    }

    private final class Factory implements AllocationManager.Factory {

        @Override
        public AllocationManager create(BufferAllocator accountingAllocator, long size) {
            Allocation allocation = new Allocation(accountingAllocator, size);
            synchronized (allocations) {
                allocations.add(allocation);
            }
            return allocation;
        }

        @Override
        public ArrowBuf empty() {
            return EMPTY;
        }
    }

    /** Unsafe-allocated memory like Arrow's default, freed at most once: by Arrow's release or by the read's end. */
    private static final class Allocation extends AllocationManager {

        private final long address;
        private final long size;
        private final AtomicBoolean freed = new AtomicBoolean();

        Allocation(BufferAllocator accountingAllocator, long size) {
            super(accountingAllocator);
            this.address = MemoryUtil.allocateMemory(size);
            this.size = size;
        }

        @Override
        public long getSize() {
            return size;
        }

        @Override
        protected long memoryAddress() {
            return address;
        }

        @Override
        protected void release0() {
            free();
        }

        /** True when this call freed the memory. */
        boolean free() {
            if (!freed.compareAndSet(false, true)) {
                return false;
            }
            MemoryUtil.freeMemory(address);
            return true;
        }
    }
}
