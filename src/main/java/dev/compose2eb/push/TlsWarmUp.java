package dev.compose2eb.push;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Gets the JIT to compile AES-GCM before a large upload needs it. JDK 17 runs GCM (every TLS 1.2/1.3
 * record we send) as plain bytecode until C2 has compiled the callers of its AES-NI and CLMUL
 * intrinsics, which takes thousands of calls (measured in a fresh JVM: 150 MiB in 16 KiB records,
 * as TLS sends them, took 0.86 s cold, against 0.18 s after this warm-up of 0.17 s). Tiny
 * encryptions, the way TLS calls the cipher (one cipher, a new nonce, AAD, doFinal on heap buffers),
 * reach the compile thresholds quickly, while the layers are still being read. Output is discarded.
 */
final class TlsWarmUp {
  private static final int CALLS = 3000;
  private static volatile boolean started;

  private TlsWarmUp() {}

  /** Starts the warm-up once per JVM on a daemon thread; later calls do nothing. */
  static void start() {
    synchronized (TlsWarmUp.class) {
      if (started) {
        return;
      }
      started = true;
    }
    Thread t = new Thread(TlsWarmUp::run, "compose2eb-tls-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  private static void run() {
    try {
      SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
      byte[] aad = new byte[5];
      ByteBuffer in = ByteBuffer.allocate(256);
      ByteBuffer out = ByteBuffer.allocate(256 + 16);
      byte[] iv = new byte[12];
      // one cipher, a new nonce per record: what TLS does (a new cipher per call would also make
      // the AES key schedule hot, which TLS never needs compiled)
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      for (int i = 0; i < CALLS; i++) {
        iv[0] = (byte) i;
        iv[1] = (byte) (i >>> 8);
        c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        c.updateAAD(aad);
        in.clear();
        out.clear();
        c.doFinal(in, out);
      }
    } catch (GeneralSecurityException | RuntimeException ignored) {
      // only a speed-up: without it the upload is slower at first, not wrong
    }
  }
}
