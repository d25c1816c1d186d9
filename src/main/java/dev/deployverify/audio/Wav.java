package dev.deployverify.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A PCM WAV file: its format fields as the header states them and its samples. {@link #parse} reads what a
 * deployment served, chunk by chunk, and says exactly what is wrong when it is not a playable PCM WAV.
 *
 * @param sampleRate    frames per second (e.g. 48000)
 * @param bitsPerSample 16 for the formats this suite writes; 8, 16, 24 or 32 are read
 * @param channels      1 (mono) or more, interleaved
 * @param samples       the first channel's samples scaled to -1..1 (enough for duration and tempo)
 * @param frames        frames in the data chunk
 */
public record Wav(int sampleRate, int bitsPerSample, int channels, double[] samples, long frames) {

    /** Thrown when bytes are not a PCM WAV; the message names the offset and what was found. */
    public static final class FormatException extends IllegalArgumentException {
        public FormatException(String message) {
            super(message);
        }
    }

    public double durationSeconds() {
        return sampleRate == 0 ? 0 : (double) frames / sampleRate;
    }

    /** Writes 16-bit PCM, mono, little-endian, with the canonical 44-byte header. */
    public static byte[] pcm16Mono(double[] samples, int sampleRate) {
        int dataBytes = samples.length * 2;
        ByteBuffer buffer = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes);
        buffer.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        buffer.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1)                 // PCM
                .putShort((short) 1)                 // channels
                .putInt(sampleRate)
                .putInt(sampleRate * 2)              // byte rate
                .putShort((short) 2)                 // block align
                .putShort((short) 16);               // bits per sample
        buffer.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        for (double sample : samples) {
            buffer.putShort((short) Math.round(Math.max(-1, Math.min(1, sample)) * Short.MAX_VALUE));
        }
        return buffer.array();
    }

    /** Reads a RIFF/WAVE PCM file, skipping chunks other than fmt and data. */
    public static Wav parse(byte[] bytes) {
        if (bytes.length < 12) {
            throw new FormatException("only " + bytes.length + " bytes: too short for a RIFF header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        String riff = ascii(bytes, 0, 4);
        String wave = ascii(bytes, 8, 4);
        if (!riff.equals("RIFF") || !wave.equals("WAVE")) {
            throw new FormatException("bytes 0-11 are '" + printable(riff) + "...." + printable(wave) + "', not 'RIFF....WAVE'");
        }
        int format = -1;
        int channels = 0;
        int sampleRate = 0;
        int bits = 0;
        int offset = 12;
        while (offset + 8 <= bytes.length) {
            String id = ascii(bytes, offset, 4);
            long size = Integer.toUnsignedLong(buffer.getInt(offset + 4));
            int body = offset + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + 16 > bytes.length) {
                    throw new FormatException("fmt chunk at byte " + offset + " is " + size + " bytes, needs 16");
                }
                format = Short.toUnsignedInt(buffer.getShort(body));
                channels = Short.toUnsignedInt(buffer.getShort(body + 2));
                sampleRate = buffer.getInt(body + 4);
                bits = Short.toUnsignedInt(buffer.getShort(body + 14));
            } else if (id.equals("data")) {
                if (format != 1 && format != 0xFFFE) {
                    throw new FormatException(format < 0 ? "data chunk before any fmt chunk" : "audio format " + format + " is not PCM (1)");
                }
                if (channels < 1 || sampleRate <= 0 || bits % 8 != 0 || bits < 8 || bits > 32) {
                    throw new FormatException("fmt chunk says " + channels + " channels, " + sampleRate + " Hz, " + bits + " bits: not playable PCM");
                }
                long available = Math.min(size, bytes.length - (long) body);
                int frameBytes = channels * bits / 8;
                int frames = (int) (available / frameBytes);
                double[] samples = new double[frames];
                for (int i = 0; i < frames; i++) {
                    samples[i] = sample(buffer, body + i * frameBytes, bits);
                }
                return new Wav(sampleRate, bits, channels, samples, frames);
            }
            offset = body + (int) size + (int) (size & 1); // chunks are word-aligned
        }
        throw new FormatException("no data chunk" + (format < 0 ? " and no fmt chunk" : "") + " in " + bytes.length + " bytes");
    }

    private static double sample(ByteBuffer buffer, int at, int bits) {
        return switch (bits) {
            case 8 -> (Byte.toUnsignedInt(buffer.get(at)) - 128) / 128.0;
            case 16 -> buffer.getShort(at) / 32768.0;
            case 24 -> ((buffer.get(at) & 0xFF) | (buffer.get(at + 1) & 0xFF) << 8 | buffer.get(at + 2) << 16) / 8388608.0;
            default -> buffer.getInt(at) / 2147483648.0;
        };
    }

    private static String ascii(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, Math.min(length, bytes.length - offset), StandardCharsets.US_ASCII);
    }

    private static String printable(String text) {
        return text.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
