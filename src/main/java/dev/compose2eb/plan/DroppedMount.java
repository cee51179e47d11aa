package dev.compose2eb.plan;

/**
 * A mount of a service left out of the production output.
 *
 * @param service the service
 * @param index the index of the mount in the service's {@code volumes}
 * @param reason why, in a few words, for the report and for writers that leave a comment
 */
public record DroppedMount(String service, int index, String reason) {}
