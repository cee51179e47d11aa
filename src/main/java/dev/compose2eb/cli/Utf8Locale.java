package dev.compose2eb.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Java names files in the locale's character set, {@code sun.jnu.encoding}, fixed when the JVM
 * starts (JEP 400 made the default charset UTF-8 on JDK 18 and later, not this one). Under
 * {@code LC_ALL=C} or {@code POSIX}, common in CI images, that is ASCII: a path with "é" or "プ"
 * cannot be named at all, and even the arguments arrive with U+FFFD in place of those bytes. The
 * launcher script runs the JVM in a UTF-8 locale then; for {@code java -jar} this runs the same command
 * line again, once, in {@code C.UTF-8} (glibc has it built in since 2.35), when an argument, the
 * working directory or a {@code COMPOSE_*} variable holds a non-ASCII character. The command line
 * is replayed byte for byte from /proc/self/cmdline: the arguments as Java decoded them have lost
 * those bytes, so they are written as octal escapes into a pure-ASCII {@code /bin/sh} script.
 */
final class Utf8Locale {
  /** Set in the relaunched process, so that it never relaunches again. */
  static final String RELAUNCHED = "COMPOSE2EB_UTF8_RELAUNCHED";
  static final String LOCALE = "C.UTF-8";

  private Utf8Locale() {}

  static boolean isUtf8(String charset) {
    return charset != null && charset.replace("-", "").equalsIgnoreCase("UTF8");
  }

  static boolean isAscii(String charset) {
    try {
      return charset != null && Charset.forName(charset).equals(StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The exit code of this command run again in a UTF-8 locale, when this JVM's locale cannot name
   * a path it was given; empty to run here (then a path it cannot name gets a one-line message).
   */
  static OptionalInt relaunchIfNeeded(String[] args, Map<String, String> env) {
    // only from ASCII (C, POSIX): a Latin-1 locale names its own files right
    if (!isAscii(System.getProperty("sun.jnu.encoding")) || env.containsKey(RELAUNCHED)
        || !needsUtf8(args, env)) {
      return OptionalInt.empty();
    }
    List<byte[]> argv;
    try {
      argv = split(Files.readAllBytes(Path.of("/proc/self/cmdline")));
    } catch (IOException | RuntimeException e) {
      return OptionalInt.empty(); // not Linux: the one-line message says what to do
    }
    if (argv.isEmpty() || !Files.isExecutable(Path.of("/bin/sh"))) {
      return OptionalInt.empty();
    }
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", script(argv)).inheritIO();
    pb.environment().put("LC_ALL", LOCALE);
    pb.environment().put(RELAUNCHED, "1");
    Process child;
    try {
      child = pb.start();
    } catch (IOException e) {
      return OptionalInt.empty();
    }
    // Ctrl-C or a SIGTERM sent to this process ends the child too (it cleans up on SIGTERM)
    Thread stop = new Thread(() -> {
      child.destroy();
      try {
        child.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Runtime.getRuntime().addShutdownHook(stop);
    while (true) {
      try {
        int code = child.waitFor();
        Runtime.getRuntime().removeShutdownHook(stop);
        return OptionalInt.of(code);
      } catch (InterruptedException e) {
        // nothing interrupts main; wait on
      }
    }
  }

  private static boolean needsUtf8(String[] args, Map<String, String> env) {
    for (String a : args) {
      if (!ascii(a)) {
        return true;
      }
    }
    if (!ascii(System.getProperty("user.dir", ""))) {
      return true;
    }
    return env.entrySet().stream()
        .anyMatch(e -> e.getKey().startsWith("COMPOSE_") && !ascii(e.getValue()));
  }

  private static boolean ascii(String s) {
    return s.chars().allMatch(c -> c < 0x80);
  }

  /** The NUL-separated arguments of /proc/self/cmdline. */
  static List<byte[]> split(byte[] cmdline) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < cmdline.length; i++) {
      if (cmdline[i] == 0) {
        byte[] arg = new byte[i - start];
        System.arraycopy(cmdline, start, arg, 0, arg.length);
        out.add(arg);
        start = i + 1;
      }
    }
    return out;
  }

  /**
   * A POSIX sh script, ASCII only, that runs {@code argv} exactly: each argument is printed by
   * printf from octal escapes (an "x" after it keeps a trailing newline from being eaten by the
   * command substitution).
   */
  static String script(List<byte[]> argv) {
    StringBuilder sb = new StringBuilder("set --\n");
    for (byte[] arg : argv) {
      ByteArrayOutputStream escaped = new ByteArrayOutputStream();
      for (byte b : arg) {
        int c = b & 0xff;
        boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
            || "/._=:,+@".indexOf(c) >= 0; // "-" too would read as an option of printf
        String text = plain ? String.valueOf((char) c) : String.format("\\%03o", c);
        escaped.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
      }
      sb.append("a=$(printf '").append(escaped.toString(StandardCharsets.US_ASCII))
          .append("x'); set -- \"$@\" \"${a%x}\"\n");
    }
    return sb.append("exec \"$@\"\n").toString();
  }
}
