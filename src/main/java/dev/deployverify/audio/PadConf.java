package dev.deployverify.audio;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The SP-404MK2 project file {@code PADCONF.BIN}, as the SP-404 Sample Agent documents it: exactly 52,000 bytes,
 * zero-filled where unused; the tempo mode at 0x12 (0x01 = project tempo); the project BPM x 100 as a big-endian
 * unsigned 16-bit integer at 0x13; the project name as null-terminated ASCII (at most 31 characters) at 0x81;
 * 160 pad records of 172 bytes from 0xA5; pad file names in 24-byte null-terminated ASCII slots (at most 23
 * characters) from 0x6C20, one per pad, bank A pad 1 first.
 *
 * <p>The documentation gives no fields inside the 172-byte pad records, so they are written as zeros and not read.
 * (Taken literally, the records end at 0xA5 + 160 x 172 = 0x6C25, five bytes into the file-name table; nothing here
 * depends on the records, so the overlap does not matter to what is written or checked.)
 *
 * @param size         the file's length in bytes
 * @param tempoMode    byte 0x12
 * @param bpmTimes100  the big-endian unsigned 16-bit integer at 0x13
 * @param projectName  the ASCII text at 0x81 up to its terminating zero
 * @param padFileNames the 160 pad file names, bank A pad 1 first; empty for an unassigned pad
 */
public record PadConf(int size, int tempoMode, int bpmTimes100, String projectName, List<String> padFileNames) {

    public static final int SIZE = 52_000;
    public static final int TEMPO_MODE_OFFSET = 0x12;
    public static final int TEMPO_MODE_PROJECT = 0x01;
    public static final int BPM_OFFSET = 0x13;
    public static final int NAME_OFFSET = 0x81;
    public static final int NAME_MAX = 31;
    public static final int PAD_RECORDS_OFFSET = 0xA5;
    public static final int PAD_RECORD_SIZE = 172;
    public static final int PAD_NAMES_OFFSET = 0x6C20;
    public static final int PAD_NAME_SLOT = 24;
    public static final int PAD_NAME_MAX = PAD_NAME_SLOT - 1;
    public static final String BANKS = "ABCDEFGHIJ";
    public static final int PADS_PER_BANK = 16;
    public static final int PADS = BANKS.length() * PADS_PER_BANK;
    /** The first byte after the file-name table: a file shorter than this cannot be read at all. */
    public static final int READABLE_MINIMUM = PAD_NAMES_OFFSET + PADS * PAD_NAME_SLOT;

    /** Thrown when bytes cannot be read as a PADCONF.BIN; the message names the offset and what was found. */
    public static final class FormatException extends IllegalArgumentException {
        public FormatException(String message) {
            super(message);
        }
    }

    public PadConf {
        padFileNames = List.copyOf(padFileNames);
    }

    /** The project BPM as the sampler shows it (e.g. 120.5). */
    public double bpm() {
        return bpmTimes100 / 100.0;
    }

    /** The file name of a pad, empty when unassigned. */
    public String padFileName(char bank, int pad) {
        return padFileNames.get(padIndex(bank, pad));
    }

    /** 0 for bank A pad 1, 16 for bank B pad 1, ... 159 for bank J pad 16. */
    public static int padIndex(char bank, int pad) {
        int b = BANKS.indexOf(Character.toUpperCase(bank));
        if (b < 0 || pad < 1 || pad > PADS_PER_BANK) {
            throw new IllegalArgumentException("no pad " + bank + pad + ": banks are A-J, pads 1-16");
        }
        return b * PADS_PER_BANK + pad - 1;
    }

    /** "A1" for index 0, "J16" for index 159. */
    public static String padLabel(int index) {
        return BANKS.charAt(index / PADS_PER_BANK) + String.valueOf(index % PADS_PER_BANK + 1);
    }

    /**
     * Writes a PADCONF.BIN with the project tempo. Names are made ASCII ('_' for anything else) and truncated to
     * what their slots hold (31 and 23 characters), always leaving the terminating zero.
     *
     * @param padFileNames pad index ({@link #padIndex}) -> file name
     */
    public static byte[] write(String projectName, double bpm, Map<Integer, String> padFileNames) {
        long bpmTimes100 = Math.round(bpm * 100);
        if (bpmTimes100 < 0 || bpmTimes100 > 0xFFFF) {
            throw new IllegalArgumentException("BPM " + bpm + " does not fit 16 bits as BPM x 100");
        }
        byte[] bytes = new byte[SIZE];
        bytes[TEMPO_MODE_OFFSET] = TEMPO_MODE_PROJECT;
        bytes[BPM_OFFSET] = (byte) (bpmTimes100 >>> 8);
        bytes[BPM_OFFSET + 1] = (byte) bpmTimes100;
        putAscii(bytes, NAME_OFFSET, projectName, NAME_MAX);
        padFileNames.forEach((index, name) -> {
            if (index < 0 || index >= PADS) {
                throw new IllegalArgumentException("pad index " + index + " is outside 0.." + (PADS - 1));
            }
            putAscii(bytes, PAD_NAMES_OFFSET + index * PAD_NAME_SLOT, name, PAD_NAME_MAX);
        });
        return bytes;
    }

    /**
     * Reads the documented fields of whatever was served, whatever its length (the size is a finding of its own),
     * as long as the file-name table is there.
     *
     * @throws FormatException when the file is too short to hold the file-name table, or a name is not
     *                         null-terminated ASCII within its slot
     */
    public static PadConf read(byte[] bytes) {
        if (bytes.length < READABLE_MINIMUM) {
            throw new FormatException("only " + bytes.length + " bytes: the pad file-name table runs to byte "
                    + READABLE_MINIMUM + " (of " + SIZE + ")");
        }
        int bpm = (bytes[BPM_OFFSET] & 0xFF) << 8 | bytes[BPM_OFFSET + 1] & 0xFF;
        String name = readAscii(bytes, NAME_OFFSET, NAME_MAX, "the project name");
        List<String> pads = new ArrayList<>(PADS);
        for (int i = 0; i < PADS; i++) {
            pads.add(readAscii(bytes, PAD_NAMES_OFFSET + i * PAD_NAME_SLOT, PAD_NAME_MAX, "pad " + padLabel(i) + "'s file name"));
        }
        return new PadConf(bytes.length, bytes[TEMPO_MODE_OFFSET] & 0xFF, bpm, name, Collections.unmodifiableList(pads));
    }

    private static void putAscii(byte[] bytes, int offset, String text, int max) {
        byte[] ascii = text.replaceAll("[^\\x20-\\x7e]", "_").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, bytes, offset, Math.min(ascii.length, max));
    }

    private static String readAscii(byte[] bytes, int offset, int max, String what) {
        for (int i = 0; i <= max; i++) {
            int b = bytes[offset + i] & 0xFF;
            if (b == 0) {
                return new String(bytes, offset, i, StandardCharsets.US_ASCII);
            }
            if (b < 0x20 || b > 0x7e) {
                throw new FormatException(what + " at 0x" + Integer.toHexString(offset).toUpperCase()
                        + " has the non-ASCII byte 0x" + String.format("%02X", b) + " at position " + i);
            }
        }
        throw new FormatException(what + " at 0x" + Integer.toHexString(offset).toUpperCase() + " is not null-terminated within "
                + (max + 1) + " bytes: '" + new String(Arrays.copyOfRange(bytes, offset, offset + max + 1), StandardCharsets.US_ASCII) + "'");
    }
}
