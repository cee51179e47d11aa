package dev.compose2eb.plan;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images compose2eb can replace with a managed AWS service, and the facts of each engine:
 * the service that runs it, its port, the cheapest current burstable class (Graviton t4g, the
 * lowest hourly price of the current generation in RDS's and ElastiCache's price lists), and the
 * engine versions an image tag maps to. docs/managed.md keeps the same table.
 */
public enum ManagedEngine {
  POSTGRES("PostgreSQL", Service.RDS, "postgres", 5432, "db.t4g.micro",
      List.of("postgres", "postgis"), "17", List.of("13", "14", "15", "16", "17")),
  MYSQL("MySQL", Service.RDS, "mysql", 3306, "db.t4g.micro",
      List.of("mysql"), "8.4", List.of("8.0", "8.4")),
  MARIADB("MariaDB", Service.RDS, "mariadb", 3306, "db.t4g.micro",
      List.of("mariadb"), "11.4", List.of("10.5", "10.6", "10.11", "11.4")),
  REDIS("Redis OSS", Service.ELASTICACHE, "redis", 6379, "cache.t4g.micro",
      List.of("redis"), "7.1", List.of("6.2", "7.0", "7.1")),
  VALKEY("Valkey", Service.ELASTICACHE, "valkey", 6379, "cache.t4g.micro",
      List.of("valkey"), "8.0", List.of("7.2", "8.0")),
  MEMCACHED("Memcached", Service.ELASTICACHE, "memcached", 11211, "cache.t4g.micro",
      List.of("memcached"), "1.6.22", List.of("1.6.22"));

  /** The AWS service an engine runs on. */
  public enum Service {
    RDS("Amazon RDS", "AWS::RDS::DBInstance"),
    ELASTICACHE("Amazon ElastiCache", "AWS::ElastiCache::CacheCluster");

    public final String title;
    public final String resourceType;

    Service(String title, String resourceType) {
      this.title = title;
      this.resourceType = resourceType;
    }
  }

  /** RDS's smallest gp3 volume, in GiB; also the default. */
  public static final int MIN_STORAGE_GIB = 20;
  /** RDS's largest volume for these engines, in GiB. */
  public static final int MAX_STORAGE_GIB = 65536;

  public final String title;
  public final Service service;
  /** The {@code Engine} value of the CloudFormation resource. */
  public final String cfnEngine;
  public final int port;
  public final String defaultClass;
  /** Image repository names (the last path segment) that run this engine. */
  public final List<String> images;
  public final String defaultVersion;
  public final List<String> versions;

  ManagedEngine(String title, Service service, String cfnEngine, int port, String defaultClass,
      List<String> images, String defaultVersion, List<String> versions) {
    this.title = title;
    this.service = service;
    this.cfnEngine = cfnEngine;
    this.port = port;
    this.defaultClass = defaultClass;
    this.images = images;
    this.defaultVersion = defaultVersion;
    this.versions = versions;
  }

  public boolean isDatabase() {
    return service == Service.RDS;
  }

  /** What the supported images are, for the message about an image that is not one. */
  public static String supportedImages() {
    return "postgres (and postgis), mysql, mariadb (RDS); redis, valkey, memcached (ElastiCache)";
  }

  /** The engine an image runs, by its repository's last segment ({@code bitnami/redis} is redis). */
  public static Optional<ManagedEngine> ofImage(String image) {
    String repo = ImageReference.repository(image);
    String last = repo.substring(repo.lastIndexOf('/') + 1);
    for (ManagedEngine e : values()) {
      if (e.images.contains(last)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private static final Pattern LEADING_VERSION = Pattern.compile("^v?(\\d+)(?:\\.(\\d+))?");

  /**
   * The engine version for an image tag: the managed service's version of the same major
   * ({@code 16-alpine} is PostgreSQL 16, {@code 7.2} is Redis OSS 7.1's line, {@code 8} is MySQL
   * 8.4); empty when the tag names a version the service does not run. A tag without a version
   * ({@code latest}, {@code alpine}, none) gives {@link #defaultVersion}.
   */
  public Optional<String> versionForTag(String tag) {
    Matcher m = LEADING_VERSION.matcher(tag);
    if (!m.find()) {
      return Optional.of(defaultVersion);
    }
    String major = m.group(1);
    String minor = m.group(2);
    String majorMinor = minor == null ? major : major + "." + minor;
    return switch (this) {
      case POSTGRES -> versions.contains(major) ? Optional.of(major) : Optional.empty();
      case MYSQL, MARIADB -> {
        if (versions.contains(majorMinor)) {
          yield Optional.of(majorMinor);
        }
        // a major alone means its newest line, as the image tags do (mysql:8 is 8.4)
        yield minor == null ? versions.stream().filter(v -> v.startsWith(major + "."))
            .reduce((a, b) -> b) : Optional.empty();
      }
      // ElastiCache runs one line per major: redis 7.2 images speak what 7.1 offers
      case REDIS, VALKEY -> versions.stream().filter(v -> v.startsWith(major + "."))
          .reduce((a, b) -> b);
      case MEMCACHED -> major.equals("1") && (minor == null || minor.equals("6"))
          ? Optional.of(defaultVersion) : Optional.empty();
    };
  }
}
