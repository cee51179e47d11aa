package dev.compose2eb.compose.normalize;

import static dev.compose2eb.compose.normalize.Fixture.web;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "1m30s, 90000", "10ms, 10", "1h5m, 3900000", "1.5s, 1500", "0, 0", "2h, 7200000", "-1s, -1000",
    "+5s, 5000", ".5s, 500", "5.s, 5000", "1m0.25s, 60250"})
  void parsesGoSyntax(String text, long millis) {
    assertThat(Durations.parse(text)).contains(Duration.ofMillis(millis));
  }

  @Test
  void wholeNumbersAndFractionsAddUpExactlyUpToTheLongestGoDuration() {
    assertThat(Durations.parse("2562047h47m16.854775807s")).contains(Duration.ofNanos(Long.MAX_VALUE));
    assertThat(Durations.parse("2562047h47m16s854775807ns")).contains(Duration.ofNanos(Long.MAX_VALUE));
    assertThat(Durations.parse("9223372036854775807ns")).contains(Duration.ofNanos(Long.MAX_VALUE));
    assertThat(Durations.parse("-9223372036854775807ns")).contains(Duration.ofNanos(-Long.MAX_VALUE));
    assertThat(Durations.parse("1h1.5s2ms")).contains(Duration.ofMillis(3_601_502));
    assertThat(Durations.parse("000030s")).contains(Duration.ofSeconds(30));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2562048h", "2562047h47m16s854775808ns", "9223372036854775808ns",
      "99999999999999999999s", "1h9223372036854775807ns"})
  void durationsBeyondALongAreRejected(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @Test
  void microAndNanoSeconds() {
    assertThat(Durations.parse("1us")).contains(Duration.ofNanos(1000));
    assertThat(Durations.parse("1\u00b5s")).contains(Duration.ofNanos(1000));
    assertThat(Durations.parse("3ns")).contains(Duration.ofNanos(3));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "1d", "s", "1.2.3s", "-", "1m30", "1 s", "."})
  void rejectsWhatGoRejects(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "90000000000, 1m30s", "3900000000000, 1h5m0s", "1500000000, 1.5s", "10000000, 10ms", "0, 0s",
    "7200000000000, 2h0m0s", "1500, 1.5\u00b5s", "999, 999ns", "-60000000000, -1m0s"})
  void formatsLikeGo(long nanos, String text) {
    assertThat(Durations.format(Duration.ofNanos(nanos))).isEqualTo(text);
  }

  @Test
  void invalidDurationIsAnError() {
    Fixture f = new Fixture();
    f.service(web("image: a", "stop_grace_period: 10 seconds", "healthcheck:", "  interval: 30"));
    assertThat(f.errors()).containsExactlyInAnyOrder(
        "compose.yaml:4:24: error: services.web.stop_grace_period: invalid duration \"10 seconds\"; a number with a unit ns, us, ms, s, m or h, e.g. \"1m30s\" or \"500ms\"",
        "compose.yaml:6:17: error: services.web.healthcheck.interval: expected a string, found the number 30; e.g. \"1m30s\"");
  }
}
