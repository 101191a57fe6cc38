/** The {@code pgwarden} command line (picocli): commands, options and exit codes, nothing else. */
package dev.pgwarden.cli;
