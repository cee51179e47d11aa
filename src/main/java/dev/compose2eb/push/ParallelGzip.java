package dev.compose2eb.push;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * gzip in the manner of pigz: the input is cut into 1 MiB chunks, each compressed on its own by a
 * pool thread as raw deflate ending on a byte boundary (sync flush), and the pieces are written in
 * order behind one gzip header, so the result is a single ordinary gzip member. The reading thread
 * computes the sha256 of the input (the layer's diff id) and the CRC, and the sha256 and size of the
 * output as it is written.
 *
 * <p>Each chunk is compressed at {@link Deflater#BEST_SPEED}, unless three 16 KiB samples of it do not
 * shrink below 90% at that level: then it is stored (deflate "stored" blocks, a plain copy). Already
 * compressed content (jars, images, archives) costs almost nothing that way, where zlib would spend
 * ~30 MB/s per core finding nothing. The decision depends only on the chunk's bytes, so the same input
 * always gives the same output (and digest).
 */
final class ParallelGzip {
  static final int CHUNK = 1 << 20;
  private static final int SAMPLE = 16 << 10;
  private static final double STORE_ABOVE = 0.9;
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
  private static final ThreadLocal<Deflaters> DEFLATERS = ThreadLocal.withInitial(Deflaters::new);

  /** The input's sha256 (diff id), and the output's sha256 and size. */
  record Result(String diffId, String digest, long size) {}

  private final ExecutorService pool;
  private final int inFlight;

  ParallelGzip(ExecutorService pool, int threads) {
    this.pool = pool;
    this.inFlight = 2 * threads + 1;
  }

  /** Compresses {@code size} bytes at {@code offset} of {@code in} into {@code out}. */
  Result compress(FileChannel in, long offset, long size, Path out, LongConsumer progress)
      throws IOException, InterruptedException {
    MessageDigest inputDigest = Digests.sha256();
    MessageDigest outputDigest = Digests.sha256();
    CRC32 crc = new CRC32();
    ArrayDeque<Future<Piece>> pending = new ArrayDeque<>();
    long written = 0;
    try (OutputStream file = Files.newOutputStream(out)) {
      file.write(HEADER);
      outputDigest.update(HEADER);
      written += HEADER.length;
      long done = 0;
      do {
        int length = (int) Math.min(CHUNK, size - done);
        byte[] chunk = new byte[length];
        readFully(in, chunk, offset + done);
        inputDigest.update(chunk);
        crc.update(chunk);
        done += length;
        boolean last = done == size;
        pending.add(pool.submit(() -> deflate(chunk, last)));
        progress.accept(length);
        while (pending.size() >= inFlight || (last && !pending.isEmpty())) {
          Piece piece = take(pending.removeFirst());
          file.write(piece.bytes(), 0, piece.length());
          outputDigest.update(piece.bytes(), 0, piece.length());
          written += piece.length();
        }
      } while (done < size);
      byte[] trailer = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
          .putInt((int) crc.getValue()).putInt((int) size).array();
      file.write(trailer);
      outputDigest.update(trailer);
      written += trailer.length;
    } finally {
      pending.forEach(f -> f.cancel(true));
    }
    return new Result(Digests.of(inputDigest), Digests.of(outputDigest), written);
  }

  private record Piece(byte[] bytes, int length) {}

  private static Piece take(Future<Piece> f) throws IOException, InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw new IOException("compression failed: " + e.getCause(), e.getCause());
    }
  }

  private static Piece deflate(byte[] chunk, boolean last) {
    Deflaters d = DEFLATERS.get();
    Deflater deflater = d.incompressible(chunk) ? d.stored : d.fast;
    deflater.reset();
    deflater.setInput(chunk);
    if (last) {
      deflater.finish();
    }
    byte[] out = new byte[chunk.length + chunk.length / 16 + 64];
    int n = 0;
    while (true) {
      int space = out.length - n;
      int got = deflater.deflate(out, n, space, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
      n += got;
      // a sync flush is complete when it left output space unused; a finish when finished()
      if (last ? deflater.finished() : got < space && deflater.needsInput()) {
        return new Piece(out, n);
      }
      if (n == out.length) {
        out = Arrays.copyOf(out, out.length * 2);
      }
    }
  }

  /** One pair of raw-deflate compressors per pool thread, reused from chunk to chunk. */
  private static final class Deflaters {
    final Deflater fast = new Deflater(Deflater.BEST_SPEED, true);
    final Deflater stored = new Deflater(Deflater.NO_COMPRESSION, true);
    final byte[] scratch = new byte[SAMPLE * 2];

    /** True when samples at the start, middle and end of the chunk barely compress. */
    boolean incompressible(byte[] chunk) {
      if (chunk.length < 4 * SAMPLE) {
        return false;
      }
      long in = 0;
      long out = 0;
      for (int at : new int[] {0, chunk.length / 2 - SAMPLE / 2, chunk.length - SAMPLE}) {
        fast.reset();
        fast.setInput(chunk, at, SAMPLE);
        fast.finish();
        int n = 0;
        while (!fast.finished() && n < scratch.length) {
          n += fast.deflate(scratch, n, scratch.length - n);
        }
        in += SAMPLE;
        out += n;
      }
      return out > in * STORE_ABOVE;
    }
  }

  private static void readFully(FileChannel ch, byte[] into, long position) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(into);
    while (buf.hasRemaining()) {
      if (ch.read(buf, position + buf.position()) < 0) {
        throw new java.io.EOFException("the archive ended inside a layer");
      }
    }
  }
}
