package dev.compose2eb.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unchanged archive is not read again: what a push read in it is recorded under the archive's
 * {@link FileStamp}, trusted while the stamp holds and ignored once the file changes. The clock is
 * set a minute ahead, so the archives written here are not "racily" new.
 */
class LayerPreparerTest {
  private static final Supplier<Instant> LATER = () -> Instant.now().plusSeconds(60);
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  @TempDir Path temp;

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private LayerPreparer preparer(Path cache, Supplier<Instant> clock) {
    return new LayerPreparer(new BlobCache(cache), new ParallelGzip(pool, 2), clock);
  }

  private static DockerArchive open(Path archive) throws Exception {
    return DockerArchive.open(archive, TarIndex.read(archive));
  }

  private static List<String> prepareAll(LayerPreparer p, DockerArchive a) throws Exception {
    List<String> digests = new ArrayList<>();
    for (DockerArchive.Layer l : a.layers()) {
      digests.add(p.prepare(a.path(), l, n -> {}).digest());
    }
    return digests;
  }

  @Test
  void aPushRecordsWhatItReadAndTheNextOneGetsTheSameBlobs() throws Exception {
    DockerSaveArchive.Written w = DockerSaveArchive.write(temp.resolve("app.tar"), "app:1",
        new long[] {60_000, 30_000}, 3);
    Path cache = temp.resolve("cache");
    DockerArchive archive = open(w.archive());
    List<String> first = prepareAll(preparer(cache, LATER), archive);
    assertThat(records(cache)).hasSize(2);
    List<String> second = prepareAll(preparer(cache, LATER), archive);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void aRecordIsTrustedWhileTheStampHoldsAndIgnoredOnceTheFileChanges() throws Exception {
    // layer 1 of this archive does not match the diff id its configuration lists
    DockerSaveArchive.Written bad = DockerSaveArchive.write(temp.resolve("bad.tar"), "bad:1",
        new long[] {40_000, 20_000}, 5, true, 1);
    Path cache = temp.resolve("cache");
    DockerArchive archive = open(bad.archive());
    DockerArchive.Layer layer = archive.layers().get(1);
    assertThatThrownBy(() -> preparer(cache, LATER).prepare(bad.archive(), layer, n -> {}))
        .isInstanceOf(DockerArchive.Invalid.class);

    // a record claiming the layer was read and matched: trusted, so the layer is not read at all
    String claimed = "sha256:" + "c".repeat(64);
    FileStamp stamp = FileStamp.of(bad.archive(), LATER.get()).orElseThrow();
    new BlobCache(cache).recordVerified(stamp, layer.entry().offset(), layer.entry().size(),
        new BlobCache.Verified(layer.diffId(), Optional.of(claimed)));
    assertThat(preparer(cache, LATER).prepare(bad.archive(), layer, n -> {}).digest())
        .isEqualTo(claimed);

    // any change to the file moves its ctime: the record no longer applies and the layer is read
    Files.setLastModifiedTime(bad.archive(), FileTime.from(Instant.now().minusSeconds(3600)));
    assertThat(FileStamp.of(bad.archive(), LATER.get())).isPresent().get().isNotEqualTo(stamp);
    assertThatThrownBy(() -> preparer(cache, LATER).prepare(bad.archive(), layer, n -> {}))
        .isInstanceOf(DockerArchive.Invalid.class);
  }

  @Test
  void aFileChangedInTheLastTwoSecondsHasNoStampSoNothingIsRecorded() throws Exception {
    DockerSaveArchive.Written w = DockerSaveArchive.write(temp.resolve("new.tar"), "new:1",
        new long[] {20_000}, 9);
    Instant justAfter = Instant.now();
    assertThat(FileStamp.of(w.archive(), justAfter)).isEmpty();
    Path cache = temp.resolve("cache");
    prepareAll(preparer(cache, () -> justAfter), open(w.archive()));
    assertThat(records(cache)).isEmpty();
  }

  private static List<Path> records(Path cache) throws IOException {
    Path dir = cache.resolve("verified");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.toString().endsWith(".tmp")).toList();
    }
  }
}
