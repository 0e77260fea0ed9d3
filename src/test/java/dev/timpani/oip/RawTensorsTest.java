package dev.timpani.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The protocol's raw encoding, for the datatypes the end-to-end tests do not send. */
class RawTensorsTest {

    private static ByteBuffer little(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void decodesIntegersBooleansAndUnsignedValuesAsFloat64() {
        assertThat(RawTensors.decode("i", Datatype.INT32, new long[] {2}, little(8).putInt(-3).putInt(7).flip())
                .numbers()).containsExactly(-3, 7);
        assertThat(RawTensors.decode("b", Datatype.BOOL, new long[] {3}, ByteBuffer.wrap(new byte[] {1, 0, 5}))
                .numbers()).containsExactly(1, 0, 1);
        assertThat(RawTensors.decode("u", Datatype.UINT8, new long[] {1}, ByteBuffer.wrap(new byte[] {(byte) 200}))
                .numbers()).containsExactly(200);
        assertThat(RawTensors.decode("u64", Datatype.UINT64, new long[] {1}, little(8).putLong(-1L).flip())
                .numbers()).containsExactly(0x1.0p64);
        assertThat(RawTensors.decode("f", Datatype.FP32, new long[] {1, 1}, little(4).putFloat(0.5f).flip())
                .numbers()).containsExactly(0.5);
    }

    @Test
    void bytesElementsRoundTripAndAreCheckedAgainstTheShape() {
        OutputTensor labels = new OutputTensor("p", Datatype.BYTES, new long[] {2}, Map.of(), null,
                new String[] {"setosa", "é"}, true);
        byte[] raw = RawTensors.encode(labels);
        assertThat(RawTensors.decode("p", Datatype.BYTES, new long[] {2}, ByteBuffer.wrap(raw)).texts())
                .containsExactly("setosa", "é");
        assertThatThrownBy(() -> RawTensors.decode("p", Datatype.BYTES, new long[] {3}, ByteBuffer.wrap(raw)))
                .isInstanceOfSatisfying(OipException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage("input 'p' ends after 2 of its 3 BYTES elements");
    }

    @Test
    void aByteCountThatDoesNotFitTheShapeIsA400NamingTheInput() {
        assertThatThrownBy(() -> RawTensors.decode("x", Datatype.FP64, new long[] {2, 2}, little(24)))
                .isInstanceOf(OipException.class)
                .hasMessage("input 'x' has 24 bytes of FP64 data; its shape needs 32 (4 elements of 8 bytes)");
        assertThatThrownBy(() -> RawTensors.decode("x", Datatype.FP64, new long[] {-1}, little(8)))
                .isInstanceOf(OipException.class).hasMessageStartingWith("input 'x' has shape [-1]");
    }
}
