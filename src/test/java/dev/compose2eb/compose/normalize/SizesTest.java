package dev.compose2eb.compose.normalize;

import static dev.compose2eb.compose.normalize.Fixture.web;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {

  @ParameterizedTest
  @CsvSource({
    "2b, 2", "100, 100", "100k, 102400", "100K, 102400", "512m, 536870912", "512M, 536870912",
    "1g, 1073741824", "1gb, 1073741824", "1GiB, 1073741824", "1.5g, 1610612736", "1 m, 1048576",
    "1t, 1099511627776", "0.5k, 512", "1.9b, 1", ".5k, 512", "5.m, 5242880", "1e3, 1000",
    "1E+2k, 102400", "1e-1k, 102", "007, 7"})
  void goUnitsRamInBytes(String text, long bytes) {
    assertThat(Sizes.parse(text)).hasValue(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "m", "1x", "1mbb", "1gi", "1kbit", "-1m", "1..5m", "abc", ".", ".m", "..5k", "1.5.k",
      "1e5.5k", "+5m", "1 2m"})
  void rejected(String text) {
    assertThat(Sizes.parse(text)).isEmpty();
  }

  @Test
  void numbersAndStringsInTheComposeFile() {
    Fixture f = new Fixture();
    var s = f.service(web("image: a", "mem_limit: 1073741824", "mem_reservation: \"256m\"", "shm_size: 64M"));
    assertThat(s.resources().memLimit()).contains(1073741824L);
    assertThat(s.resources().memReservation()).contains(268435456L);
    assertThat(s.options().shmSize()).contains(67108864L);
  }

  @Test
  void invalidSizeIsAnError() {
    Fixture f = new Fixture();
    f.service(web("image: a", "mem_limit: 1 gigabyte", "shm_size: [1]"));
    assertThat(f.errors()).containsExactly(
        "compose.yaml:4:16: error: services.web.mem_limit: invalid size \"1 gigabyte\": expected bytes or a number with a unit b, k, m, g (KiB, MB ... are binary); e.g. mem_limit: 512m",
        "compose.yaml:5:15: error: services.web.shm_size: expected a size (bytes or a string like \"512m\"), found a list; e.g. shm_size: 256m");
  }

  @Test
  void humanForm() {
    assertThat(Sizes.human(536870912L)).isEqualTo("512MiB");
    assertThat(Sizes.human(1000L)).isEqualTo("1000B");
  }
}
