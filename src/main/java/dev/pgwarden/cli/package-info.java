/**
 * picocli commands of the {@code pgwarden} command line: options, exit codes and the one-line
 * messages users see; the work is done in the packages below.
 */
package dev.pgwarden.cli;
