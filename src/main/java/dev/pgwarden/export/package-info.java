/**
 * Hands pgwarden's checks to the systems that page people: alerting rules, exporter queries and agent
 * configuration derived from the checks' metadata (measures, their threshold parameters, remediation), so a
 * check added to {@code rules/} flows into every export without code of its own; and to the people paged, a
 * runbook of one run's findings.
 */
package dev.pgwarden.export;
