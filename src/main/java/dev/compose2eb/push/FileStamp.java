package dev.compose2eb.push;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What identifies a file's content without reading it: device, inode, size, modification and
 * status-change times (ns). Any write to a file moves its ctime, and no tool can set ctime back, so
 * an unchanged stamp means unchanged bytes (git relies on the same). A file changed in the last
 * two seconds gets no stamp: the clock tick that dates a change can hide a second write in the same
 * tick (git's "racily clean" case). Empty where the file system has no unix attributes.
 */
record FileStamp(String key) {
  private static final Duration RACY = Duration.ofSeconds(2);

  static Optional<FileStamp> of(Path file, Instant now) {
    try {
      Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
      FileTime ctime = (FileTime) a.get("ctime");
      if (ctime == null || !ctime.toInstant().isBefore(now.minus(RACY))) {
        return Optional.empty();
      }
      return Optional.of(new FileStamp(file.toRealPath() + "\n" + a.get("dev") + " " + a.get("ino")
          + " " + a.get("size") + " " + nanos((FileTime) a.get("lastModifiedTime")) + " "
          + nanos(ctime)));
    } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
      return Optional.empty();
    }
  }

  private static String nanos(FileTime t) {
    Instant i = t.toInstant();
    return i.getEpochSecond() + "." + i.getNano();
  }
}
