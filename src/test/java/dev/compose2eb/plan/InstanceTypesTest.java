package dev.compose2eb.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceTypesTest {
  @Test
  void theDefaultIsInTheTable() {
    assertThat(InstanceTypes.find(InstanceTypes.DEFAULT)).contains(InstanceTypes.defaultType());
    assertThat(InstanceTypes.defaultType().memoryMib()).isEqualTo(2048);
  }

  @Test
  void installedMemoryAsAwsListsIt() {
    assertThat(InstanceTypes.find("t3.micro")).map(InstanceType::memoryMib).contains(1024);
    assertThat(InstanceTypes.find("t2.nano")).map(InstanceType::memoryMib).contains(512);
    assertThat(InstanceTypes.find("t4g.2xlarge")).map(InstanceType::memoryMib).contains(32768);
    assertThat(InstanceTypes.find("m7g.medium")).map(InstanceType::memoryMib).contains(4096);
    assertThat(InstanceTypes.find("m5.large")).map(InstanceType::memoryMib).contains(8192);
    assertThat(InstanceTypes.find("c5.large")).map(InstanceType::memoryMib).contains(4096);
    assertThat(InstanceTypes.find("c7g.medium")).map(InstanceType::memoryMib).contains(2048);
    assertThat(InstanceTypes.find("r6i.2xlarge")).map(InstanceType::memoryMib).contains(65536);
  }

  @Test
  void theTableChecksAgreeWithTheirPatterns() {
    for (String s : List.of("t3.small", "m5d.2xlarge", "u-6tb1.metal", "a.b", "t3", "t3.", ".small",
        "t3..small", "t3.sm-all", "T3.small", "t3.small.x", "-.1", "t3 .small", "", "0", "42", "4x2",
        "\u0663", " 1")) {
      assertThat(InstanceTypes.isTypeName(s)).as(s).isEqualTo(s.matches("[a-z0-9-]+\\.[a-z0-9]+"));
      assertThat(InstanceTypes.isDigits(s)).as(s).isEqualTo(s.matches("\\d+"));
    }
  }

  @Test
  void lookupIgnoresCaseAndSpaces() {
    assertThat(InstanceTypes.find(" T3.Small ")).map(InstanceType::name).contains("t3.small");
    assertThat(InstanceTypes.find("t3.humongous")).isEmpty();
    assertThat(InstanceTypes.find("")).isEmpty();
  }

  @Test
  void everyRequestedFamilyHasNanoOrItsSmallestSizeTo2xlarge() {
    for (String family : List.of("t2", "t3", "t3a", "t4g")) {
      for (String size : List.of("nano", "micro", "small", "medium", "large", "xlarge", "2xlarge")) {
        assertThat(InstanceTypes.find(family + "." + size)).as(family + "." + size).isPresent();
      }
    }
    for (String family : List.of("m5", "m6i", "m7i", "m7g", "c5", "c6i", "c7g", "r5", "r6i")) {
      for (String size : List.of("large", "xlarge", "2xlarge")) {
        assertThat(InstanceTypes.find(family + "." + size)).as(family + "." + size).isPresent();
      }
    }
  }

  @Test
  void budgetIsNinetyPercentOfInstalledMemory() {
    assertThat(InstanceTypes.find("t3.micro").orElseThrow().budgetMib()).isEqualTo(921);
    assertThat(InstanceTypes.find("t3.small").orElseThrow().budgetMib()).isEqualTo(1843);
    // below what ECS registers on AWS's own example, an m4.large registering 7985 of 8192 MiB
    assertThat(new InstanceType("m4.large", 8192).budgetMib()).isLessThan(7985);
  }

  @Test
  void smallestFittingTypesAreThoseWithTheLeastMemoryThatHolds() {
    List<String> names = InstanceTypes.smallestFitting(1000).stream().map(InstanceType::name).toList();
    assertThat(names).contains("t3.small", "t4g.small", "c7g.medium").doesNotContain("t3.micro",
        "t3.medium");
    assertThat(InstanceTypes.smallestFitting(900)).extracting(InstanceType::memoryMib).containsOnly(1024);
    assertThat(InstanceTypes.smallestFitting(10_000_000)).isEmpty();
  }

  @Test
  void familyIsThePartBeforeTheDot() {
    assertThat(InstanceTypes.find("m7i.large").orElseThrow().family()).isEqualTo("m7i");
  }
}
