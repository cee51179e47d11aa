package dev.compose2eb.push;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** {@code size} bytes of a file from {@code offset}: a layer inside an archive, or a whole file. */
record FileRegion(Path file, long offset, long size) {

  static FileRegion whole(Path file, long size) {
    return new FileRegion(file, 0, size);
  }

  /** A stream of exactly the region's bytes; EOFException if the file is shorter. */
  InputStream open() throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    return new InputStream() {
      private long position = offset;
      private final long end = offset + size;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (position >= end) {
          return -1;
        }
        int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
        if (n < 0) {
          throw new java.io.EOFException(file + " ended " + (end - position) + " bytes early");
        }
        position += n;
        return n;
      }

      @Override
      public void close() throws IOException {
        ch.close();
      }
    };
  }
}
