package dev.timpani.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.arrow.memory.ArrowBuf;
import org.junit.jupiter.api.Test;

/** What Arrow leaves taken on a refusal path is freed when the read ends; what it released is not freed twice. */
class ArrowReadMemoryTest {

    @Test
    void buffersLeftTakenAreFreedWhenTheReadEnds() {
        long reclaimedBefore = ArrowReadMemory.reclaimedBytes();
        ArrowReadMemory memory = new ArrowReadMemory(1 << 20);
        ArrowBuf released = memory.allocator().buffer(4096);
        ArrowBuf leftTaken = memory.allocator().buffer(8192);
        released.close();

        memory.close(); // would be "Memory was leaked" from the allocator, with the 8 KB gone for good

        assertThat(ArrowReadMemory.reclaimedBytes() - reclaimedBefore).isEqualTo(leftTaken.capacity());
    }
}
