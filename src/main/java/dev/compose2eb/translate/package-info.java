/**
 * Compose model to Dockerrun.aws.json v2: one container per service, links synthesised for the
 * names each service reaches, memory, ports, volumes and the rest mapped to their ECS fields, and
 * every key that is dropped or approximated reported. Reads no files itself: config files to scan
 * for host names come through {@link dev.compose2eb.translate.ProjectFiles}.
 */
package dev.compose2eb.translate;
