/**
 * What a check concluded: its {@link dev.pgwarden.results.Outcome}, the findings that name offending
 * objects with remediation and rollback text, and the codec that carries results between the engine and
 * the reports.
 */
package dev.pgwarden.results;
