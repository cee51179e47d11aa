package dev.compose2eb.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobCacheTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  @TempDir
  Path dir;

  private String put(BlobCache cache, char id, int size, Instant lastUsed) throws IOException {
    String diffId = "sha256:" + String.valueOf(id).repeat(64);
    Path tmp = cache.newTemporary();
    Files.write(tmp, new byte[size]);
    cache.put(diffId, tmp, "sha256:" + "f".repeat(63) + id, size);
    Files.setLastModifiedTime(dir.resolve(String.valueOf(id).repeat(64) + ".digest"),
        FileTime.from(lastUsed));
    return diffId;
  }

  /** The cache's file names, a repeated hex digit shortened to one ("a.gz"). */
  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString().replaceAll("^(.)\\1{63}", "$1")).sorted()
          .toList();
    }
  }

  @Test
  void dropsEntriesUnusedForLongerThanTheMaximumAge() throws IOException {
    BlobCache cache = new BlobCache(dir);
    put(cache, 'a', 10, NOW.minus(Duration.ofDays(40)));
    String recent = put(cache, 'b', 10, NOW.minus(Duration.ofDays(2)));

    cache.prune(NOW, Duration.ofDays(30), 1 << 20);

    assertThat(names()).containsExactly("b.digest", "b.gz");
    assertThat(cache.find(recent)).isPresent();
  }

  @Test
  void dropsTheLeastRecentlyUsedUntilTheBlobsFitTheSize() throws IOException {
    BlobCache cache = new BlobCache(dir);
    put(cache, 'a', 100, NOW.minus(Duration.ofDays(3)));
    put(cache, 'b', 100, NOW.minus(Duration.ofDays(1)));
    put(cache, 'c', 100, NOW.minus(Duration.ofDays(2)));

    cache.prune(NOW, Duration.ofDays(30), 200);

    assertThat(names()).containsExactly("b.digest", "b.gz", "c.digest", "c.gz");
  }

  @Test
  void aHitCountsAsUseAndKeepsTheEntry() throws IOException {
    BlobCache cache = new BlobCache(dir);
    String old = put(cache, 'a', 10, NOW.minus(Duration.ofDays(60)));

    assertThat(cache.find(old)).isPresent(); // now, by the clock: used today
    cache.prune(Instant.now(), Duration.ofDays(30), 1 << 20);

    assertThat(names()).containsExactly("a.digest", "a.gz");
  }

  @Test
  void removesTemporaryFilesOfCrashedRunsButNotThoseOfARunningOne() throws IOException {
    BlobCache cache = new BlobCache(dir);
    Path crashed = cache.newTemporary();
    Files.setLastModifiedTime(crashed, FileTime.from(NOW.minus(Duration.ofDays(2))));
    Path running = cache.newTemporary();
    Files.setLastModifiedTime(running, FileTime.from(NOW.minus(Duration.ofMinutes(5))));

    cache.prune(NOW, Duration.ofDays(30), 1 << 20);

    assertThat(crashed).doesNotExist();
    assertThat(running).exists();
  }

  @Test
  void aMissingCacheDirectoryIsNothingToPrune() throws IOException {
    new BlobCache(dir.resolve("never-made")).prune(NOW, Duration.ofDays(30), 0);
    assertThat(dir.resolve("never-made")).doesNotExist();
  }
}
